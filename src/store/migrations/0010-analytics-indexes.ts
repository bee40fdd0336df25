import type { Kysely } from 'kysely';

/**
 * Indexes for the analytics reports at a million deals (measured by the `analytics` case of
 * `npm run bench`; see docs/benchmarks.md). Each serves a report query from the index alone,
 * so it reads index entries in order and never visits the table rows:
 *
 * - `opportunities_outcome_idx`: deals by outcome. `status` then `closed_at` ranges the deals
 *   won or lost in a period (funnel, win rate, won sizes, cycles, loss analysis); for
 *   `status = 'open'` (`closed_at` null) it lists the open deals with their stage (standing
 *   funnel now, qualified pipeline, velocity). The scope columns (currency, deleted_at,
 *   owner_id for visibility and team filters) and the figures (amount, stage, created_at for
 *   cycles) ride along. Without it, win rate read every closed deal's row.
 * - `opportunities_cohort_idx`: the deals created in a period (the funnel's "reached",
 *   conversion cohorts, mix), with their id to reach their history.
 * - `stage_history_visits_idx`: which stages a deal visited, for the furthest stage reached;
 *   `stage_history_opp_idx` orders by `entered_at` and would need each row for its stage.
 * - `deal_changes_field_idx`: a deal's latest amount (or close date) change before an
 *   instant. With only `deal_changes_at_idx` and `deal_changes_opp_idx`, SQLite planned the
 *   standing funnel's per-interval lookup as a range over every change in the tenant since
 *   the interval began — more than ten minutes at 100,000 deals.
 */
const indexes: [string, string, string[]][] = [
  [
    'opportunities_outcome_idx',
    'opportunities',
    [
      'tenant_id',
      'pipeline_id',
      'status',
      'closed_at',
      'currency',
      'deleted_at',
      'owner_id',
      'stage_id',
      'amount_minor',
      'created_at',
    ],
  ],
  [
    'opportunities_cohort_idx',
    'opportunities',
    [
      'tenant_id',
      'pipeline_id',
      'created_at',
      'currency',
      'deleted_at',
      'owner_id',
      'amount_minor',
      'id',
    ],
  ],
  ['stage_history_visits_idx', 'stage_history', ['tenant_id', 'opportunity_id', 'stage_id']],
  [
    'deal_changes_field_idx',
    'deal_changes',
    ['tenant_id', 'opportunity_id', 'field', 'changed_at', 'to_amount_minor'],
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of indexes)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of indexes) await db.schema.dropIndex(name).execute();
}
