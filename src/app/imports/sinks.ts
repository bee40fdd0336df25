import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { cellText } from '../../domain/imports/cells.js';
import type { CellValue } from '../../domain/imports/cells.js';

const PLAIN_NUMBER = /^[+-]?\d[\d,]*(\.\d+)?$/;

/**
 * Spreadsheet programs run a CSV cell that starts with = + - or @ as a formula (CSV
 * injection): such text is written with a leading apostrophe, which they show as text and
 * our reader removes again. Plain numbers such as -12.50 stay as they are.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function restoreFormulaText(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** CSV with a byte-order mark, so Excel opens Chinese text as UTF-8. */
export async function writeCsv(
  headers: readonly string[],
  rows: AsyncIterable<readonly CellValue[]>,
  out: Writable,
): Promise<void> {
  async function* lines() {
    yield headers.map(neutraliseFormula);
    for await (const row of rows) yield row.map((cell) => neutraliseFormula(cellText(cell)));
  }
  await pipeline(Readable.from(lines()), stringify({ bom: true }), out);
}

/** One worksheet, written row by row as the rows arrive (nothing is held in memory). */
export async function writeXlsx(
  sheetName: string,
  headers: readonly string[],
  rows: AsyncIterable<readonly CellValue[]>,
  out: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...headers]).commit();
  for await (const row of rows) sheet.addRow([...row]).commit();
  sheet.commit();
  await workbook.commit();
}
