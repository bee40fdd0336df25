import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { createTenant } from '../../src/app/tenants.service.js';
import { Opportunity } from '../../src/http/schemas/opportunity.schema.js';
import { BenchClient } from '../http-client.js';
import { runBounded, warmUp } from '../load.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawDriver, RawStatement, RawValue } from '../raw-driver.js';
import type { CaseResult } from '../results.js';
import { slowdown } from '../stats.js';
import { floorConcurrency } from './environment.js';
import type { CaseEnvironment } from './environment.js';

const PASSWORD = 'bench-password-1';
const DAY_MS = 86_400_000;
type OpportunityJson = z.output<typeof Opportunity>;

/** Open stages a deal passes through: each measured deal makes three forward moves. */
const OPEN_STAGES = ['qualify', 'discover', 'propose', 'negotiate'] as const;
export const MOVES_PER_DEAL = OPEN_STAGES.length - 1;

/**
 * A pipeline whose every forward move has a standard to check: the stage left has exit
 * criteria (fields, and in the first stage a required key action), the stage entered has
 * entry criteria. The deals are made to meet them, so every move is evaluated and passes.
 */
export function gatedPipelineFile(key: string): object {
  const stage = (name: string, index: number, rules: object) => ({
    key: name,
    nameZh: `阶段${index + 1}`,
    nameEn: `Stage ${index + 1}`,
    kind: 'open',
    probability: 10 + index * 20,
    forecastCategory: index < 2 ? 'pipeline' : 'best_case',
    expectedDwellDays: 14,
    cadenceDays: 7,
    ...rules,
  });
  return {
    key,
    nameZh: '基准测试流程',
    nameEn: 'Benchmark gated pipeline',
    allowSkip: false,
    stages: [
      stage('qualify', 0, {
        actions: [
          { key: 'confirm-need', nameZh: '确认需求', nameEn: 'Confirm need', required: true },
        ],
        exit: [
          { type: 'field', field: 'amount' },
          { type: 'field', field: 'expectedCloseDate' },
        ],
      }),
      stage('discover', 1, {
        entry: [{ type: 'field', field: 'nextStep' }],
        exit: [{ type: 'action', action: 'confirm-need' }],
      }),
      stage('propose', 2, {
        entry: [{ type: 'field', field: 'expectedCloseDate' }],
        exit: [{ type: 'field', field: 'amount' }],
      }),
      stage('negotiate', 3, { entry: [{ type: 'field', field: 'nextStep' }] }),
      {
        key: 'won',
        nameZh: '赢单',
        nameEn: 'Won',
        kind: 'won',
        probability: 100,
        forecastCategory: 'closed',
      },
      {
        key: 'lost',
        nameZh: '输单',
        nameEn: 'Lost',
        kind: 'lost',
        probability: 0,
        forecastCategory: 'omitted',
      },
    ],
  };
}

interface Deal {
  /** The deal as the API last returned it (the floor writes rows shaped like it). */
  json: OpportunityJson;
  /** The previous operation on this deal: the next one waits for it, so versions line up. */
  previous: Promise<void>;
}

interface Setup {
  readonly tenantId: string;
  readonly client: BenchClient;
  readonly stageIds: readonly string[];
  readonly deals: Deal[];
  readonly warmDeals: Deal[];
}

/**
 * Stage moves with gate evaluation, `POST /api/v1/opportunities/{id}/move`, each deal one
 * stage forward at a time, against its floor: the same rows updated straight through the
 * driver (the opportunity row, the history interval closed and the next one opened, the
 * audit entry). In the same run, `PATCH /api/v1/opportunities/{id}` on the same deals,
 * against the same kind of floor (the opportunity row and the audit entry), shows what the
 * gates add to a plain update through the API.
 */
