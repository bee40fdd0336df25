import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { pipelineTemplate } from '../src/app/pipeline-templates.service.js';
import { createPipeline } from '../src/app/pipelines.service.js';
import { createTeam } from '../src/app/teams.service.js';
import { createTenant, systemPrincipal } from '../src/app/tenants.service.js';
import { createUser } from '../src/app/users.service.js';
import type { Principal } from '../src/domain/tenancy/principal.js';
import type { Database } from '../src/store/schema.js';
import { dealsWithStaleReach } from '../src/store/stage-reach.repo.js';
import { refreshStatistics } from '../src/store/statistics.repo.js';
import type { CaseEnvironment } from './cases/environment.js';
import {
  DAY_MS,
  SHAPES,
  emptyRows,
  generateDeal,
  randomSource,
  timeId,
} from './analytics-deals.js';
import type { DealRows, DealTable, DealWorld } from './analytics-deals.js';
import {
  RECEIVABLE_SHAPES,
  checkReceivables,
  emptyReceivableRows,
  generateReceivables,
} from './analytics-receivables-data.js';
import type { ReceivableTable } from './analytics-receivables-data.js';
import { openBulkSink } from './analytics-sink.js';
import type { RawValue } from './raw-driver.js';

/** Deals generated (and written) per flush: bounded memory whatever the size. */
const CHUNK = 20_000;
const REGIONS = 2;
const TEAMS_PER_REGION = 4;
const REPS_PER_TEAM = 25;
const INDUSTRIES = [
  'manufacturing',
  'retail',
  'finance',
  'healthcare',
  'education',
  'software',
  'energy',
  'logistics',
];
const SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'];
const TIERS = ['benchmark', 'high_yield', 'potential'];
/** Every table the bulk load writes: indexes rebuilt and statistics refreshed for each. */
const LOADED_TABLES: readonly (keyof Database)[] = [
  'accounts',
  'opportunities',
  'stage_history',
  'deal_changes',
  'opportunity_products',
  'opportunity_reviews',
  'activities',
  'opportunity_actions',
  'leads',
  'contracts',
  'payment_installments',
  'receipts',
  'receipt_allocations',
];

export interface AnalyticsDataset {
  readonly tenantId: string;
  /** The tenant's first admin, as the reports' reader. */
  readonly admin: Principal;
  readonly pipelineId: string;
  readonly timeZone: string;
  readonly teamIds: readonly string[];
  readonly now: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly seconds: {
    readonly generate: number;
    /** Of `generate`: the lead-to-cash rows (analytics-receivables-data.ts), made and written. */
    readonly receivables: number;
    readonly indexes: number;
    readonly analyse: number;
  };
}

/**
 * The analytics benchmark's tenant: 10 teams (2 regions × 4 teams, with managers and
 * directors), 200 reps, one account per 10 deals (industry, size, value tier), and `deals`
 * opportunities created evenly over three years in the default pipeline (the 5-open-stage
 * `intent-6-stage` template) with their full histories (see `analytics-deals.ts`). People
 * and the pipeline go through the services; the bulk rows go straight into the tables on a
 * connection of their own, indexes rebuilt at the end, then statistics refreshed as the
 * app's import does.
 */
