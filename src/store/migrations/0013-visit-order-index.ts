import type { Kysely } from 'kysely';

/**
 * `stage_history_visits_idx` gains `entered_at` and `id`: the cohort reports (conversion,
 * people, the reverse funnel, winning patterns) number each deal's visits per stage in one
 * window pass ordered by exactly those columns, and the dwell report finds a deal's first
 * visit to a stage by them. With the narrower index SQLite sorted each deal's visits in a
 * temporary B-tree per probe and read every history row; this one serves both from the
 * index alone (docs/benchmarks.md, 2026-11-24). Its prefix still answers "which stages did
 * the deal visit", the index's first use.
 */
const NAME = 'stage_history_visits_idx';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex(NAME).execute();
  await db.schema
    .createIndex(NAME)
    .on('stage_history')
    .columns(['tenant_id', 'opportunity_id', 'stage_id', 'entered_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex(NAME).execute();
  await db.schema
    .createIndex(NAME)
    .on('stage_history')
    .columns(['tenant_id', 'opportunity_id', 'stage_id'])
    .execute();
}