export async function benchStageMoves(env: CaseEnvironment): Promise<CaseResult[]> {
  const { concurrency } = env.config.move;
  const floorWorkers = floorConcurrency(env, concurrency);
  const setup = await prepare(env);
  const driver = openRawDriver(env.target, floorWorkers);
  try {
    const { tenantId, client, stageIds, deals, warmDeals } = setup;
    const moves = deals.length * MOVES_PER_DEAL;
    const phase = { count: moves, concurrency, maxSeconds: env.config.phaseSeconds };
    const floorPhase = (ops: number) => ({
      count: ops,
      concurrency: floorWorkers,
      maxSeconds: 3600,
    });
    // Operation k works on deal k mod n: every deal takes its first move before any its second.
    const dealOf = (list: Deal[], k: number): Deal => list[k % list.length] as Deal;
    const stepOf = (list: Deal[], k: number) => Math.floor(k / list.length) % MOVES_PER_DEAL;
    const chained = (deal: Deal, work: () => Promise<void>) => {
      const run = deal.previous.then(work);
      deal.previous = run;
      return run;
    };

    const apiMove = (list: Deal[]) => (k: number) => {
      const deal = dealOf(list, k);
      const to = stageIds[stepOf(list, k) + 1] ?? '';
      return chained(deal, async () => {
        const text = await client.expect(
          200,
          'POST',
          `/api/v1/opportunities/${deal.json.id}/move`,
          {
            version: deal.json.version,
            stageId: to,
          },
        );
        deal.json = Opportunity.parse(JSON.parse(text));
      });
    };
    const floorMove = (list: Deal[]) => (k: number) => {
      const deal = dealOf(list, k);
      const to = stageIds[stepOf(list, k) + 1] ?? '';
      return chained(deal, async () => {
        const { statements, next } = moveStatements(tenantId, deal.json, to);
        await driver.transaction(statements);
        deal.json = next;
      });
    };
    const apiPatch = (list: Deal[]) => (k: number) => {
      const deal = dealOf(list, k);
      return chained(deal, async () => {
        const text = await client.expect(200, 'PATCH', `/api/v1/opportunities/${deal.json.id}`, {
          version: deal.json.version,
          nextStep: `Follow-up ${k}`,
        });
        deal.json = Opportunity.parse(JSON.parse(text));
      });
    };
    const floorPatch = (list: Deal[]) => (k: number) => {
      const deal = dealOf(list, k);
      return chained(deal, async () => {
        const { statements, next } = patchStatements(tenantId, deal.json, `Follow-up ${k}`);
        await driver.transaction(statements);
        deal.json = next;
      });
    };

    // Warm-ups on deals of their own, so the measured deals start in the first stage.
    const warm = Math.min(env.config.warmup, warmDeals.length * MOVES_PER_DEAL);
    await warmUp(warm, concurrency, apiMove(warmDeals));
    await warmUp(warm, floorWorkers, floorMove(warmDeals));

    const c0 = await rowCounts(driver, tenantId);
    const apiMoves = await runBounded(phase, apiMove(deals));
    const c1 = await rowCounts(driver, tenantId);
    // The floor rewrites the same deals, stage by stage in the same order.
    const floorMoves = await runBounded(floorPhase(apiMoves.measurement.ops), floorMove(deals));
    await assertVersions(driver, tenantId, deals);
    const c2 = await rowCounts(driver, tenantId);

    await warmUp(warm, concurrency, apiPatch(warmDeals));
    await warmUp(warm, floorWorkers, floorPatch(warmDeals));
    const c3 = await rowCounts(driver, tenantId);
    const apiPatches = await runBounded(phase, apiPatch(deals));
    const c4 = await rowCounts(driver, tenantId);
    const floorPatches = await runBounded(
      floorPhase(apiPatches.measurement.ops),
      floorPatch(deals),
    );
    await assertVersions(driver, tenantId, deals);
    const c5 = await rowCounts(driver, tenantId);

    const moveNotes = [
      ...rowNotes('API', c0, c1, apiMoves.measurement.ops, 1),
      ...rowNotes('floor', c1, c2, floorMoves.measurement.ops, 1),
    ];
    moveNotes.push(
      `a gated move takes ${(apiMoves.measurement.msPerOp / apiPatches.measurement.msPerOp).toFixed(1)}× ` +
        'the wall time of a plain PATCH of the same deals through the API (next row)',
    );
    if (apiMoves.truncated)
      moveNotes.push(
        `stopped after ${env.config.phaseSeconds} s at ${apiMoves.measurement.ops} moves`,
      );
    const patchNotes = [
      ...rowNotes('API', c3, c4, apiPatches.measurement.ops, 0),
      ...rowNotes('floor', c4, c5, floorPatches.measurement.ops, 0),
    ];
    if (apiPatches.truncated)
      patchNotes.push(
        `stopped after ${env.config.phaseSeconds} s at ${apiPatches.measurement.ops} updates`,
      );
    return [
      {
        title: 'Stage move with gates',
        operation: 'POST /api/v1/opportunities/{id}/move',
        concurrency,
        api: apiMoves.measurement,
        floor: floorMoves.measurement,
        floorConcurrency: floorWorkers,
        ratio: slowdown(apiMoves.measurement, floorMoves.measurement),
        notes: moveNotes,
      },
      {
        title: 'Plain update, same deals',
        operation: 'PATCH /api/v1/opportunities/{id}',
        concurrency,
        api: apiPatches.measurement,
        floor: floorPatches.measurement,
        floorConcurrency: floorWorkers,
        ratio: slowdown(apiPatches.measurement, floorPatches.measurement),
        notes: patchNotes,
      },
    ];
  } finally {
    setup.client.close();
    await driver.close();
  }
}