export async function seedAnalyticsTenant(
  env: CaseEnvironment,
  deals: number,
  log: (line: string) => void,
): Promise<AnalyticsDataset> {
  const ctx = env.runtime.ctx;
  const started = performance.now();
  const slug = `bench-analytics-${Date.now().toString(36)}`;
  const { tenant, admin } = await createTenant(
    ctx,
    { slug, name: slug, admin: { email: `admin@${slug}.test`, password: 'bench-password-1' } },
    'bench-setup',
  );
  const system = systemPrincipal(tenant.id, 'bench-setup');
  const pipeline = await createPipeline(ctx, system, {
    ...(await pipelineTemplate('intent-6-stage')),
    isDefault: true,
  });
  const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);
  const wonId = stages.find((stage) => stage.kind === 'won')?.id;
  const lostId = stages.find((stage) => stage.kind === 'lost')?.id;
  if (!wonId || !lostId) throw new Error('intent-6-stage has no won or lost stage');
  // Each stage's bit in `opportunities.visited_stages` (its slot, given when it was stored).
  const slots = await env.runtime.store.db
    .selectFrom('stages')
    .select(['id', 'slot'])
    .where('tenant_id', '=', tenant.id)
    .where('pipeline_id', '=', pipeline.id)
    .execute();
  const bit = (stageId: string) => {
    const slot = slots.find((row) => row.id === stageId)?.slot;
    if (slot === undefined) throw new Error(`stage ${stageId} has no slot`);
    return 1 << slot;
  };

  const teamIds: string[] = [];
  const owners: string[] = [];
  for (let r = 0; r < REGIONS; r++) {
    const director = await createUser(ctx, system, {
      email: `director${r}@${slug}.test`,
      name: `总监 ${r}`,
      role: 'manager',
    });
    const region = await createTeam(ctx, system, { name: `大区 ${r}`, managerId: director.id });
    teamIds.push(region.id);
    for (let t = 0; t < TEAMS_PER_REGION; t++) {
      const n = r * TEAMS_PER_REGION + t;
      const manager = await createUser(ctx, system, {
        email: `manager${n}@${slug}.test`,
        name: `经理 ${n}`,
        role: 'manager',
      });
      const team = await createTeam(ctx, system, {
        name: `销售 ${n} 组`,
        parentId: region.id,
        managerId: manager.id,
      });
      teamIds.push(team.id);
      for (let p = 0; p < REPS_PER_TEAM; p++) {
        const rep = await createUser(ctx, system, {
          email: `rep${n}-${p}@${slug}.test`,
          name: `销售 ${n}-${p}`,
          role: 'rep',
          teamId: team.id,
        });
        owners.push(rep.id);
      }
    }
  }

  const rng = randomSource(env.config.seed);
  const now = Math.floor(Date.now() / 1000) * 1000;
  const firstCreated = now - 3 * 365 * DAY_MS;
  const accountCount = Math.max(1, Math.round(deals / 10));
  const accounts = Array.from({ length: accountCount }, (_, a) => ({
    id: timeId(firstCreated + (a / accountCount) * (now - firstCreated), 8, a),
    ownerIndex: Math.floor(rng() * owners.length),
  }));
  const world: DealWorld = {
    tenantId: tenant.id,
    pipelineId: pipeline.id,
    open: stages
      .filter((stage) => stage.kind === 'open')
      .map((stage) => ({
        id: stage.id,
        bit: bit(stage.id),
        actionKeys: stage.rules.actions.map((action) => action.key),
      })),
    wonId,
    wonBit: bit(wonId),
    lostId,
    lostBit: bit(lostId),
    owners,
    accounts,
    now,
    firstCreated,
    deals,
  };

  const sink = await openBulkSink(env.target);
  const counts: Record<string, number> = {};
  let indexSeconds = 0;
  let receivableSeconds = 0;
  // Its own stream: the deals stay as they were (only `mix`'s per-source leads see the leads).
  const receivableRng = randomSource(env.config.seed ^ 0x5eed);
  try {
    await sink.dropIndexes(LOADED_TABLES);
    const accountRows: RawValue[][] = accounts.map((account, a) => {
      const at = new Date(firstCreated + (a / accountCount) * (now - firstCreated)).toISOString();
      return [
        tenant.id,
        account.id,
        at,
        at,
        1,
        `客户 ${a} 有限公司`,
        INDUSTRIES[a % INDUSTRIES.length] ?? null,
        SIZES[Math.floor(rng() * SIZES.length)] ?? null,
        TIERS[Math.floor(rng() * TIERS.length)] ?? null,
        owners[account.ownerIndex] ?? null,
      ];
    });
    await sink.insert(
      {
        table: 'accounts',
        columns: [
          ['tenant_id', 'text'],
          ['id', 'text'],
          ['created_at', 'ts'],
          ['updated_at', 'ts'],
          ['version', 'int'],
          ['name', 'text'],
          ['industry', 'text'],
          ['size', 'text'],
          ['value_tier', 'text'],
          ['owner_id', 'text'],
        ],
      },
      accountRows,
    );
    counts.accounts = accountRows.length;
    for (let start = 0; start < deals; start += CHUNK) {
      const out: DealRows = emptyRows();
      for (let i = start; i < Math.min(deals, start + CHUNK); i++) generateDeal(world, rng, i, out);
      const receivablesStarted = performance.now();
      const cash = emptyReceivableRows();
      generateReceivables(
        { tenantId: tenant.id, now },
        receivableRng,
        out.opportunities,
        start,
        cash,
      );
      for (const table of Object.keys(RECEIVABLE_SHAPES) as ReceivableTable[]) {
        await sink.insert(RECEIVABLE_SHAPES[table], cash[table]);
        counts[table] = (counts[table] ?? 0) + cash[table].length;
      }
      receivableSeconds += (performance.now() - receivablesStarted) / 1000;
      for (const table of Object.keys(SHAPES) as DealTable[]) {
        await sink.insert(SHAPES[table], out[table]);
        counts[table] = (counts[table] ?? 0) + out[table].length;
      }
      const done = Math.min(deals, start + CHUNK);
      if (done % (CHUNK * 10) === 0 || done === deals)
        log(
          `  analytics: ${done.toLocaleString('en')} / ${deals.toLocaleString('en')} deals written (${((performance.now() - started) / 1000).toFixed(0)} s; load ${loadavg()[0]?.toFixed(2)})`,
        );
    }
    const indexStarted = performance.now();
    await sink.restoreIndexes();
    indexSeconds = (performance.now() - indexStarted) / 1000;
  } finally {
    await sink.close();
  }
  const generate = (performance.now() - started) / 1000 - indexSeconds;
  const analyseStarted = performance.now();
  // PostgreSQL: what autovacuum does after a bulk load — statistics, and the visibility map
  // that lets index-only scans skip the table (without it each entry is checked in the heap).
  if (env.target.dialect === 'postgres')
    await sql`vacuum analyze ${sql.join(LOADED_TABLES.map((table) => sql.table(table)))}`.execute(
      env.runtime.store.db,
    );
  else await refreshStatistics(env.runtime.store.db, LOADED_TABLES);
  const analyse = (performance.now() - analyseStarted) / 1000;
  await checkConsistency(env, tenant.id);
  return {
    tenantId: tenant.id,
    admin: {
      tenantId: tenant.id,
      userId: admin.id,
      role: 'admin',
      grants: [],
      requestId: 'bench-analytics',
    },
    pipelineId: pipeline.id,
    timeZone: tenant.timeZone,
    teamIds,
    now,
    counts,
    seconds: { generate, receivables: receivableSeconds, indexes: indexSeconds, analyse },
  };
}

