import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '../../domain/errors.js';
import type { SourceRow } from '../../domain/imports/cells.js';
import type { ImportFormat } from '../../domain/imports/import-run.js';
import type { ImportMapping } from '../../domain/imports/mapping.js';
import { readCsv } from './csv-source.js';
import { readXlsx } from './xlsx-source.js';

/** A file's header row and its data rows, read as they stream in. */
export interface TabularSource {
  readonly headers: readonly string[];
  readonly rows: AsyncIterable<SourceRow>;
}

/** Something wrong with the file itself (not one of its rows): 400 with the reason. */
export const unreadableFile = (code: string, message: string): DomainError =>
  new DomainError('validation_failed', {}, [{ path: 'file', code, message }]);

/**
 * The format from the file's first bytes when we have them (an XLSX is a zip: "PK"), else
 * from its name. The old binary .xls is refused: save it as .xlsx or .csv.
 */
export function detectFormat(fileName: string, head?: Uint8Array): ImportFormat {
  if (head && head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  const extension = extname(fileName).toLowerCase();
  if (extension === '.xls')
    throw unreadableFile('unsupported_format', 'save .xls files as .xlsx or .csv first');
  if (extension === '.xlsx') return head ? failNotZip() : 'xlsx';
  return 'csv';
}

function failNotZip(): never {
  throw unreadableFile('unreadable', 'not an XLSX file');
}

export function openSource(
  format: ImportFormat,
  input: Readable,
  mapping: Pick<ImportMapping, 'sheet' | 'encoding'>,
): Promise<TabularSource> {
  return format === 'csv'
    ? readCsv(input, mapping.encoding ?? 'utf-8')
    : readXlsx(input, mapping.sheet ?? null);
}

/** Header cells as text: trimmed, a stray byte-order mark removed. */
export function headerText(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : value instanceof Date
          ? value.toISOString()
          : '';
  return text.replace(/^\uFEFF/, '').trim();
}
