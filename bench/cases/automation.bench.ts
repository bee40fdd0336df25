import { analyseTables } from '../bench-team.js';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { processAutomationEvents } from '../../src/app/automation/engine.service.js';
import { createAutomationRule } from '../../src/app/automation/rules.service.js';
import { createAccount } from '../../src/app/accounts.service.js';
import { createOpportunity } from '../../src/app/opportunities.service.js';
import { createTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawDriver, RawStatement } from '../raw-driver.js';
import type { CaseResult } from '../results.js';
import { slowdown, summarise } from '../stats.js';
import type { Measurement } from '../stats.js';
import type { CaseEnvironment } from './environment.js';

/**
 * The rules engine: `events` pending `created` events on as many deals, judged against
 * `rules` rules that all match (two conditions each) and each notify the owner, applied by
 * `processAutomationEvents` — one transaction per (rule, event) with its notification and
 * run row, and the event marked done. The floor writes the same rows with prepared INSERTs,
 * one transaction per (rule, event) too, and the same UPDATE per event; it neither reads the
 * deal nor evaluates anything, so the ratio is what loading facts, evaluating and going
 * through the services costs on top of the rows themselves.
 */
const WRITTEN_TABLES = ['automation_events', 'automation_runs', 'notifications'] as const;

interface Seeded {
  readonly tenantId: string;
  readonly ownerId: string;
  readonly dealIds: readonly string[];
  readonly ruleIds: readonly string[];
}

async function seed(env: CaseEnvironment, events: number, rules: number): Promise<Seeded> {
  const ctx = env.runtime.ctx;
  const slug = `bench-automation-${randomBytes(3).toString('hex')}`;
  const { tenant, admin } = await createTenant(
    ctx,
    { slug, name: slug, admin: { email: `admin@${slug}.test`, password: 'bench-password-1' } },
    'bench-setup',
  );
  const system = systemPrincipal(tenant.id, 'bench-setup');
  const account = await createAccount(ctx, system, { name: '华东制造', ownerId: admin.id });
  const dealIds: string[] = [];
  for (let i = 0; i < events; i++) {
    const deal = await createOpportunity(ctx, system, {
      name: `Deal ${i}`,
      accountId: account.id,
      ownerId: admin.id,
      amount: { amountMinor: 1_000_000 + i, currency: 'CNY' },
    });
    dealIds.push(deal.id);
  }
  // Rules are created after the deals, so creating the deals recorded no events.
  const ruleIds: string[] = [];
  for (let r = 0; r < rules; r++) {
    const rule = await createAutomationRule(ctx, system, {
      name: `Rule ${r}`,
      entity: 'opportunity',
      enabled: true,
      trigger: { type: 'created' },
      conditions: [
        { kind: 'amount', op: 'gte', amountMinor: r, currency: 'CNY' },
        { kind: 'field', field: 'status', op: 'eq', value: 'open' },
      ],
      actions: [{ type: 'notify', recipient: { to: 'owner' }, message: `rule ${r}` }],
    });
    ruleIds.push(rule.id);
  }
  return { tenantId: tenant.id, ownerId: admin.id, dealIds, ruleIds };
}

const INSERT_EVENT = `insert into automation_events (tenant_id, id, type, entity_type, entity_id,
  rule_id, details, chain, dedupe_key, status, occurred_at, processed_at)
  values (?, ?, 'created', 'opportunity', ?, null, ?, '[]', null, 'pending', ?, null)`;

/** The same pending events for both sides (not timed: the change's transaction writes them). */
async function insertEvents(driver: RawDriver, seeded: Seeded): Promise<string[]> {
  const now = new Date().toISOString();
  const ids = seeded.dealIds.map(() => uuidv7());
  const details = JSON.stringify({ changedFields: [], fromStageId: null, toStageId: null });
  for (let start = 0; start < ids.length; start += 500) {
    await driver.transaction(
      ids.slice(start, start + 500).map((id, k) => ({
        sql: INSERT_EVENT,
        params: [seeded.tenantId, id, seeded.dealIds[start + k] ?? '', details, now],
      })),
    );
  }
  return ids;
}

const INSERT_NOTIFICATION = `insert into notifications (tenant_id, id, user_id, kind, subject_type,
  subject_id, payload, dedupe_key, created_at, read_at)
  values (?, ?, ?, 'automation', 'opportunity', ?, ?, ?, ?, null)`;
const INSERT_RUN = `insert into automation_runs (tenant_id, id, rule_id, rule_version, event_id,
  event_type, entity_type, entity_id, outcome, reason, actions, depth, created_at)
  values (?, ?, ?, 1, ?, 'created', 'opportunity', ?, 'applied', null, ?, 0, ?)`;
const MARK_DONE = `update automation_events set status = 'done', processed_at = ?
  where tenant_id = ? and id = ?`;

