import { analyseTables, seedBenchTeam } from '../bench-team.js';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { dispatchDeliveries } from '../../src/app/outbox/dispatch.service.js';
import { enqueueDelivery } from '../../src/app/outbox/outbox.service.js';
import type { Transports } from '../../src/app/outbox/transports.js';
import { inTransaction } from '../../src/app/transaction.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawDriver, RawStatement, RawValue } from '../raw-driver.js';
import type { CaseResult } from '../results.js';
import { slowdown, summarise } from '../stats.js';
import type { Measurement } from '../stats.js';
import type { CaseEnvironment } from './environment.js';

/** Users the deliveries go to, round-robin (delivery i → user i mod USERS). */
const USERS = 8;
/** Tables both sides write, analysed before each side's run. */
const WRITTEN_TABLES = ['deliveries', 'notifications'] as const;

interface OutboxTenant {
  readonly tenantId: string;
  readonly users: readonly string[];
}

/** Delivery i as both sides enqueue it: an `assigned` notice about a lead, to user i mod USERS. */
interface PlannedDelivery {
  readonly target: string;
  readonly key: string;
  readonly subjectId: string;
  readonly name: string;
}

/** One long operation: `items` in `seconds`; latency columns are per transaction (batch). */
function itemsMeasurement(items: number, seconds: number, batchMs: readonly number[]): Measurement {
  return {
    ops: items,
    seconds,
    opsPerSecond: items / seconds,
    msPerOp: (seconds * 1000) / items,
    latency: summarise(batchMs),
  };
}

/** A tenant with a team of USERS users (a manager and reps): the inboxes written to. */
async function seedTenant(env: CaseEnvironment): Promise<OutboxTenant> {
  const team = await seedBenchTeam(env, 'outbox', USERS - 1);
  return { tenantId: team.tenantId, users: [team.managerId, ...team.reps.map((rep) => rep.id)] };
}

function plan(tenant: OutboxTenant, count: number): PlannedDelivery[] {
  return Array.from({ length: count }, (_, i) => ({
    target: tenant.users[i % USERS] ?? '',
    key: `bench:outbox:${i}`,
    subjectId: uuidv7(),
    name: `Lead ${i}`,
  }));
}

const payloadOf = (d: PlannedDelivery) => ({
  subject: { type: 'lead' as const, id: d.subjectId },
  facts: { kind: 'assigned', entityType: 'lead', name: d.name },
});

function progress(
  log: (line: string) => void,
  what: string,
  done: number,
  total: number,
  started: number,
): void {
  const step = Math.max(1, Math.ceil(total / 5));
  if (done === 0 || Math.floor(done / step) === Math.floor((done - 1) / step)) return;
  log(
    `  outbox: ${what} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} ` +
      `(${((performance.now() - started) / 1000).toFixed(0)} s; load ${loadavg()[0]?.toFixed(2)})`,
  );
}

const INSERT_DELIVERY = `insert into deliveries (tenant_id, id, channel, target, payload,
  idempotency_key, status, attempts, next_attempt_at, locked_by, last_error, created_at,
  updated_at, sent_at) values (?, ?, 'in_app', ?, ?, ?, 'pending', 0, ?, null, null, ?, ?, null)
  on conflict (tenant_id, idempotency_key) do nothing`;

/** The floor's enqueue: the same INSERT per delivery, prepared, `batch` per transaction. */
async function floorEnqueue(
  driver: RawDriver,
  tenant: OutboxTenant,
  planned: readonly PlannedDelivery[],
  batch: number,
  log: (line: string) => void,
): Promise<{ seconds: number; batchMs: number[] }> {
  const batchMs: number[] = [];
  const started = performance.now();
  for (let start = 0; start < planned.length; start += batch) {
    const at = performance.now();
    const now = new Date().toISOString();
    const statements: RawStatement[] = planned.slice(start, start + batch).map((d) => ({
      sql: INSERT_DELIVERY,
      params: [
        tenant.tenantId,
        uuidv7(),
        d.target,
        JSON.stringify(payloadOf(d)),
        d.key,
        now,
        now,
        now,
      ],
    }));
    await driver.transaction(statements);
    batchMs.push(performance.now() - at);
    progress(
      log,
      'floor enqueued',
      Math.min(planned.length, start + batch),
      planned.length,
      started,
    );
  }
  return { seconds: (performance.now() - started) / 1000, batchMs };
}

