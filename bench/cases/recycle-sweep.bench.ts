import { analyseTables, seedBenchTeam } from '../bench-team.js';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { runDeadlineSweep } from '../../src/app/deadline-sweep.service.js';
import type { DeadlineSweepResult } from '../../src/app/deadline-sweep.service.js';
import { defaultDeadlineRules, dueCutoffs } from '../../src/domain/pools/deadlines.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawDriver, RawSession, RawStatement, RawValue } from '../raw-driver.js';
import type { CaseResult } from '../results.js';
import { slowdown, summarise } from '../stats.js';
import type { Measurement } from '../stats.js';
import type { CaseEnvironment } from './environment.js';

const DAY_MS = 86_400_000;
const REPS = 8;
/** Rows per multi-row INSERT while seeding (18 columns: 18,000 parameters)… */
const SEED_ROWS_PER_STATEMENT = 1000;
/** …and per seeding transaction. */
const SEED_ROWS_PER_TRANSACTION = 20_000;
/** Restored leads per transaction when the floor's work is undone. */
const RESET_BATCH = 2000;
/** Tables the sweep writes, analysed after seeding and again after the reset. */
const WRITTEN_TABLES = ['leads', 'notifications', 'ownership_history', 'audit_log'] as const;

/** A due lead as seeded: what the reset puts back after the floor recycled it. */
interface DueLead {
  readonly id: string;
  readonly ownerId: string;
  readonly ownedSince: string;
  readonly deadlineAt: string;
}

export interface SeededTenant {
  readonly tenantId: string;
  readonly poolId: string;
  readonly managerId: string;
  /** The reps' display names, which the escalation notice carries. */
  readonly repNames: ReadonlyMap<string, string>;
  readonly due: readonly DueLead[];
  /** Every seeded lead was created and last updated then; non-due deadlines are 2+ days after. */
  readonly seededAt: string;
  readonly seconds: number;
  readonly analyseSeconds: number;
}

/** The row shape of `leads` as the floor reads it (every column, as the app's load does). */
type LeadRow = Record<string, unknown> & {
  id: string;
  name: string;
  owner_id: string;
  deadline_at: string;
  deadline_level: number;
  version: number;
};

/** One long operation: `items` due leads in `seconds`; latency columns are per batch. */
function itemsMeasurement(items: number, seconds: number, batchMs: readonly number[]): Measurement {
  return {
    ops: items,
    seconds,
    opsPerSecond: items / seconds,
    msPerOp: (seconds * 1000) / items,
    latency: summarise(batchMs),
  };
}

/** Spreads `due` of `total` evenly: true for exactly `due` of the indexes 0…total-1. */
const isDue = (i: number, total: number, due: number): boolean =>
  Math.floor(((i + 1) * due) / total) > Math.floor((i * due) / total);

/**
 * The tenant: its admin and default pool from `createTenant`, a team of REPS reps with a
 * manager (the escalation target), and `leads` leads owned round-robin by the reps, `due` of
 * them with a deadline 6–36 days past (level 0: each needs notify, escalate and recycle),
 * the rest due 2–9 days from now. Leads go in through multi-row INSERTs on the floor's
 * connection, 20,000 rows per transaction, then the written tables are analysed.
 */