/**
 * A tenant with the gated pipeline and its deals, made through the API (unmeasured): each
 * deal has the fields the standards ask for and its required key action ticked. Before
 * anything is measured, a deal without the action is refused: the gates are really checked.
 */
async function prepare(env: CaseEnvironment): Promise<Setup> {
  const { concurrency } = env.config.move;
  const slug = `bench-move-${randomBytes(3).toString('hex')}`;
  const { tenant, admin } = await createTenant(
    env.runtime.ctx,
    { slug, name: slug, admin: { email: `admin@${slug}.test`, password: PASSWORD } },
    'bench-setup',
  );
  const client = new BenchClient(env.url, concurrency);
  try {
    return await populate(env, client, tenant.id, admin.email);
  } catch (error) {
    client.close();
    throw error;
  }
}

async function populate(
  env: CaseEnvironment,
  client: BenchClient,
  tenantId: string,
  adminEmail: string,
): Promise<Setup> {
  const { deals: count, concurrency } = env.config.move;
  await client.signIn(adminEmail, PASSWORD);
  const pipeline = JSON.parse(
    await client.expect(
      201,
      'PUT',
      '/api/v1/pipeline-files/bench-gated',
      gatedPipelineFile('bench-gated'),
    ),
  ) as { id: string; stages: { id: string; key: string }[] };
  const stageIds = OPEN_STAGES.map((key) => {
    const stage = pipeline.stages.find((candidate) => candidate.key === key);
    if (!stage) throw new Error(`the gated pipeline has no stage ${key}`);
    return stage.id;
  });
  const account = JSON.parse(
    await client.expect(201, 'POST', '/api/v1/accounts', { name: 'Bench account' }),
  ) as { id: string };
  const createDeal = async (i: number, tick: boolean): Promise<Deal> => {
    const json = Opportunity.parse(
      JSON.parse(
        await client.expect(201, 'POST', '/api/v1/opportunities', {
          name: `Bench move ${i}`,
          accountId: account.id,
          pipelineId: pipeline.id,
          amount: { amountMinor: 5_000_000 + i * 100, currency: 'CNY' },
          expectedCloseDate: '2027-06-30',
          nextStep: 'Workshop with the buying team',
        }),
      ),
    );
    if (tick)
      await client.expect(201, 'POST', `/api/v1/opportunities/${json.id}/playbook`, {
        kind: 'action',
        key: 'confirm-need',
      });
    return { json, previous: Promise.resolve() };
  };

  const unticked = await createDeal(-1, false);
  const refused = await client.send('POST', `/api/v1/opportunities/${unticked.json.id}/move`, {
    version: unticked.json.version,
    stageId: stageIds[1],
  });
  if (refused.status !== 422 || !refused.text.includes('gate_failed'))
    throw new Error(`a move without the required action was not refused: ${refused.status}`);

  const make = async (n: number, offset: number): Promise<Deal[]> => {
    const made: Deal[] = new Array<Deal>(n);
    await runBounded({ count: n, concurrency, maxSeconds: 3600 }, async (i) => {
      made[i] = await createDeal(offset + i, true);
    });
    return made;
  };
  const warmCount = Math.max(1, Math.ceil(env.config.warmup / MOVES_PER_DEAL));
  return {
    tenantId,
    client,
    stageIds,
    deals: await make(count, 0),
    warmDeals: await make(warmCount, count),
  };
}

/**
 * The floor's updates are conditional on the version, like the app's; a row it failed to
 * update would flatter it, so every deal must now hold the version the floor gave it.
 */
async function assertVersions(driver: RawDriver, tenantId: string, deals: Deal[]): Promise<void> {
  const rows = await driver.query<{ id: string; version: number }>({
    sql: 'select id, version from opportunities where tenant_id = ? and deleted_at is null',
    params: [tenantId],
  });
  const stored = new Map(rows.map((row) => [row.id, Number(row.version)]));
  const stale = deals.filter((deal) => stored.get(deal.json.id) !== deal.json.version);
  if (stale.length > 0) throw new Error(`the floor did not update ${stale.length} deals`);
}

/** Every column the app writes when it saves an opportunity (it saves the whole row). */
const UPDATE_OPPORTUNITY = `update opportunities set name = ?, account_id = ?,
  primary_contact_id = ?, owner_id = ?, pipeline_id = ?, stage_id = ?, status = ?,
  amount_minor = ?, currency = ?, expected_close_date = ?, budget_minor = ?,
  budget_currency = ?, timeline = ?, next_step = ?, next_step_date = ?, competitors = ?,
  source = ?, source_lead_id = ?, stage_entered_at = ?, closed_at = ?, custom_fields = ?,
  deadline_at = ?, deadline_level = ?, created_at = ?, updated_at = ?, deleted_at = ?,
  version = ? where tenant_id = ? and id = ? and version = ?`;