/** The app's enqueue: `enqueueDelivery` per delivery, `batch` per transaction. */
async function appEnqueue(
  env: CaseEnvironment,
  tenant: OutboxTenant,
  planned: readonly PlannedDelivery[],
  batch: number,
  log: (line: string) => void,
): Promise<{ seconds: number; batchMs: number[] }> {
  const ctx = env.runtime.ctx;
  const batchMs: number[] = [];
  let created = 0;
  const started = performance.now();
  for (let start = 0; start < planned.length; start += batch) {
    const at = performance.now();
    await inTransaction(ctx, async (trx) => {
      for (const d of planned.slice(start, start + batch)) {
        const result = await enqueueDelivery(trx, ctx, tenant.tenantId, {
          channel: 'in_app',
          target: d.target,
          payload: payloadOf(d),
          idempotencyKey: d.key,
        });
        if (result.created) created += 1;
      }
    });
    batchMs.push(performance.now() - at);
    progress(log, 'app enqueued', Math.min(planned.length, start + batch), planned.length, started);
  }
  const seconds = (performance.now() - started) / 1000;
  if (created !== planned.length)
    throw new Error(`enqueueDelivery created ${created} of ${planned.length} deliveries`);
  return { seconds, batchMs };
}

interface ClaimedRow {
  id: string;
  target: string;
  payload: unknown;
  idempotency_key: string;
}

const INSERT_NOTIFICATION = `insert into notifications (tenant_id, id, user_id, kind, subject_type,
  subject_id, payload, dedupe_key, created_at, read_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, null)
  on conflict (tenant_id, dedupe_key) do nothing`;
const MARK_SENT = `update deliveries set status = 'sent', locked_by = null, updated_at = ?,
  sent_at = ?, last_error = null where tenant_id = ? and locked_by = ?`;

function claimStatement(
  env: CaseEnvironment,
  tenantId: string,
  workerId: string,
  batch: number,
): RawStatement {
  const now = new Date();
  const lease = new Date(now.getTime() + 5 * 60_000).toISOString();
  const lock = env.target.dialect === 'postgres' ? ' for update skip locked' : '';
  const params: RawValue[] = [workerId, lease, now.toISOString(), tenantId, tenantId];
  params.push(now.toISOString(), batch);
  return {
    sql: `update deliveries set locked_by = ?, next_attempt_at = ?, attempts = attempts + 1,
      updated_at = ? where tenant_id = ? and id in (
        select id from deliveries where tenant_id = ? and status in ('pending', 'failed')
          and next_attempt_at <= ? order by next_attempt_at, id limit ?${lock})
      returning id, target, payload, idempotency_key`,
    params,
  };
}

/**
 * The floor's dispatch: per batch, one transaction that claims up to `batch` due deliveries
 * (`update … returning`), inserts their notifications and marks the batch sent; every
 * notification and every mark must change a row. Bounded by the number of deliveries.
 */
async function floorDispatch(
  env: CaseEnvironment,
  driver: RawDriver,
  tenant: OutboxTenant,
  total: number,
  batch: number,
  log: (line: string) => void,
): Promise<{ seconds: number; batchMs: number[]; items: number }> {
  const workerId = `bench-floor-${randomBytes(3).toString('hex')}`;
  const maxBatches = Math.ceil(total / batch) + 1;
  const batchMs: number[] = [];
  let items = 0;
  const started = performance.now();
  for (let b = 0; b < maxBatches; b++) {
    const at = performance.now();
    const claimed = await driver.session(async (run) => {
      const rows = await run.query<ClaimedRow>(
        claimStatement(env, tenant.tenantId, workerId, batch),
      );
      const now = new Date().toISOString();
      for (const row of rows) {
        const payload = (
          typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload
        ) as ReturnType<typeof payloadOf>;
        const { kind, ...facts } = payload.facts;
        const changed = await run.execute({
          sql: INSERT_NOTIFICATION,
          params: [
            tenant.tenantId,
            uuidv7(),
            row.target,
            kind,
            payload.subject.type,
            payload.subject.id,
            JSON.stringify(facts),
            `outbox:${row.idempotency_key}`,
            now,
          ],
        });
        if (changed !== 1) throw new Error(`the floor's notice for ${row.id} changed ${changed}`);
      }
      if (rows.length > 0) {
        const marked = await run.execute({
          sql: MARK_SENT,
          params: [now, now, tenant.tenantId, workerId],
        });
        if (marked !== rows.length)
          throw new Error(`the floor marked ${marked} of ${rows.length} claimed deliveries`);
      }
      return rows.length;
    });
    if (claimed === 0) break;
    batchMs.push(performance.now() - at);
    items += claimed;
    progress(log, 'floor dispatched', items, total, started);
  }
  return { seconds: (performance.now() - started) / 1000, batchMs, items };
}

