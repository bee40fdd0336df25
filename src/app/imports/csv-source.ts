import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { SourceRow } from '../../domain/imports/cells.js';
import { restoreFormulaText } from './sinks.js';
import { headerText, unreadableFile } from './tabular.js';
import type { TabularSource } from './tabular.js';

type Encoding = 'utf-8' | 'gb18030' | 'utf-16le';

/** Bytes to text; an invalid byte is an error, not a silent replacement character. */
async function* decode(input: AsyncIterable<Buffer>, encoding: Encoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of input) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw unreadableFile(
      'bad_encoding',
      encoding === 'utf-8'
        ? 'the file is not UTF-8: set "encoding" (e.g. "gb18030" for files saved by Excel in Chinese)'
        : `the file is not ${encoding}`,
    );
  }
}

/** The separator the header line uses most: comma, semicolon, tab or vertical bar. */
function sniffDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Holds text back until the header line is complete, to sniff its delimiter first. */
async function* withDelimiter(
  text: AsyncGenerator<string>,
  found: (delimiter: string) => void,
): AsyncGenerator<string> {
  let head: string | null = '';
  for await (const chunk of text) {
    if (head === null) {
      yield chunk;
      continue;
    }
    head += chunk;
    if (head.includes('\n') || head.length > 65_536) {
      found(sniffDelimiter(head.split('\n')[0] ?? ''));
      yield head;
      head = null;
    }
  }
  if (head !== null) {
    found(sniffDelimiter(head.split('\n')[0] ?? ''));
    yield head;
  }
}

/**
 * Streams a CSV file: any encoding we name, the delimiter sniffed from the header line,
 * quoted fields with commas and line breaks, rows with missing or extra cells tolerated
 * (missing are empty, extra are ignored). The row number is the file line the row ends on.
 */
export async function readCsv(input: Readable, encoding: Encoding): Promise<TabularSource> {
  let delimiter = ',';
  const text = withDelimiter(decode(input, encoding), (d) => (delimiter = d));
  const first = await text.next();
  if (first.done) throw unreadableFile('empty', 'the file is empty');
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 1_000_000,
  });
  const source = Readable.from(
    (async function* () {
      yield first.value;
      yield* text;
    })(),
  );
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
  }>;
  const header = await nextRecord(records);
  if (!header) throw unreadableFile('empty', 'the file has no header row');
  return {
    headers: header.record.map((cell) => headerText(restoreFormulaText(cell))),
    rows: (async function* (): AsyncGenerator<SourceRow> {
      for (let next = await nextRecord(records); next; next = await nextRecord(records)) {
        yield { rowNumber: next.info.lines, cells: next.record.map(restoreFormulaText) };
      }
    })(),
  };
}

async function nextRecord<T>(records: AsyncIterator<T>): Promise<T | undefined> {
  try {
    const next = await records.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    if (error instanceof CsvError)
      throw unreadableFile('malformed_csv', error.message.replace(/^Invalid [^:]*: /, ''));
    throw error;
  }
}
