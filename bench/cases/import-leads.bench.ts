import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { createTenant } from '../../src/app/tenants.service.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawStatement, RawValue } from '../raw-driver.js';
import type { CaseResult } from '../results.js';
import { slowdown, summarise } from '../stats.js';
import type { Measurement } from '../stats.js';
import type { CaseEnvironment } from './environment.js';

const PASSWORD = 'bench-password-1';
/** The importer's batch: rows per transaction. */
const BATCH = 1000;
/** Bound parameters per statement, as the app's bulk insert (SQLite allows 32,766). */
const MAX_PARAMETERS = 30_000;
/** Written by the scoring service, not by an import: left to their defaults on both sides. */
const NOT_IMPORTED = new Set(['score', 'score_explanation', 'scored_at']);

/** A lead file as a CRM export has it: every row good, every field the importer parses. */
function leadsCsv(rows: number): string {
  const lines = ['name,company,email,phone,industry,region,source,status,createdAt'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `Lead ${i},Company ${i % 5000} 有限公司,lead${i}@example.test,+86 138 ${String(i).padStart(8, '0')},` +
        `software,华东,event,${i % 3 === 0 ? 'contacted' : 'new'},2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Signs in with fetch (the bench client sends JSON only) and uploads one multipart form. */
async function upload(url: string, email: string, csv: string): Promise<{ counts: object }> {
  const login = await fetch(new URL('/api/v1/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in: ${login.status}`);
  const cookies = login.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('pw_csrf='))?.slice('pw_csrf='.length) ?? '';
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'leads.csv');
  // Encoded by fetch's own multipart writer, sent with node:http: fetch gives up waiting for
  // response headers after five minutes, and a large import may take longer on a busy machine.
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const { status, text } = await new Promise<{ status: number; text: string }>(
    (resolve, reject) => {
      const req = request(
        new URL('/api/v1/imports/leads', url),
        {
          method: 'POST',
          headers: {
            cookie: cookies.join('; '),
            'x-csrf-token': csrf,
            'content-type': encoded.headers.get('content-type') ?? '',
            'content-length': String(body.length),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
  if (status !== 201) throw new Error(`import: ${status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { counts: object };
}

/** One long operation: `rows` rows in `seconds`; the latency columns hold per-batch times. */
function rowsMeasurement(rows: number, seconds: number, batchMs: readonly number[]): Measurement {
  return {
    ops: rows,
    seconds,
    opsPerSecond: rows / seconds,
    msPerOp: (seconds * 1000) / rows,
    latency: summarise(batchMs),
  };
}

/** Multi-row INSERTs of `rows` into `table`, as large as the parameter bound allows. */
function inserts(table: string, rows: readonly Record<string, RawValue>[]): RawStatement[] {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const statements: RawStatement[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    statements.push({
      sql: `insert into ${table} (${columns.join(', ')}) values ${slice.map(() => tuple).join(', ')}`,
      params: slice.flatMap((row) => columns.map((column) => row[column] ?? null)),
    });
  }
  return statements;
}

const rawValue = (value: unknown): RawValue =>
  value === null || value === undefined
    ? null
    : typeof value === 'number' || typeof value === 'string'
      ? value
      : value instanceof Date
        ? value.toISOString()
        : JSON.stringify(value);

/**
 * Importing leads: a CSV of `config.import.rows` rows uploaded to `POST /api/v1/imports/leads`
 * (read, mapped, validated, owners and pools settled, written 1,000 rows per transaction with
 * each row's import key, the run's counts and finally ANALYZE), against the floor: the very
 * lead rows and import keys the import wrote, copied under a second tenant with new ids and
 * inserted straight through the driver with multi-row INSERTs, one transaction per 1,000 rows.
 */
export async function benchImportLeads(env: CaseEnvironment): Promise<CaseResult> {
  const { rows } = env.config.import;
  const db = env.runtime.store.db;
  const tenants = [];
  for (const side of ['api', 'floor']) {
    const slug = `bench-import-${side}-${randomBytes(3).toString('hex')}`;
    tenants.push(
      await createTenant(
        env.runtime.ctx,
        { slug, name: slug, admin: { email: `admin@${slug}.test`, password: PASSWORD } },
        'bench-setup',
      ),
    );
  }
  const [api, floor] = tenants;
  if (!api || !floor) throw new Error('tenants');
  const csv = leadsCsv(rows);

  const started = performance.now();
  const result = await upload(env.url, api.admin.email, csv);
  const apiSeconds = (performance.now() - started) / 1000;

  // What the import wrote, read back outside the timings, becomes the floor's input.
  const leads = (await db
    .selectFrom('leads')
    .selectAll()
    .where('tenant_id', '=', api.tenant.id)
    .orderBy('id')
    .execute()) as unknown as Record<string, unknown>[];
  const keys = await db
    .selectFrom('import_keys')
    .select(['record_id', 'external_key'])
    .where('tenant_id', '=', api.tenant.id)
    .execute();
  if (leads.length !== rows || keys.length !== rows)
    throw new Error(
      `the import wrote ${leads.length} leads and ${keys.length} keys for ${rows} rows`,
    );
  const keyOf = new Map(keys.map((key) => [key.record_id, key.external_key]));
  // Leads without an owner sit in the tenant's default pool: the floor's in its own.
  const pool = await db
    .selectFrom('pools')
    .select('id')
    .where('tenant_id', '=', floor.tenant.id)
    .where('is_default', '=', 1)
    .executeTakeFirstOrThrow();
  const importId = uuidv7();
  const batches: RawStatement[][] = [];
  for (let start = 0; start < leads.length; start += BATCH) {
    const leadRows: Record<string, RawValue>[] = [];
    const keyRows: Record<string, RawValue>[] = [];
    for (const lead of leads.slice(start, start + BATCH)) {
      const id = uuidv7();
      const row: Record<string, RawValue> = {};
      for (const [column, value] of Object.entries(lead))
        if (!NOT_IMPORTED.has(column)) row[column] = rawValue(value);
      leadRows.push({ ...row, tenant_id: floor.tenant.id, id, pool_id: pool.id });
      keyRows.push({
        tenant_id: floor.tenant.id,
        entity: 'leads',
        external_key: keyOf.get(String(lead.id)) ?? id,
        record_id: id,
        import_id: importId,
        created_at: new Date().toISOString(),
      });
    }
    batches.push([...inserts('leads', leadRows), ...inserts('import_keys', keyRows)]);
  }

  const driver = openRawDriver(env.target, 1);
  try {
    // The floor's keys point at an import run, as the importer's do.
    await driver.transaction([
      {
        sql: `insert into imports (tenant_id, id, entity, file_name, format, dry_run, status,
          headers, mapping, total_rows, imported_rows, skipped_rows, failed_rows,
          created_accounts, failure, created_by, started_at, finished_at)
          values (?, ?, 'leads', 'leads.csv', 'csv', 0, 'completed', '[]', '{}', ?, ?, 0, 0, 0,
          null, null, ?, ?)`,
        params: [floor.tenant.id, importId, rows, rows, new Date().toISOString(), null],
      },
    ]);
    const batchMs: number[] = [];
    const floorStarted = performance.now();
    for (const statements of batches) {
      const at = performance.now();
      await driver.transaction(statements);
      batchMs.push(performance.now() - at);
    }
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    const [written] = await driver.query<{ n: number | string }>({
      sql: 'select count(*) as n from leads where tenant_id = ?',
      params: [floor.tenant.id],
    });
    const apiMeasurement = rowsMeasurement(rows, apiSeconds, [apiSeconds * 1000]);
    const floorMeasurement = rowsMeasurement(rows, floorSeconds, batchMs);
    const notes = [
      `one upload of ${rows.toLocaleString('en')} rows (${(csv.length / 1024 / 1024).toFixed(1)} MiB); ` +
        `ops are rows; API latency is the whole request, the floor's per 1,000-row transaction`,
      `import counts ${JSON.stringify(result.counts)}`,
    ];
    if (Number(written?.n) !== rows) notes.push(`the floor wrote ${written?.n} leads`);
    return {
      title: 'Import leads (CSV)',
      operation: 'POST /api/v1/imports/leads',
      concurrency: 1,
      api: apiMeasurement,
      floor: floorMeasurement,
      floorConcurrency: 1,
      ratio: slowdown(apiMeasurement, floorMeasurement),
      notes,
    };
  } finally {
    await driver.close();
  }
}
