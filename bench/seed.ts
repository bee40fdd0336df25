import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { DEMO, seedDemoTenant } from '../src/app/demo.service.js';
import type { CaseEnvironment } from './cases/environment.js';
import type { SeedingResult } from './results.js';

/** Deals per progress line and per entry of `SeedingResult.segments`. */
export const SEGMENT = 20_000;

export interface SeededTenant {
  readonly tenantId: string;
  readonly adminEmail: string;
  readonly password: string;
  readonly seeding: SeedingResult;
}

/** Every table a tenant's rows live in, to count what the seeding really wrote. */
const TENANT_TABLES = [
  'users',
  'teams',
  'pools',
  'accounts',
  'contacts',
  'leads',
  'pipelines',
  'stages',
  'opportunities',
  'opportunity_products',
  'stage_history',
  'activities',
  'tasks',
  'audit_log',
] as const;

/**
 * The data the list case reads: a demo tenant of `opportunities` deals written by the
 * app's own deterministic generator (bulk inserts, one transaction per 2,000 deals), timed.
 */
export async function seedPipeline(
  env: CaseEnvironment,
  opportunities: number,
  log: (line: string) => void,
): Promise<SeededTenant> {
  const started = performance.now();
  const segments: number[] = [];
  let reported = 0;
  let segmentStart = started;
  const { tenant } = await seedDemoTenant(env.runtime.ctx, {
    slug: 'bench-list',
    opportunities,
    seed: env.config.seed,
    onProgress: (done, total) => {
      if (done - reported >= SEGMENT || done === total) {
        const now = performance.now();
        segments.push((now - segmentStart) / 1000);
        segmentStart = now;
        reported = done;
        log(
          `  seeded ${done.toLocaleString('en')} / ${total.toLocaleString('en')} deals ` +
            `(${segments.at(-1)?.toFixed(1)} s; load ${loadavg()[0]?.toFixed(2)})`,
        );
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const admin = await env.runtime.store.db
    .selectFrom('users')
    .select('email')
    .where('tenant_id', '=', tenant.id)
    .where('role', '=', 'admin')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  if (env.target.dialect === 'postgres') {
    // What autovacuum does within a minute or so of a large import, done now so that the
    // plans measured do not depend on whether it has run yet. (SQLite keeps no statistics
    // unless ANALYZE is run, and the app never runs it, so SQLite is left as the app has it.)
    await sql`analyze ${sql.join(TENANT_TABLES.map((table) => sql.table(table)))}`.execute(
      env.runtime.store.db,
    );
  }
  const counts: Record<string, number> = {};
  for (const table of TENANT_TABLES) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)} where tenant_id = ${tenant.id}`.execute(
      env.runtime.store.db,
    );
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return {
    tenantId: tenant.id,
    adminEmail: admin.email,
    password: DEMO.password,
    seeding: {
      opportunities: counts.opportunities ?? 0,
      rows: Object.values(counts).reduce((sum, n) => sum + n, 0),
      seconds,
      segments,
      counts,
    },
  };
}