function updateRow(tenantId: string, o: OpportunityJson, expectedVersion: number): RawStatement {
  const params: RawValue[] = [
    o.name,
    o.accountId,
    o.primaryContactId,
    o.ownerId,
    o.pipelineId,
    o.stageId,
    o.status,
    o.amount.amountMinor,
    o.amount.currency,
    o.expectedCloseDate,
    o.budget?.amountMinor ?? null,
    o.budget?.currency ?? null,
    o.timeline,
    o.nextStep,
    o.nextStepDate,
    JSON.stringify(o.competitors),
    o.source,
    o.sourceLeadId,
    o.stageEnteredAt,
    o.closedAt,
    JSON.stringify(o.customFields),
    o.deadlineAt,
    o.deadlineLevel,
    o.createdAt,
    o.updatedAt,
    o.deletedAt,
    o.version,
    tenantId,
    o.id,
    expectedVersion,
  ];
  return { sql: UPDATE_OPPORTUNITY, params };
}

function auditRow(
  tenantId: string,
  action: string,
  before: OpportunityJson,
  after: OpportunityJson,
): RawStatement {
  return {
    sql: `insert into audit_log (tenant_id, id, actor_id, entity_type, entity_id, action,
      before, after, at, request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    params: [
      tenantId,
      uuidv7(),
      after.ownerId,
      'opportunity',
      after.id,
      action,
      JSON.stringify(before),
      JSON.stringify(after),
      after.updatedAt,
      uuidv7(),
    ],
  };
}

/** The rows one move leaves behind: the deal in its new stage, the history, the audit entry. */
function moveStatements(
  tenantId: string,
  current: OpportunityJson,
  toStageId: string,
): { statements: RawStatement[]; next: OpportunityJson } {
  const now = new Date();
  const at = now.toISOString();
  const next: OpportunityJson = {
    ...current,
    stageId: toStageId,
    stageEnteredAt: at,
    deadlineAt: new Date(now.getTime() + 7 * DAY_MS).toISOString(),
    deadlineLevel: 0,
    updatedAt: at,
    version: current.version + 1,
  };
  return {
    next,
    statements: [
      updateRow(tenantId, next, current.version),
      {
        sql: `update stage_history set left_at = ?
          where tenant_id = ? and opportunity_id = ? and left_at is null`,
        params: [at, tenantId, current.id],
      },
      {
        sql: `insert into stage_history (tenant_id, id, opportunity_id, pipeline_id, stage_id,
          from_stage_id, entered_at, left_at, moved_by, reason, amount_minor, currency)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
          tenantId,
          uuidv7(),
          current.id,
          current.pipelineId,
          toStageId,
          current.stageId,
          at,
          null,
          current.ownerId,
          null,
          current.amount.amountMinor,
          current.amount.currency,
        ],
      },
      auditRow(tenantId, 'move_stage', current, next),
    ],
  };
}

/** The rows one plain update leaves behind: the deal with its new field, the audit entry. */
function patchStatements(
  tenantId: string,
  current: OpportunityJson,
  nextStep: string,
): { statements: RawStatement[]; next: OpportunityJson } {
  const at = new Date().toISOString();
  const next: OpportunityJson = {
    ...current,
    nextStep,
    updatedAt: at,
    version: current.version + 1,
  };
  return {
    next,
    statements: [
      updateRow(tenantId, next, current.version),
      auditRow(tenantId, 'update', current, next),
    ],
  };
}

interface RowCounts {
  readonly history: number;
  readonly audit: number;
}

async function rowCounts(driver: RawDriver, tenantId: string): Promise<RowCounts> {
  const [row] = await driver.query<RowCounts>({
    sql: `select
      (select count(*) from stage_history where tenant_id = ?) as history,
      (select count(*) from audit_log where tenant_id = ? and entity_type = 'opportunity') as audit`,
    params: [tenantId, tenantId],
  });
  if (!row) throw new Error('row counts: no row');
  return row;
}

/** Checks the claim the ratio rests on: both sides write the same rows per operation. */
function rowNotes(
  side: string,
  before: RowCounts,
  after: RowCounts,
  ops: number,
  historyPerOp: number,
): string[] {
  const history = Number(after.history) - Number(before.history);
  const audit = Number(after.audit) - Number(before.audit);
  if (history === ops * historyPerOp && audit === ops) return [];
  return [
    `${side} wrote ${history} history and ${audit} audit rows for ${ops} operations ` +
      `(expected ${historyPerOp} and 1 per operation)`,
  ];
}
