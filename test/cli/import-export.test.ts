import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../support/cli.js';
import { readCsvText, readXlsxBytes } from '../support/imports.js';

/**
 * `pipewright import` and `pipewright export`: a mapping file turns a source system's
 * columns and words into ours, a dry run writes nothing, refused rows go to an error report
 * and make the exit code 1, progress goes to stderr, and what `export` writes imports again.
 */
let dir: string;
let db: string;
let stderr: string[];

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const leadsCsv = [
  '线索名称,邮箱,来源,状态,负责人,创建日期',
  '杭州云帆,ops@yunfan.test,展会,新线索,boss@acme.test,2026/01/05',
  '苏州精工,sales@jinggong.test,官网,已联系,,2026-02-10',
  '坏邮箱,not-an-email,展会,新线索,,2026-02-11',
  '',
].join('\n');

const mapping = JSON.stringify({
  columns: {
    线索名称: 'name',
    邮箱: 'email',
    来源: 'source',
    状态: 'status',
    负责人: 'owner',
    创建日期: 'createdAt',
  },
  values: {
    source: { 展会: 'event', 官网: 'website' },
    status: { 新线索: 'new', 已联系: 'contacted' },
  },
  defaults: { region: '华东' },
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-import-'));
  db = join(dir, 'import.db');
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  for (const slug of ['acme', 'other']) {
    const tenant = await cli(
      'tenant',
      'create',
      slug,
      '--admin-email',
      `boss@${slug}.test`,
      '--admin-password',
      'correct horse battery',
      '--db',
      db,
    );
    expect(tenant.code, tenant.err).toBe(0);
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('pipewright import', () => {
  it('imports with a mapping file, reports refused rows and exits 1; a re-run adds nothing', async () => {
    const csv = file('leads.csv', leadsCsv);
    const map = file('map.json', mapping);
    const report = join(dir, 'errors.csv');
    const args = ['import', 'leads', csv, '--tenant', 'acme', '--map', map, '--db', db];

    const dry = await cli(...args, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('Dry run');
    expect(dry.out).toContain('3 rows, 2 would be imported, 0 already imported, 1 not imported');
    const none = await cli(
      'export',
      'leads',
      '--tenant',
      'acme',
      '--out',
      join(dir, 'none.csv'),
      '--db',
      db,
    );
    expect(none.out).toContain('Exported 0 leads');

    const first = await cli(...args, '--error-report', report);
    expect(first.code).toBe(1);
    expect(first.out).toContain('3 rows, 2 imported, 0 already imported, 1 not imported');
    expect(first.err).toContain('1 rows were not imported');
    // Progress with rows per second went to stderr.
    expect(stderr.join('')).toMatch(/100% {2}3 rows {2}[\d,]+ rows\/s/);
    const reported = readCsvText(readFileSync(report, 'utf8'));
    expect(reported[0]).toEqual([
      'row',
      'errors',
      '线索名称',
      '邮箱',
      '来源',
      '状态',
      '负责人',
      '创建日期',
    ]);
    expect(reported[1]?.[0]).toBe('4');
    expect(reported[1]?.[1]).toContain('not an e-mail address');

    const again = await cli(...args);
    expect(again.out).toContain('3 rows, 0 imported, 2 already imported, 1 not imported');

    const out = join(dir, 'leads.csv');
    const exported = await cli('export', 'leads', '--tenant', 'acme', '--out', out, '--db', db);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain('Exported 2 leads');
    const rows = readCsvText(readFileSync(out, 'utf8'));
    const header = rows[0] ?? [];
    const byName = new Map(rows.slice(1).map((row) => [row[header.indexOf('name')], row]));
    const yunfan = byName.get('杭州云帆') ?? [];
    expect(yunfan[header.indexOf('source')]).toBe('event');
    expect(yunfan[header.indexOf('owner')]).toBe('boss@acme.test');
    expect(yunfan[header.indexOf('region')]).toBe('华东');
    expect(byName.get('苏州精工')?.[header.indexOf('status')]).toBe('contacted');
  });

  it('refuses an unknown entity (exit 2) and a mapping that does not fit the file (exit 1)', async () => {
    const csv = file('leads.csv', leadsCsv);
    const unknown = await cli('import', 'pets', csv, '--tenant', 'acme', '--db', db);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown entity "pets"');
    const wrong = file('wrong.json', JSON.stringify({ columns: { Name: 'name' } }));
    const misfit = await cli(
      'import',
      'leads',
      csv,
      '--tenant',
      'acme',
      '--map',
      wrong,
      '--db',
      db,
    );
    expect(misfit.code).toBe(1);
    expect(misfit.err).toContain('the file has no column "Name"');
    const notJson = file('bad.json', '{oops');
    const broken = await cli(
      'import',
      'leads',
      csv,
      '--tenant',
      'acme',
      '--map',
      notJson,
      '--db',
      db,
    );
    expect(broken.code).toBe(1);
    const badBatch = await cli(
      'import',
      'leads',
      csv,
      '--tenant',
      'acme',
      '--batch-size',
      '0',
      '--db',
      db,
    );
    expect(badBatch.code).toBe(2);
  });
});

describe('pipewright export', () => {
  it('writes CSV and XLSX that import again into another tenant', async () => {
    const accounts = file(
      'accounts.csv',
      'name,creditCode,industry\n杭州云帆科技有限公司,91330100MA2B3C4D5E,software\n=cmd|calc,,\n',
    );
    const imported = await cli('import', 'accounts', accounts, '--tenant', 'acme', '--db', db);
    expect(imported.code, imported.err).toBe(0);

    const csv = join(dir, 'accounts-out.csv');
    const xlsx = join(dir, 'accounts-out.xlsx');
    expect(
      (await cli('export', 'accounts', '--tenant', 'acme', '--out', csv, '--db', db)).code,
    ).toBe(0);
    const toXlsx = await cli('export', 'accounts', '--tenant', 'acme', '--out', xlsx, '--db', db);
    expect(toXlsx.out).toContain('Exported 2 accounts');
    // A cell that a spreadsheet would run as a formula is written as text.
    expect(readFileSync(csv, 'utf8')).toContain("'=cmd|calc");
    const sheet = await readXlsxBytes(readFileSync(xlsx));
    expect(sheet.flat()).toContain('杭州云帆科技有限公司');

    const back = await cli('import', 'accounts', xlsx, '--tenant', 'other', '--db', db);
    expect(back.code, back.err).toBe(0);
    expect(back.out).toContain('2 rows, 2 imported');
    const roundTrip = join(dir, 'other.csv');
    await cli('export', 'accounts', '--tenant', 'other', '--out', roundTrip, '--db', db);
    const [header = [], ...rows] = readCsvText(readFileSync(roundTrip, 'utf8'));
    const names = rows.map((row) => row[header.indexOf('name')]).sort();
    // (Read back raw: the apostrophe that keeps the formula text is still there.)
    expect(names).toEqual(["'=cmd|calc", '杭州云帆科技有限公司'].sort());

    const badFormat = await cli(
      'export',
      'accounts',
      '--tenant',
      'acme',
      '--out',
      csv,
      '--format',
      'pdf',
      '--db',
      db,
    );
    expect(badFormat.code).toBe(2);
  });
});
