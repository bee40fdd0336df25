import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Which stages each deal has visited, kept on the deal's row, so "how far did the period's
 * deals get" is one index-only range scan instead of a history lookup per deal (at a million
 * deals the lookups were 1.6 million index probes and most of the funnel's time):
 *
 * - `stages.slot`: a small number (0–30) per stage, unique within its pipeline, that never
 *   changes while the stage exists. Positions can change (re-ordering, a stage inserted in
 *   the middle) and kinds can change, so the deal stores slots, and reports turn the current
 *   positions and kinds into a bit mask when they ask. A stage can only be removed when no
 *   history row uses it, so a freed slot can be given to a new stage safely.
 * - `opportunities.visited_stages`: the bit `1 << slot` of every stage of the deal's own
 *   pipeline its stage history holds. Written with each history row (store/stage-reach.repo.ts).
 * - `opportunities_cohort_idx` gains the column, so the funnel's "reached" never reads rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('stages')
    .addColumn('slot', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  // Existing stages get their rank by position (positions are unique per pipeline).
  await sql`update stages set slot = (
      select count(*) from stages earlier
      where earlier.tenant_id = stages.tenant_id and earlier.pipeline_id = stages.pipeline_id
        and earlier.position < stages.position)`.execute(db);
  await db.schema
    .createIndex('stages_slot_key')
    .on('stages')
    .columns(['tenant_id', 'pipeline_id', 'slot'])
    .unique()
    .execute();

  await db.schema
    .alterTable('opportunities')
    .addColumn('visited_stages', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`update opportunities set visited_stages = coalesce((
      select sum(distinct 1 << st.slot) from stage_history sh
      join stages st on st.tenant_id = sh.tenant_id and st.id = sh.stage_id
        and st.pipeline_id = opportunities.pipeline_id
      where sh.tenant_id = opportunities.tenant_id and sh.opportunity_id = opportunities.id), 0)`.execute(
    db,
  );

  await db.schema.dropIndex('opportunities_cohort_idx').execute();
  await db.schema
    .createIndex('opportunities_cohort_idx')
    .on('opportunities')
    .columns([
      'tenant_id',
      'pipeline_id',
      'created_at',
      'currency',
      'deleted_at',
      'owner_id',
      'amount_minor',
      'visited_stages',
      'id',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('opportunities_cohort_idx').execute();
  await db.schema
    .createIndex('opportunities_cohort_idx')
    .on('opportunities')
    .columns([
      'tenant_id',
      'pipeline_id',
      'created_at',
      'currency',
      'deleted_at',
      'owner_id',
      'amount_minor',
      'id',
    ])
    .execute();
  await db.schema.alterTable('opportunities').dropColumn('visited_stages').execute();
  await db.schema.dropIndex('stages_slot_key').execute();
  await db.schema.alterTable('stages').dropColumn('slot').execute();
}
