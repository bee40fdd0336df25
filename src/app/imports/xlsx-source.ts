import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { isBlankRow } from '../../domain/imports/cells.js';
import type { CellValue, SourceRow } from '../../domain/imports/cells.js';
import { headerText, unreadableFile } from './tabular.js';
import type { TabularSource } from './tabular.js';

/** Excel's own limits: a sheet holds at most this many columns. */
const MAX_COLUMNS = 16_384;

/**
 * A cell as a value: formulas give their cached result, rich text its plain text, links
 * their text; an error cell (#N/A) is empty. Date cells arrive as Date objects whose UTC
 * fields hold the wall clock the sheet shows (see dates.ts).
 */
export function excelCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const cell = value as {
      richText?: { text?: unknown }[];
      result?: unknown;
      text?: unknown;
      error?: unknown;
    };
    if (Array.isArray(cell.richText))
      return cell.richText.map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
    if ('result' in cell) return excelCell(cell.result);
    if (cell.text !== undefined) return excelCell(cell.text);
  }
  return null;
}

async function* sheetRows(input: Readable, sheet: string | null): AsyncGenerator<SourceRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date cell from a number; without them dates arrive as serials.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let found = false;
  for await (const worksheet of workbook) {
    const name = (worksheet as unknown as { name?: string }).name ?? '';
    if (found || (sheet !== null && name !== sheet)) continue;
    found = true;
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
      if (values.length > MAX_COLUMNS + 1) throw unreadableFile('too_wide', 'too many columns');
      // ExcelJS rows are 1-based: index 0 is always empty.
      yield { rowNumber: row.number, cells: values.slice(1).map(excelCell) };
    }
  }
  if (!found)
    throw unreadableFile(
      'missing_sheet',
      sheet ? `the file has no sheet "${sheet}"` : 'the file has no sheet',
    );
}

/** Streams the first sheet (or the named one) of an XLSX file; its first non-blank row is the header. */
export async function readXlsx(input: Readable, sheet: string | null): Promise<TabularSource> {
  const rows = sheetRows(input, sheet);
  let header: SourceRow | undefined;
  try {
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      if (!isBlankRow(next.value.cells)) {
        header = next.value;
        break;
      }
    }
  } catch (error) {
    if (error instanceof Error && error.name !== 'DomainError')
      throw unreadableFile('unreadable', `not a readable XLSX file (${error.message})`);
    throw error;
  }
  if (!header) throw unreadableFile('empty', 'the sheet has no header row');
  return {
    headers: header.cells.map(headerText),
    rows: (async function* () {
      for (let next = await rows.next(); !next.done; next = await rows.next()) yield next.value;
    })(),
  };
}