/**
 * Every deal's stage, status, entry time, close time and amount are its last interval's, and
 * its visited stages are those of its history.
 */
async function checkConsistency(env: CaseEnvironment, tenantId: string): Promise<void> {
  const { rows } = await sql<{ n: unknown }>`
    select count(*) as n from opportunities o
    join stage_history sh on sh.tenant_id = o.tenant_id and sh.opportunity_id = o.id and sh.left_at is null
    join stages s on s.tenant_id = sh.tenant_id and s.id = sh.stage_id
    where o.tenant_id = ${tenantId} and (sh.stage_id <> o.stage_id or sh.entered_at <> o.stage_entered_at
      or sh.amount_minor <> o.amount_minor or o.status <> case when s.kind = 'open' then 'open' else s.kind end
      or (o.status = 'open') <> (o.closed_at is null) or (o.closed_at is not null and o.closed_at <> sh.entered_at))`.execute(
    env.runtime.store.db,
  );
  const { rows: open } = await sql<{ n: unknown }>`
    select count(*) as n from stage_history where tenant_id = ${tenantId} and left_at is null`.execute(
    env.runtime.store.db,
  );
  const { rows: total } = await sql<{ n: unknown }>`
    select count(*) as n from opportunities where tenant_id = ${tenantId}`.execute(
    env.runtime.store.db,
  );
  if (Number(rows[0]?.n) !== 0 || Number(open[0]?.n) !== Number(total[0]?.n))
    throw new Error(
      `generated analytics data is inconsistent: ${Number(rows[0]?.n)} deals disagree with their last interval`,
    );
  await checkReceivables(env.runtime.store.db, tenantId);
  const stale = await dealsWithStaleReach(env.runtime.store.db, tenantId);
  if (stale.length > 0)
    throw new Error(`generated visited_stages disagree with history for ${stale.length} deals`);
}
