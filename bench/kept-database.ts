import { sql } from 'kysely';
import type { ReportFilter } from '../src/app/analytics/report-scope.js';
import { addDays, periodOf, startOfLocalDate } from '../src/domain/analytics/period.js';
import { calendarDate } from '../src/domain/days.js';
import type { Principal } from '../src/domain/tenancy/principal.js';
import { openRuntime } from '../src/runtime.js';
import type { Runtime } from '../src/runtime.js';
import type { QueryListener } from '../src/store/db.js';
import type { FloorQuestion } from './floors/index.js';
import type { BenchTarget } from './targets.js';

/**
 * A database an `analytics` bench run kept (`BENCH_KEEP_DB=1`), opened as the bench case
 * opens it: the generated tenant's admin, reading the last 12 calendar months, and the same
 * question for the floors. Migrated to the current schema first (new indexes included).
 * Shared by `analytics-kept.ts` (re-measure) and `analytics-profile.ts` (where the time goes).
 */
export interface KeptDatabase {
  readonly target: BenchTarget;
  readonly runtime: Runtime;
  readonly admin: Principal;
  readonly filter: ReportFilter;
  readonly question: FloorQuestion;
}

interface Generated {
  readonly tenant_id: string;
  readonly user_id: string;
  readonly time_zone: string;
  readonly pipeline_id: string;
}

/** `args`: the SQLite file or PostgreSQL URL, and `--schema=…` for PostgreSQL. */
export function keptTarget(database: string, schema: string | undefined): BenchTarget {
  const postgres = /^postgres(ql)?:/.test(database);
  if (postgres && !schema) throw new Error('a kept PostgreSQL run needs --schema=<its schema>');
  return {
    dialect: postgres ? 'postgres' : 'sqlite',
    database,
    ...(postgres && schema ? { schema } : {}),
    description: database,
    drop: () => Promise.resolve(),
  };
}

export async function openKept(
  target: BenchTarget,
  onQuery?: QueryListener,
): Promise<KeptDatabase> {
  const runtime = await openRuntime(target.database, {
    ...(target.schema ? { schema: target.schema } : {}),
    ...(onQuery ? { onQuery } : {}),
  });
  try {
    // The analytics generator's tenant: its admin signs in as admin@<slug>.test.
    const { rows } = await sql<Generated>`
      select u.tenant_id, u.id as user_id, t.time_zone, p.id as pipeline_id from users u
      join tenants t on t.id = u.tenant_id
      join pipelines p on p.tenant_id = u.tenant_id and p.is_default = 1
      where u.role = 'admin' and u.email like 'admin@%.test'
      order by u.created_at desc limit 1`.execute(runtime.store.db);
    const generated = rows[0];
    if (!generated) throw new Error(`${target.database} holds no generated analytics tenant`);
    const admin: Principal = {
      tenantId: generated.tenant_id,
      userId: generated.user_id,
      role: 'admin',
      grants: [],
      requestId: 'bench-analytics-kept',
    };
    const to = calendarDate(new Date(), generated.time_zone);
    const from = `${addDays(`${to.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
    const period = periodOf(from, to, generated.time_zone);
    const question: FloorQuestion = {
      dialect: target.dialect,
      tenantId: generated.tenant_id,
      pipelineId: generated.pipeline_id,
      currency: 'CNY',
      from,
      to,
      timeZone: generated.time_zone,
      start: period.start,
      end: period.end,
      at: startOfLocalDate(addDays(to, 1), generated.time_zone),
    };
    return { target, runtime, admin, filter: { from, to }, question };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** Positional arguments and `--schema=…` of a kept-database tool's command line. */
export function keptArgs(argv: readonly string[]): {
  target: BenchTarget | null;
  rest: string[];
} {
  const schema = argv.find((arg) => arg.startsWith('--schema='))?.slice('--schema='.length);
  const [database, ...rest] = argv.filter((arg) => !arg.startsWith('--'));
  return { target: database ? keptTarget(database, schema) : null, rest };
}
