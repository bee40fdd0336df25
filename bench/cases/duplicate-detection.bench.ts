import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { detectImported } from '../../src/app/duplicates/detect.js';
import { leadSubject } from '../../src/app/duplicates/subjects.js';
import { createTenant } from '../../src/app/tenants.service.js';
import type { ScoredLead } from '../../src/domain/leads/lead.js';
import { bulkInsert } from '../../src/store/bulk.repo.js';
import { toLeadRow } from '../../src/store/leads.repo.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawStatement, RawValue } from '../raw-driver.js';
import type { CaseResult } from '../results.js';
import { slowdown, summarise } from '../stats.js';
import type { Measurement } from '../stats.js';
import type { CaseEnvironment } from './environment.js';

function rowsMeasurement(rows: number, seconds: number, batchMs: readonly number[]): Measurement {
  return {
    ops: rows,
    seconds,
    opsPerSecond: rows / seconds,
    msPerOp: (seconds * 1000) / rows,
    latency: summarise(batchMs),
  };
}

/** The importer's batch: rows per transaction. */
const BATCH = 1000;
/** Bound parameters per statement, as the app's bulk insert (SQLite allows 32,766). */
const MAX_PARAMETERS = 30_000;

/**
 * Leads as an import brings them: every 20th row repeats an earlier e-mail (a duplicate to
 * queue), companies repeat (colleagues, not duplicates), phones are written the Chinese way.
 */
function leads(count: number, ownerId: string, now: string): ScoredLead[] {
  return Array.from({ length: count }, (_, i) => ({
    id: uuidv7(),
    name: `Lead ${i}`,
    company: `Company ${i % 5000} 有限公司`,
    title: null,
    email: `lead${i % 20 === 19 ? i - 10 : i}@example.test`,
    phone: `+86 138 ${String(i).padStart(8, '0')}`,
    industry: null,
    region: null,
    size: null,
    language: null,
    source: 'import',
    campaign: null,
    status: 'new',
    disqualifyReason: null,
    bantBudget: null,
    bantAuthority: null,
    bantNeed: null,
    bantTimeline: null,
    ownerId,
    poolId: null,
    convertedOpportunityId: null,
    lifecycle: 'active',
    ownedSince: now,
    deadlineAt: null,
    deadlineLevel: 0,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    version: 1,
    score: 0,
  }));
}

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
      : JSON.stringify(value);

/**
 * Duplicate detection at import size: `config.import.rows` leads written 1,000 per
 * transaction as the importer writes them (bulk insert, then their match keys and the
 * pairs they form with everything stored before), against the floor: the same lead rows
 * inserted straight through the driver under a second tenant, one transaction per 1,000.
 * The ratio is what detection adds to the bare insert.
 */
export async function benchDuplicateDetection(env: CaseEnvironment): Promise<CaseResult> {
  const { rows } = env.config.import;
  const tenants = [];
  for (const side of ['api', 'floor']) {
    const slug = `bench-dup-${side}-${randomBytes(3).toString('hex')}`;
    tenants.push(
      await createTenant(
        env.runtime.ctx,
        { slug, name: slug, admin: { email: `admin@${slug}.test`, password: 'bench-password-1' } },
        'bench-setup',
      ),
    );
  }
  const [api, floor] = tenants;
  if (!api || !floor) throw new Error('tenants');
  const now = new Date().toISOString();
  const db = env.runtime.store.db;

  const apiLeads = leads(rows, api.admin.id, now);
  const apiMs: number[] = [];
  let pairs = 0;
  const apiStarted = performance.now();
  for (let start = 0; start < rows; start += BATCH) {
    const batch = apiLeads.slice(start, start + BATCH);
    const at = performance.now();
    await db.transaction().execute(async (trx) => {
      await bulkInsert(
        trx,
        'leads',
        batch.map((lead) => toLeadRow(api.tenant.id, lead)),
      );
      pairs += await detectImported(
        trx,
        { principal: { tenantId: api.tenant.id }, now, newId: uuidv7 },
        batch.map(leadSubject),
      );
    });
    apiMs.push(performance.now() - at);
  }
  const apiSeconds = (performance.now() - apiStarted) / 1000;

  const floorLeads = leads(rows, floor.admin.id, now);
  const driver = openRawDriver(env.target, 1);
  try {
    const floorMs: number[] = [];
    const floorStarted = performance.now();
    for (let start = 0; start < rows; start += BATCH) {
      const batch = floorLeads.slice(start, start + BATCH).map((lead) => {
        const row: Record<string, RawValue> = {};
        for (const [column, value] of Object.entries(toLeadRow(floor.tenant.id, lead)))
          row[column] = rawValue(value);
        return row;
      });
      const at = performance.now();
      await driver.transaction(inserts('leads', batch));
      floorMs.push(performance.now() - at);
    }
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    // Ops are rows; latencies are per 1,000-row transaction on both sides.
    const apiResult = rowsMeasurement(rows, apiSeconds, apiMs);
    const floorResult = rowsMeasurement(rows, floorSeconds, floorMs);
    return {
      title: 'Duplicate detection (import batches)',
      operation: 'insert 1,000 leads + match keys + pairs',
      concurrency: 1,
      api: apiResult,
      floor: floorResult,
      floorConcurrency: 1,
      ratio: slowdown(apiResult, floorResult),
      notes: [
        `${rows.toLocaleString('en')} leads, five match keys each; ${pairs.toLocaleString('en')} pairs queued; ` +
          'ops are rows, latencies per 1,000-row transaction; the floor inserts the lead rows only',
      ],
    };
  } finally {
    await driver.close();
  }
}
