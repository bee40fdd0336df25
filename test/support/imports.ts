import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ApiClient, ApiResponse } from './client.js';

/** A cell of a test file: text and numbers; a Date becomes a real date cell in XLSX. */
export type TestCell = string | number | Date | null;

export function csvFile(rows: readonly (readonly TestCell[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell))),
  );
}

/** An XLSX workbook; date cells get a date format so readers see dates, not serials. */
export async function xlsxFile(
  rows: readonly (readonly TestCell[])[],
  sheet = 'Sheet1',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  for (const row of rows) {
    const added = worksheet.addRow([...row]);
    row.forEach((cell, i) => {
      if (cell instanceof Date) added.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows of a CSV text, a byte-order mark ignored. */
export function readCsvText(text: string): string[][] {
  const rows: string[][] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true });
  return rows;
}

export async function readXlsxBytes(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

export interface ImportBody {
  id: string;
  status: string;
  dryRun: boolean;
  counts: {
    rows: number;
    imported: number;
    skipped: number;
    failed: number;
    accountsCreated: number;
  };
  errors: { row: number; field: string | null; code: string; message: string }[];
  errorReport: string;
}

export function importFile(
  client: ApiClient,
  entity: string,
  file: { name: string; content: string | Uint8Array },
  mapping?: unknown,
  query = '',
): Promise<ApiResponse<ImportBody>> {
  return client.uploadWith<ImportBody>(
    `/api/v1/imports/${entity}${query}`,
    file,
    mapping === undefined ? {} : { mapping: JSON.stringify(mapping) },
  );
}

/** Every record of a list endpoint, following the cursor. */
export async function listAll<T>(client: ApiClient, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: ApiResponse<{ items: T[]; nextCursor: string | null }> = await client.get(
      `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (page.status !== 200)
      throw new Error(`${path}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** A binary download as bytes (the test client reads bodies as text). */
export async function download(
  client: ApiClient,
  path: string,
): Promise<{ status: number; type: string; bytes: Uint8Array }> {
  const cookie = (client as unknown as { cookies: Map<string, string> }).cookies;
  const response = await fetch(`${client.baseUrl}${path}`, {
    headers: {
      cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join('; '),
      'accept-language': 'en',
    },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}