export async function seedRecycleTenant(
  env: CaseEnvironment,
  driver: RawDriver,
  log: (line: string) => void,
): Promise<SeededTenant> {
  const { leads, due } = env.config.recycle;
  const started = performance.now();
  const team = await seedBenchTeam(env, 'recycle', REPS);
  const reps = team.reps.map((rep) => rep.id);
  const repNames = new Map(team.reps.map((rep) => [rep.id, rep.name]));
  const pool = await env.runtime.store.db
    .selectFrom('pools')
    .select('id')
    .where('tenant_id', '=', team.tenantId)
    .where('is_default', '=', 1)
    .executeTakeFirstOrThrow();

  const now = Date.now();
  const seededAt = new Date(now).toISOString();
  const dueLeads: DueLead[] = [];
  const columns = [
    'tenant_id',
    'id',
    'name',
    'company',
    'email',
    'phone',
    'industry',
    'region',
    'source',
    'status',
    'owner_id',
    'lifecycle',
    'owned_since',
    'deadline_at',
    'deadline_level',
    'created_at',
    'updated_at',
    'version',
  ];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const insertSql = (rows: number) =>
    `insert into leads (${columns.join(', ')}) values ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  const fullSql = insertSql(SEED_ROWS_PER_STATEMENT);
  let reported = 0;
  for (let start = 0; start < leads; start += SEED_ROWS_PER_TRANSACTION) {
    const end = Math.min(leads, start + SEED_ROWS_PER_TRANSACTION);
    const statements: RawStatement[] = [];
    for (let from = start; from < end; from += SEED_ROWS_PER_STATEMENT) {
      const to = Math.min(end, from + SEED_ROWS_PER_STATEMENT);
      const params: RawValue[] = [];
      for (let i = from; i < to; i++) {
        const id = uuidv7();
        const ownerId = reps[i % REPS] ?? '';
        const late = isDue(i, leads, due);
        // Spread over whole minutes so the keyset walks many distinct deadlines.
        const minutes = (i * 7919) % (30 * 24 * 60);
        const deadline = late
          ? now - 6 * DAY_MS - minutes * 60_000
          : now + 2 * DAY_MS + (minutes % (7 * 24 * 60)) * 60_000;
        const deadlineAt = new Date(deadline).toISOString();
        const ownedSince = new Date(deadline - 7 * DAY_MS).toISOString();
        if (late) dueLeads.push({ id, ownerId, ownedSince, deadlineAt });
        params.push(
          team.tenantId,
          id,
          `Lead ${i}`,
          `Company ${i % 5000} 有限公司`,
          `lead${i}@example.test`,
          `+86 138 ${String(i).padStart(8, '0')}`,
          'software',
          '华东',
          'event',
          i % 3 === 0 ? 'contacted' : 'new',
          ownerId,
          'active',
          ownedSince,
          deadlineAt,
          0,
          ownedSince,
          seededAt,
          1,
        );
      }
      const rows = to - from;
      statements.push({
        sql: rows === SEED_ROWS_PER_STATEMENT ? fullSql : insertSql(rows),
        params,
      });
    }
    await driver.transaction(statements);
    if (end - reported >= leads / 10 || end === leads) {
      reported = end;
      log(
        `  recycle: seeded ${end.toLocaleString('en')} / ${leads.toLocaleString('en')} leads ` +
          `(${((performance.now() - started) / 1000).toFixed(0)} s; load ${loadavg()[0]?.toFixed(2)})`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const analyseStarted = performance.now();
  await analyseTables(env, WRITTEN_TABLES);
  return {
    tenantId: team.tenantId,
    poolId: pool.id,
    managerId: team.managerId,
    repNames,
    due: dueLeads,
    seededAt,
    seconds,
    analyseSeconds: (performance.now() - analyseStarted) / 1000,
  };
}

/** The app's due-item query (`dueItems`), reading every column as the app's load does. */
function duePage(
  env: CaseEnvironment,
  tenantId: string,
  now: Date,
  after: { deadlineAt: string; id: string } | null,
  limit: number,
): RawStatement {
  // A new tenant has the default rules, as `runDeadlineSweep` reads them from its settings.
  const cutoffs = dueCutoffs(defaultDeadlineRules, true, now);
  // The latest cut-off bounds the index range, as in src/store/deadline-sweep.repo.ts.
  const latest = cutoffs.reduce((max, cutoff) => (cutoff.dueBy > max ? cutoff.dueBy : max), '');
  const params: RawValue[] = [tenantId, latest];
  for (const cutoff of cutoffs) params.push(cutoff.level, cutoff.dueBy);
  let text =
    'select * from leads where tenant_id = ? and deleted_at is null and owner_id is not null' +
    ' and deadline_at <= ? and (' +
    cutoffs.map(() => '(deadline_level = ? and deadline_at <= ?)').join(' or ') +
    ") and lifecycle = 'active' and status not in ('converted', 'disqualified')";
  if (after) {
    text += ' and deadline_at >= ? and (deadline_at > ? or id > ?)';
    params.push(after.deadlineAt, after.deadlineAt, after.id);
  }
  text += ' order by deadline_at, id limit ?';
  params.push(limit);
  if (env.target.dialect === 'postgres') text += ' for update skip locked';
  return { sql: text, params };
}

const INSERT_NOTIFICATION = `insert into notifications (tenant_id, id, user_id, kind, subject_type,
  subject_id, payload, dedupe_key, created_at, read_at) values (?, ?, ?, ?, 'lead', ?, ?, ?, ?, null)
  on conflict (tenant_id, dedupe_key) do nothing`;
const RAISE_LEVEL = `update leads set deadline_level = 2 where tenant_id = ? and id = ?
  and owner_id = ? and deadline_at = ? and deadline_level = ?`;
const RECYCLE_LEAD = `update leads set owner_id = null, pool_id = ?, owned_since = null,
  deadline_at = null, deadline_level = 0, version = ?, updated_at = ?
  where tenant_id = ? and id = ? and version = ?`;
const INSERT_HISTORY = `insert into ownership_history (tenant_id, id, entity_type, entity_id,
  action, from_owner_id, to_owner_id, from_pool_id, to_pool_id, from_lifecycle, to_lifecycle,
  reason, actor_id, at) values (?, ?, 'lead', ?, 'recycle', ?, null, null, ?, 'active', 'active', ?, null, ?)`;
const INSERT_AUDIT = `insert into audit_log (tenant_id, id, actor_id, entity_type, entity_id,
  action, before, after, at, request_id) values (?, ?, null, 'lead', ?, 'change_owner', ?, ?, ?, ?)`;

/** The writes the sweep makes for one due lead, as plain prepared statements. */
async function recycleOne(
  run: RawSession,
  tenant: SeededTenant,
  row: LeadRow,
  runId: string,
): Promise<number> {
  const at = new Date().toISOString();
  const { tenantId } = tenant;
  const key = `deadline:leads:${row.id}:${row.deadline_at}`;
  const facts = { entityType: 'lead', name: row.name, deadlineAt: row.deadline_at };
  const notice = (userId: string, kind: string, payload: object, dedupeKey: string) =>
    run.execute({
      sql: INSERT_NOTIFICATION,
      params: [tenantId, uuidv7(), userId, kind, row.id, JSON.stringify(payload), dedupeKey, at],
    });
  let changed = await run.execute({
    sql: RAISE_LEVEL,
    params: [tenantId, row.id, row.owner_id, row.deadline_at, row.deadline_level],
  });
  changed += await notice(row.owner_id, 'follow_up_due', facts, `${key}:notify`);
  changed += await notice(
    tenant.managerId,
    'follow_up_escalated',
    { ...facts, ownerName: tenant.repNames.get(row.owner_id) ?? '' },
    `${key}:escalate:${tenant.managerId}`,
  );
  changed += await run.execute({
    sql: RECYCLE_LEAD,
    params: [tenant.poolId, row.version + 1, at, tenantId, row.id, row.version],
  });
  const reason = `follow-up deadline ${row.deadline_at} missed`;
  changed += await run.execute({
    sql: INSERT_HISTORY,
    params: [tenantId, uuidv7(), row.id, row.owner_id, tenant.poolId, reason, at],
  });
  const after = {
    ...row,
    owner_id: null,
    pool_id: tenant.poolId,
    owned_since: null,
    deadline_at: null,
    deadline_level: 0,
    version: row.version + 1,
    updated_at: at,
  };
  changed += await run.execute({
    sql: INSERT_AUDIT,
    params: [tenantId, uuidv7(), row.id, JSON.stringify(row), JSON.stringify(after), at, runId],
  });
  changed += await notice(row.owner_id, 'recycled', facts, `${key}:recycle`);
  return changed;
}

/** Rows each recycled lead changes: 2 lead updates, 3 notices, a history and an audit row. */
const ROWS_PER_ITEM = 7;

/**
 * The floor: the same page query, then per due lead the same writes as plain prepared
 * statements, one transaction per batch; every write must change its row.
 */
async function runFloor(
  env: CaseEnvironment,
  driver: RawDriver,
  tenant: SeededTenant,
  runId: string,
  log: (line: string) => void,
): Promise<{ seconds: number; batchMs: number[]; items: number }> {
  const { batch } = env.config.recycle;
  const total = tenant.due.length;
  const now = new Date();
  const batchMs: number[] = [];
  let items = 0;
  let changed = 0;
  let after: { deadlineAt: string; id: string } | null = null;
  const started = performance.now();
  for (;;) {
    const at = performance.now();
    const rows = await driver.session(async (run) => {
      const page = await run.query<LeadRow>(duePage(env, tenant.tenantId, now, after, batch));
      for (const row of page) changed += await recycleOne(run, tenant, row, runId);
      return page;
    });
    batchMs.push(performance.now() - at);
    items += rows.length;
    if (rows.length > 0) progress(log, 'floor', items, total, started);
    const last = rows.at(-1);
    if (!last || rows.length < batch) break;
    after = { deadlineAt: last.deadline_at, id: last.id };
  }
  const seconds = (performance.now() - started) / 1000;
  if (changed !== items * ROWS_PER_ITEM)
    throw new Error(`the floor changed ${changed} rows for ${items} leads`);
  return { seconds, batchMs, items };
}

function progress(
  log: (line: string) => void,
  side: string,
  done: number,
  total: number,
  started: number,
): void {
  const step = Math.max(1, Math.ceil(total / 10));
  if (done === 0 || Math.floor(done / step) === Math.floor((done - 1) / step)) return;
  log(
    `  recycle: ${side} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} due leads ` +
      `(${((performance.now() - started) / 1000).toFixed(0)} s; load ${loadavg()[0]?.toFixed(2)})`,
  );
}

/** Puts the due leads back as seeded and removes what the floor wrote. */
async function reset(driver: RawDriver, tenant: SeededTenant, floorRunId: string): Promise<void> {
  const { tenantId } = tenant;
  for (let start = 0; start < tenant.due.length; start += RESET_BATCH) {
    await driver.transaction(
      tenant.due.slice(start, start + RESET_BATCH).map((lead) => ({
        sql: `update leads set owner_id = ?, pool_id = null, owned_since = ?, deadline_at = ?,
          deadline_level = 0, version = 1, updated_at = ? where tenant_id = ? and id = ?`,
        params: [
          lead.ownerId,
          lead.ownedSince,
          lead.deadlineAt,
          tenant.seededAt,
          tenantId,
          lead.id,
        ],
      })),
    );
  }
  await driver.transaction([
    { sql: 'delete from notifications where tenant_id = ?', params: [tenantId] },
    { sql: 'delete from ownership_history where tenant_id = ?', params: [tenantId] },
    {
      sql: 'delete from audit_log where tenant_id = ? and request_id = ?',
      params: [tenantId, floorRunId],
    },
  ]);
}

/**
 * Exactly the due leads were recycled, each once, with their history, audit entry and three
 * notices; every other lead is as seeded. Throws (failing the run) otherwise.
 */
async function verify(
  driver: RawDriver,
  tenant: SeededTenant,
  side: string,
  runId: string,
  leads: number,
): Promise<void> {
  const due = tenant.due.length;
  const { tenantId } = tenant;
  const one = async (text: string, params: RawValue[]): Promise<number> => {
    const [row] = await driver.query<{ n: number | string }>({ sql: text, params });
    return Number(row?.n ?? -1);
  };
  const checks: [string, number, number][] = [
    ['leads', await one('select count(*) as n from leads where tenant_id = ?', [tenantId]), leads],
    [
      'recycled leads (no owner, in the default pool, no deadline, version 2)',
      await one(
        `select count(*) as n from leads where tenant_id = ? and owner_id is null and pool_id = ?
          and deadline_at is null and deadline_level = 0 and version = 2 and lifecycle = 'active'`,
        [tenantId, tenant.poolId],
      ),
      due,
    ],
    [
      'untouched leads (owned, future deadline, level 0, version 1)',
      await one(
        `select count(*) as n from leads where tenant_id = ? and owner_id is not null
          and pool_id is null and deadline_at > ? and deadline_level = 0 and version = 1`,
        [tenantId, tenant.seededAt],
      ),
      leads - due,
    ],
    [
      'recycle history rows',
      await one(
        `select count(*) as n from ownership_history where tenant_id = ? and entity_type = 'lead'
          and action = 'recycle' and to_owner_id is null and to_pool_id = ?`,
        [tenantId, tenant.poolId],
      ),
      due,
    ],
    [
      'audit entries of the run',
      await one(
        `select count(*) as n from audit_log where tenant_id = ? and request_id = ?
          and action = 'change_owner' and entity_type = 'lead'`,
        [tenantId, runId],
      ),
      due,
    ],
  ];
  for (const kind of ['follow_up_due', 'follow_up_escalated', 'recycled']) {
    checks.push([
      `${kind} notifications`,
      await one('select count(*) as n from notifications where tenant_id = ? and kind = ?', [
        tenantId,
        kind,
      ]),
      due,
    ]);
  }
  const wrong = checks.filter(([, got, expected]) => got !== expected);
  if (wrong.length > 0) {
    throw new Error(
      `recycle sweep (${side}) did the wrong work: ` +
        wrong.map(([what, got, expected]) => `${what}: ${got}, expected ${expected}`).join('; '),
    );
  }
}

function checkCounts(result: DeadlineSweepResult, due: number): void {
  const expected = { notified: due, escalated: due, recycled: due, skipped: 0, refused: 0 };
  for (const [name, value] of Object.entries(expected)) {
    const got = result.leads[name as keyof typeof expected];
    if (got !== value)
      throw new Error(
        `the sweep counted ${got} ${name} leads, expected ${value}: ${JSON.stringify(result)}`,
      );
  }
}

/**
 * The follow-up deadline sweep over a large tenant: `config.recycle.leads` owned leads of
 * which `due` are far enough past their deadline to be recycled. The app side is
 * `runDeadlineSweep` in process (a background job: no HTTP); the floor, on the same data in
 * the same run, is the same page query and the same writes per lead as prepared statements,
 * one transaction per batch. The floor runs first, its work is undone (and the tables
 * re-analysed), then the app runs and its result is checked row by row.
 */
export async function benchRecycleSweep(
  env: CaseEnvironment,
  log: (line: string) => void,
): Promise<CaseResult> {
  const { leads, batch } = env.config.recycle;
  const driver = openRawDriver(env.target, 1);
  try {
    const tenant = await seedRecycleTenant(env, driver, log);
    const due = tenant.due.length;

    const floorRunId = `bench-recycle-floor-${randomBytes(3).toString('hex')}`;
    log(`  recycle: floor over ${due.toLocaleString('en')} due leads…`);
    const floor = await runFloor(env, driver, tenant, floorRunId, log);
    if (floor.items !== due) throw new Error(`the floor found ${floor.items} of ${due} due leads`);
    await verify(driver, tenant, 'floor', floorRunId, leads);
    const resetStarted = performance.now();
    await reset(driver, tenant, floorRunId);
    await analyseTables(env, WRITTEN_TABLES);
    const resetSeconds = (performance.now() - resetStarted) / 1000;

    log(`  recycle: runDeadlineSweep over the same ${due.toLocaleString('en')} due leads…`);
    const runId = `bench-recycle-app-${randomBytes(3).toString('hex')}`;
    const batchMs: number[] = [];
    const started = performance.now();
    let at = started;
    let batches = 0;
    const result = await runDeadlineSweep(env.runtime.ctx, tenant.tenantId, {
      runId,
      batchSize: batch,
      afterBatch: () => {
        const now = performance.now();
        batchMs.push(now - at);
        at = now;
        batches += 1;
        if (batches * batch <= due) progress(log, 'app', batches * batch, due, started);
        return Promise.resolve();
      },
    });
    const appSeconds = (performance.now() - started) / 1000;
    checkCounts(result, due);
    await verify(driver, tenant, 'app', runId, leads);

    // Batches past the due leads (the empty last page, accounts, deals) are not items' work.
    const apiMeasurement = itemsMeasurement(
      due,
      appSeconds,
      batchMs.slice(0, Math.ceil(due / batch)),
    );
    const floorMeasurement = itemsMeasurement(due, floor.seconds, floor.batchMs);
    log(
      `  recycle: app ${appSeconds.toFixed(1)} s, floor ${floor.seconds.toFixed(1)} s ` +
        `(${slowdown(apiMeasurement, floorMeasurement).toFixed(1)}×); every due lead recycled once`,
    );
    return {
      title: 'Deadline sweep: recycle',
      operation: 'runDeadlineSweep',
      concurrency: 1,
      api: apiMeasurement,
      floor: floorMeasurement,
      floorConcurrency: 1,
      ratio: slowdown(apiMeasurement, floorMeasurement),
      notes: [
        `${leads.toLocaleString('en')} leads, ${due.toLocaleString('en')} due (notify + escalate + ` +
          `recycle each); ops are due leads, latency columns are per ${batch}-lead batch (one transaction); ` +
          `the app side runs in process, without HTTP`,
        `seeded in ${tenant.seconds.toFixed(1)} s (${Math.round(leads / tenant.seconds).toLocaleString('en')} ` +
          `leads/s, multi-row INSERTs) + ${tenant.analyseSeconds.toFixed(1)} s ANALYZE; ` +
          `the floor's work undone in ${resetSeconds.toFixed(1)} s before the app ran`,
      ],
    };
  } finally {
    await driver.close();
  }
}
