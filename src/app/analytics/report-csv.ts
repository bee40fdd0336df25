import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../imports/sinks.js';
import type { ReportTable } from './report.js';

/**
 * A report's table as CSV. Cells that a spreadsheet would run as a formula are defused like
 * every export; a byte-order mark (for files) lets Excel open Chinese text as UTF-8.
 */
export function reportCsv(table: ReportTable, options: { bom: boolean }): string {
  const text = (cell: string | number | null) => (cell === null ? '' : String(cell));
  return stringify(
    [table.headers, ...table.rows].map((row) => row.map((cell) => neutraliseFormula(text(cell)))),
    { bom: options.bom },
  );
}