/** Transports that refuse: in-app deliveries never use them, so any call fails the run. */
const noNetwork: Transports = {
  http: {
    post: () => Promise.reject(new Error('the outbox benchmark sends in-app deliveries only')),
  },
  mail: null,
};

/**
 * Every delivery of the tenant is in-app, sent after exactly one attempt and no longer held;
 * each has exactly one notification (its key's, to its target), and each user has exactly
 * the notices planned for them. Throws (failing the run) otherwise.
 */
async function verifyDispatched(
  driver: RawDriver,
  tenant: OutboxTenant,
  total: number,
  side: string,
): Promise<void> {
  const { tenantId } = tenant;
  const one = async (text: string, params: RawValue[]): Promise<number> => {
    const [row] = await driver.query<{ n: number | string }>({ sql: text, params });
    return Number(row?.n ?? -1);
  };
  const checks: [string, number, number][] = [
    [
      'deliveries',
      await one('select count(*) as n from deliveries where tenant_id = ?', [tenantId]),
      total,
    ],
    [
      'deliveries sent after one attempt, not held',
      await one(
        `select count(*) as n from deliveries where tenant_id = ? and channel = 'in_app'
          and status = 'sent' and attempts = 1 and locked_by is null and sent_at is not null`,
        [tenantId],
      ),
      total,
    ],
    [
      'notifications',
      await one('select count(*) as n from notifications where tenant_id = ?', [tenantId]),
      total,
    ],
    [
      'notifications matching their delivery (key, user, subject kind)',
      await one(
        // Driven from deliveries, so each is one probe of the unique (tenant, dedupe key) index.
        `select count(*) as n from deliveries d where d.tenant_id = ? and exists (
          select 1 from notifications n where n.tenant_id = d.tenant_id
            and n.dedupe_key = 'outbox:' || d.idempotency_key and n.user_id = d.target
            and n.kind = 'assigned' and n.subject_type = 'lead')`,
        [tenantId],
      ),
      total,
    ],
  ];
  const perUser = await driver.query<{ user_id: string; n: number | string }>({
    sql: 'select user_id, count(*) as n from notifications where tenant_id = ? group by user_id',
    params: [tenantId],
  });
  const got = new Map(perUser.map((row) => [row.user_id, Number(row.n)]));
  tenant.users.forEach((user, u) => {
    const expected = Math.floor(total / USERS) + (u < total % USERS ? 1 : 0);
    checks.push([`notifications of user ${u}`, got.get(user) ?? 0, expected]);
  });
  checks.push(['users with notifications', got.size, Math.min(total, USERS)]);
  const wrong = checks.filter(([, value, expected]) => value !== expected);
  if (wrong.length > 0) {
    throw new Error(
      `outbox dispatch (${side}) did the wrong work: ` +
        wrong
          .map(([what, value, expected]) => `${what}: ${value}, expected ${expected}`)
          .join('; '),
    );
  }
}

async function verifyEnqueued(
  driver: RawDriver,
  tenant: OutboxTenant,
  total: number,
  side: string,
): Promise<void> {
  const [row] = await driver.query<{ n: number | string }>({
    sql: `select count(*) as n from deliveries where tenant_id = ? and status = 'pending'
      and attempts = 0 and channel = 'in_app'`,
    params: [tenant.tenantId],
  });
  const pending = Number(row?.n ?? -1);
  if (pending !== total)
    throw new Error(`outbox enqueue (${side}): ${pending} pending deliveries, expected ${total}`);
}

/** Removes everything the floor wrote: the tenant's deliveries and notifications. */
async function reset(driver: RawDriver, tenant: OutboxTenant): Promise<void> {
  await driver.transaction([
    { sql: 'delete from notifications where tenant_id = ?', params: [tenant.tenantId] },
    { sql: 'delete from deliveries where tenant_id = ?', params: [tenant.tenantId] },
  ]);
}

/**
 * The transactional outbox with the in-app channel (the inbox is in the database: no
 * network, so the figures are the outbox's own cost). Two results per dialect:
 * enqueueing `config.outbox.deliveries` deliveries with `enqueueDelivery`, `enqueueBatch`
 * per transaction, vs the same INSERTs prepared through the raw driver; and
 * `dispatchDeliveries` over them, `batch` per claim, vs one transaction per batch that
 * claims, inserts the notifications and marks the batch sent. The floor runs first and is
 * checked, its rows are deleted (and the tables analysed), then the app runs on the same
 * planned deliveries and is checked the same way.
 */
