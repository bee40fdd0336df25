import { parseCsv } from './csv';
import { readXlsxRows } from './xlsx';

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le';

export interface FilePreview {
  readonly format: 'csv' | 'xlsx';
  readonly headers: readonly string[];
  /** Up to SAMPLE_ROWS data rows, for the value-mapping step. */
  readonly rows: readonly (readonly string[])[];
}

const SAMPLE_ROWS = 2000;

/** The headers and first rows of the chosen file (XLSX by its zip signature, else CSV). */
export async function previewFile(file: File, encoding: Encoding): Promise<FilePreview> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const xlsx = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const records = xlsx
    ? await readXlsxRows(bytes, SAMPLE_ROWS + 1)
    : parseCsv(new TextDecoder(encoding).decode(bytes), SAMPLE_ROWS + 1);
  const [headers = [], ...rows] = records;
  return { format: xlsx ? 'xlsx' : 'csv', headers: headers.map((h) => h.trim()), rows };
}
