/** One cell as a reader hands it over: CSV gives text; XLSX also numbers, booleans, dates. */
export type CellValue = string | number | boolean | Date | null;

/** A data row of a file: its number as a spreadsheet shows it (the header is row 1). */
export interface SourceRow {
  readonly rowNumber: number;
  readonly cells: readonly CellValue[];
}

/** A cell as text, for value mapping, keys and error reports. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return String(value).trim();
}

export function isEmptyCell(value: CellValue | undefined): boolean {
  return cellText(value) === '';
}

/** Blank lines between records are not rows anyone means to import. */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every(isEmptyCell);
}