async function floor(
  driver: RawDriver,
  seeded: Seeded,
  eventIds: readonly string[],
): Promise<{ seconds: number; perEventMs: number[] }> {
  const perEventMs: number[] = [];
  const started = performance.now();
  for (const [e, eventId] of eventIds.entries()) {
    const at = performance.now();
    const dealId = seeded.dealIds[e] ?? '';
    for (const [r, ruleId] of seeded.ruleIds.entries()) {
      const now = new Date().toISOString();
      const statements: RawStatement[] = [
        {
          sql: INSERT_NOTIFICATION,
          params: [
            seeded.tenantId,
            uuidv7(),
            seeded.ownerId,
            dealId,
            JSON.stringify({ entityType: 'opportunity', name: `Deal ${e}`, ruleName: `Rule ${r}` }),
            `rule:${ruleId}:${eventId}:0:${seeded.ownerId}`,
            now,
          ],
        },
        {
          sql: INSERT_RUN,
          params: [
            seeded.tenantId,
            uuidv7(),
            ruleId,
            eventId,
            dealId,
            JSON.stringify([{ type: 'notify', result: 'notified 1' }]),
            now,
          ],
        },
      ];
      await driver.transaction(statements);
    }
    await driver.transaction([
      { sql: MARK_DONE, params: [new Date().toISOString(), seeded.tenantId, eventId] },
    ]);
    perEventMs.push(performance.now() - at);
  }
  return { seconds: (performance.now() - started) / 1000, perEventMs };
}

async function count(driver: RawDriver, table: string, tenantId: string): Promise<number> {
  const [row] = await driver.query<{ n: number | string }>({
    sql: `select count(*) as n from ${table} where tenant_id = ?`,
    params: [tenantId],
  });
  return Number(row?.n ?? 0);
}

async function verify(driver: RawDriver, seeded: Seeded, side: string): Promise<void> {
  const expected = seeded.dealIds.length * seeded.ruleIds.length;
  const runs = await count(driver, 'automation_runs', seeded.tenantId);
  const notices = await count(driver, 'notifications', seeded.tenantId);
  if (runs !== expected || notices !== expected)
    throw new Error(`automation (${side}): ${runs} runs, ${notices} notices, expected ${expected}`);
}

async function reset(driver: RawDriver, seeded: Seeded): Promise<void> {
  await driver.transaction(
    ['automation_runs', 'notifications', 'automation_events'].map((table) => ({
      sql: `delete from ${table} where tenant_id = ?`,
      params: [seeded.tenantId],
    })),
  );
}

function eventsMeasurement(events: number, seconds: number, perEventMs: number[]): Measurement {
  return {
    ops: events,
    seconds,
    opsPerSecond: events / seconds,
    msPerOp: (seconds * 1000) / events,
    latency: summarise(perEventMs),
  };
}

export async function benchAutomation(
  env: CaseEnvironment,
  log: (line: string) => void,
): Promise<CaseResult[]> {
  const { events, rules } = env.config.automation;
  const driver = openRawDriver(env.target, 1);
  try {
    log(`  automation: seeding ${events.toLocaleString('en')} deals and ${rules} rules…`);
    const seeded = await seed(env, events, rules);

    const floorEvents = await insertEvents(driver, seeded);
    await analyseTables(env, WRITTEN_TABLES);
    const floorRun = await floor(driver, seeded, floorEvents);
    await verify(driver, seeded, 'floor');
    await reset(driver, seeded);

    await insertEvents(driver, seeded);
    await analyseTables(env, WRITTEN_TABLES);
    const perEventMs: number[] = [];
    const started = performance.now();
    let at = started;
    const report = await processAutomationEvents(env.runtime.ctx, seeded.tenantId, {
      limit: events,
      afterBatch: () => {
        const now = performance.now();
        perEventMs.push(now - at);
        at = now;
        return Promise.resolve();
      },
    });
    const appSeconds = (performance.now() - started) / 1000;
    if (report.applied !== events * rules || report.failed !== 0)
      throw new Error(`processAutomationEvents reported ${JSON.stringify(report)}`);
    await verify(driver, seeded, 'app');

    const api = eventsMeasurement(events, appSeconds, perEventMs);
    const floorMeasurement = eventsMeasurement(events, floorRun.seconds, floorRun.perEventMs);
    const ratio = slowdown(api, floorMeasurement);
    log(
      `  automation: app ${appSeconds.toFixed(1)} s, floor ${floorRun.seconds.toFixed(1)} s ` +
        `(${ratio.toFixed(1)}×); every rule applied once per event`,
    );
    return [
      {
        title: 'Automation: evaluate and apply',
        operation: 'processAutomationEvents',
        concurrency: 1,
        api,
        floor: floorMeasurement,
        floorConcurrency: 1,
        ratio,
        notes: [
          `${events.toLocaleString('en')} created events × ${rules} matching rules (2 conditions, ` +
            `1 notify action each); ops are events; app latency columns are per 100-event batch, ` +
            `the floor's per event; in process, without HTTP`,
          `the floor: per (rule, event) one transaction with the notification and run INSERTs, ` +
            `then the event's UPDATE — no reads, no evaluation`,
        ],
      },
    ];
  } finally {
    await driver.close();
  }
}