export async function benchOutboxDispatch(
  env: CaseEnvironment,
  log: (line: string) => void,
): Promise<CaseResult[]> {
  const { deliveries: total, enqueueBatch, batch } = env.config.outbox;
  const driver = openRawDriver(env.target, 1);
  try {
    const tenant = await seedTenant(env);
    const planned = plan(tenant, total);
    await analyseTables(env, WRITTEN_TABLES);

    log(`  outbox: floor enqueue + dispatch of ${total.toLocaleString('en')} deliveries…`);
    const floorEnq = await floorEnqueue(driver, tenant, planned, enqueueBatch, log);
    await verifyEnqueued(driver, tenant, total, 'floor');
    const floorDisp = await floorDispatch(env, driver, tenant, total, batch, log);
    if (floorDisp.items !== total)
      throw new Error(`the floor dispatched ${floorDisp.items} of ${total} deliveries`);
    // Fresh statistics (outside the timings), so the checks' joins are planned for N rows.
    await analyseTables(env, WRITTEN_TABLES);
    await verifyDispatched(driver, tenant, total, 'floor');
    const resetStarted = performance.now();
    await reset(driver, tenant);
    await analyseTables(env, WRITTEN_TABLES);
    const resetSeconds = (performance.now() - resetStarted) / 1000;

    log(`  outbox: enqueueDelivery + dispatchDeliveries of the same deliveries…`);
    const appEnq = await appEnqueue(env, tenant, planned, enqueueBatch, log);
    await verifyEnqueued(driver, tenant, total, 'app');
    const dispatchBatchMs: number[] = [];
    const started = performance.now();
    let at = started;
    const report = await dispatchDeliveries(env.runtime.ctx, tenant.tenantId, noNetwork, {
      workerId: `bench-app-${randomBytes(3).toString('hex')}`,
      batchSize: batch,
      // One more than needed: the last claim finds nothing and ends the run.
      maxBatches: Math.ceil(total / batch) + 1,
      keepAlive: () => {
        const now = performance.now();
        dispatchBatchMs.push(now - at);
        at = now;
        progress(
          log,
          'app dispatched',
          Math.min(total, dispatchBatchMs.length * batch),
          total,
          started,
        );
        return Promise.resolve();
      },
    });
    const appDispatchSeconds = (performance.now() - started) / 1000;
    if (report.sent !== total || report.retried !== 0 || report.dead !== 0)
      throw new Error(
        `dispatchDeliveries reported ${JSON.stringify(report)}, expected ${total} sent`,
      );
    await analyseTables(env, WRITTEN_TABLES);
    await verifyDispatched(driver, tenant, total, 'app');

    const enqueueApi = itemsMeasurement(total, appEnq.seconds, appEnq.batchMs);
    const enqueueFloor = itemsMeasurement(total, floorEnq.seconds, floorEnq.batchMs);
    const dispatchApi = itemsMeasurement(total, appDispatchSeconds, dispatchBatchMs);
    const dispatchFloor = itemsMeasurement(total, floorDisp.seconds, floorDisp.batchMs);
    log(
      `  outbox: enqueue app ${appEnq.seconds.toFixed(1)} s, floor ${floorEnq.seconds.toFixed(1)} s ` +
        `(${slowdown(enqueueApi, enqueueFloor).toFixed(1)}×); dispatch app ` +
        `${appDispatchSeconds.toFixed(1)} s, floor ${floorDisp.seconds.toFixed(1)} s ` +
        `(${slowdown(dispatchApi, dispatchFloor).toFixed(1)}×); every delivery sent once`,
    );
    const size = `${total.toLocaleString('en')} in-app deliveries to ${USERS} users`;
    return [
      {
        title: 'Outbox: enqueue',
        operation: 'enqueueDelivery',
        concurrency: 1,
        api: enqueueApi,
        floor: enqueueFloor,
        floorConcurrency: 1,
        ratio: slowdown(enqueueApi, enqueueFloor),
        notes: [
          `${size}; ops are deliveries, latency columns are per ${enqueueBatch}-delivery ` +
            `transaction; in process, without HTTP; the floor is the same INSERT, prepared`,
        ],
      },
      {
        title: 'Outbox: dispatch (in-app)',
        operation: 'dispatchDeliveries',
        concurrency: 1,
        api: dispatchApi,
        floor: dispatchFloor,
        floorConcurrency: 1,
        ratio: slowdown(dispatchApi, dispatchFloor),
        notes: [
          `${size}; ops are deliveries, latency columns are per ${batch}-delivery claim; the app ` +
            `commits each delivery's notice and "sent" together, the floor one transaction per ` +
            `batch (claim, notices, mark sent)`,
          `the floor's work undone in ${resetSeconds.toFixed(1)} s before the app ran`,
        ],
      },
    ];
  } finally {
    await driver.close();
  }
}
