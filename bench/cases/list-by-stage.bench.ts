import { BenchClient } from '../http-client.js';
import { runBounded, warmUp } from '../load.js';
import { explain } from '../plans.js';
import { openRawDriver } from '../raw-driver.js';
import type { RawDriver, RawStatement, RawValue } from '../raw-driver.js';
import type { CaseResult, QueryPlan } from '../results.js';
import type { SeededTenant } from '../seed.js';
import { slowdown } from '../stats.js';
import { floorConcurrency } from './environment.js';
import type { CaseEnvironment } from './environment.js';

export interface ListOutcome {
  readonly cases: CaseResult[];
  readonly listStage: { readonly name: string; readonly opportunities: number };
  readonly plans: QueryPlan[];
}

/** One list request: the API path and the filter the floor adds to its where clause. */
interface Variant {
  readonly title: string;
  readonly short: string;
  readonly path: string;
  readonly stageId: string | null;
}

/**
 * The first page of the seeded pipeline, newest first, as the board opens it: filtered by
 * the busiest open stage, and (for comparison) unfiltered. The floor runs what the app
 * runs for it: the keyset select (limit + 1, to know whether a next page exists) and the
 * product lines of those deals, which every listed opportunity carries.
 */
export async function benchListFirstPage(
  env: CaseEnvironment,
  seeded: SeededTenant,
): Promise<ListOutcome> {
  const { requests, concurrency, limit } = env.config.list;
  const floorWorkers = floorConcurrency(env, concurrency);
  const driver = openRawDriver(env.target, floorWorkers);
  const client = new BenchClient(env.url, concurrency);
  try {
    const stage = await busiestOpenStage(driver, seeded.tenantId);
    await client.signIn(seeded.adminEmail, seeded.password);
    const variants: Variant[] = [
      {
        title: 'List first page by stage',
        short: 'by stage',
        path: `/api/v1/opportunities?stageId=${stage.id}&limit=${limit}`,
        stageId: stage.id,
      },
      {
        title: 'List first page, all stages',
        short: 'all stages',
        path: `/api/v1/opportunities?limit=${limit}`,
        stageId: null,
      },
    ];
    const cases: CaseResult[] = [];
    const plans: QueryPlan[] = [];
    for (const variant of variants) {
      const page = pageStatement(seeded.tenantId, variant.stageId, limit);
      const floorList = async () => {
        const rows = await driver.query<{ id: string }>(page);
        if (rows.length > 0) await driver.query(productsStatement(seeded.tenantId, rows));
      };
      const apiList = async () => {
        await client.expect(200, 'GET', variant.path);
      };
      await assertSamePage(client, driver, variant, page, limit);

      await warmUp(env.config.warmup, concurrency, apiList);
      await warmUp(env.config.warmup, floorWorkers, floorList);
      const api = await runBounded(
        { count: requests, concurrency, maxSeconds: env.config.phaseSeconds },
        apiList,
      );
      const floor = await runBounded(
        { count: api.measurement.ops, concurrency: floorWorkers, maxSeconds: 3600 },
        floorList,
      );
      cases.push({
        title: variant.title,
        operation: `GET ${variant.path.replace(/stageId=[^&]+/, 'stageId=…')}`,
        concurrency,
        api: api.measurement,
        floor: floor.measurement,
        floorConcurrency: floorWorkers,
        ratio: slowdown(api.measurement, floor.measurement),
        notes: api.truncated
          ? [`stopped after ${env.config.phaseSeconds} s at ${api.measurement.ops} requests`]
          : [],
      });
      const firstRows = await driver.query<{ id: string }>(page);
      plans.push({ query: `list ${variant.short}, page`, plan: await explain(driver, page) });
      if (variant.stageId !== null && firstRows.length > 0) {
        plans.push({
          query: `list ${variant.short}, products of the page`,
          plan: await explain(driver, productsStatement(seeded.tenantId, firstRows)),
        });
      }
    }
    return { cases, listStage: { name: stage.name, opportunities: stage.count }, plans };
  } finally {
    client.close();
    await driver.close();
  }
}

/** The select `listOpportunities` compiles to (Kysely's SQL text, to the quote). */
function pageStatement(tenantId: string, stageId: string | null, limit: number): RawStatement {
  const stage = stageId === null ? '' : ' and "stage_id" = ?';
  return {
    sql:
      'select * from "opportunities" where "tenant_id" = ? and "opportunities"."deleted_at" is null' +
      `${stage} order by "opportunities"."created_at" desc, "opportunities"."id" desc limit ?`,
    params: stageId === null ? [tenantId, limit + 1] : [tenantId, stageId, limit + 1],
  };
}

/** The product lines of every fetched row (the extra row included, as the app does). */
function productsStatement(tenantId: string, rows: readonly { id: string }[]): RawStatement {
  const ids: RawValue[] = rows.map((row) => row.id);
  return {
    sql:
      'select * from "opportunity_products" where "tenant_id" = ? and "opportunity_id" in ' +
      `(${ids.map(() => '?').join(', ')}) order by "opportunity_id", "position"`,
    params: [tenantId, ...ids],
  };
}

interface StageCount {
  readonly id: string;
  readonly name: string;
  readonly count: number;
}

async function busiestOpenStage(driver: RawDriver, tenantId: string): Promise<StageCount> {
  const [row] = await driver.query<{ id: string; name: string; count: number | string }>({
    sql: `select s.id, s.name_en as name, count(o.id) as count
      from stages s
      join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
      left join opportunities o
        on o.tenant_id = s.tenant_id and o.stage_id = s.id and o.deleted_at is null
      where s.tenant_id = ? and p.is_default = 1 and p.archived_at is null and s.kind = 'open'
      group by s.id, s.name_en, s.position
      order by count(o.id) desc, s.position
      limit 1`,
    params: [tenantId],
  });
  if (!row) throw new Error('the seeded tenant has no open stage in its default pipeline');
  return { id: row.id, name: row.name, count: Number(row.count) };
}

/** The floor must return the page the API returns, or the comparison means nothing. */
async function assertSamePage(
  client: BenchClient,
  driver: RawDriver,
  variant: Variant,
  page: RawStatement,
  limit: number,
): Promise<void> {
  const body = JSON.parse(await client.expect(200, 'GET', variant.path)) as {
    items: { id: string }[];
  };
  const apiIds = body.items.map((item) => item.id).join(',');
  const floorIds = (await driver.query<{ id: string }>(page))
    .slice(0, limit)
    .map((row) => row.id)
    .join(',');
  if (apiIds !== floorIds || body.items.length === 0) {
    throw new Error(`${variant.title}: the floor's page differs from the API's (or is empty)`);
  }
}
