import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * What the analytics need beyond stage history:
 * - `deal_changes`: every change of a deal's amount or expected close date, so the
 *   pipeline-change waterfall, close-date slippage and as-of amounts are history, not
 *   guesses;
 * - `pipeline_snapshots`: one row per day × pipeline × stage × owner × currency × forecast
 *   category, written by the daily snapshot job, for trends;
 * - `sales_targets` (quotas) and `forecast_overrides` (a manager's call on a rep's or a
 *   team's forecast, kept as history: rows are only ever added);
 * - `opportunities.forecast_category`: the rep's own category, null meaning the stage's;
 * - `win_models` and `win_predictions`: the learned win probability per pipeline, trained by
 *   a job, with each open deal's prediction and its top factors. Probabilities are integer
 *   basis points (0–10000) so weighted sums are exact and identical on both databases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema.alterTable('opportunities').addColumn('forecast_category', 'text').execute();

  await ref(
    tenantTable(db, 'deal_changes')
      .addColumn('opportunity_id', 'text', (col) => col.notNull())
      .addColumn('field', 'text', (col) => col.notNull())
      .addColumn('from_amount_minor', t.money)
      .addColumn('to_amount_minor', t.money)
      .addColumn('from_date', t.date)
      .addColumn('to_date', t.date)
      .addColumn('currency', 'text', (col) => col.notNull())
      .addColumn('changed_at', t.timestamp, (col) => col.notNull())
      .addColumn('changed_by', 'text'),
    'opportunity_id',
    'opportunities',
  ).execute();

  await tenantTable(db, 'pipeline_snapshots')
    .addColumn('snapshot_date', t.date, (col) => col.notNull())
    .addColumn('pipeline_id', 'text', (col) => col.notNull())
    .addColumn('stage_id', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'text', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('forecast_category', 'text', (col) => col.notNull())
    .addColumn('deal_count', 'integer', (col) => col.notNull())
    .addColumn('amount_minor', t.money, (col) => col.notNull())
    .addColumn('weighted_minor', t.money, (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addUniqueConstraint('pipeline_snapshots_cell_key', [
      'tenant_id',
      'snapshot_date',
      'pipeline_id',
      'stage_id',
      'owner_id',
      'currency',
      'forecast_category',
    ])
    .execute();

  await withVersioning(
    tenantTable(db, 'sales_targets')
      .addColumn('subject_type', 'text', (col) => col.notNull())
      .addColumn('subject_id', 'text', (col) => col.notNull())
      .addColumn('pipeline_id', 'text')
      .addColumn('period_start', t.date, (col) => col.notNull())
      .addColumn('period_end', t.date, (col) => col.notNull())
      .addColumn('amount_minor', t.money, (col) => col.notNull())
      .addColumn('currency', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text'),
    t,
  ).execute();

  await tenantTable(db, 'forecast_overrides')
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text', (col) => col.notNull())
    .addColumn('pipeline_id', 'text', (col) => col.notNull())
    .addColumn('period_start', t.date, (col) => col.notNull())
    .addColumn('period_end', t.date, (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('amount_minor', t.money, (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('set_by', 'text')
    .addColumn('set_at', t.timestamp, (col) => col.notNull())
    .execute();

  await tenantTable(db, 'win_models')
    .addColumn('pipeline_id', 'text', (col) => col.notNull())
    .addColumn('algorithm', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('sample_size', 'integer', (col) => col.notNull())
    .addColumn('parameters', t.json, (col) => col.notNull())
    .addColumn('metrics', t.json, (col) => col.notNull())
    .addColumn('trained_at', t.timestamp, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('win_predictions')
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id'))
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('model_id', 'text', (col) => col.notNull())
    .addColumn('probability_bp', 'integer', (col) => col.notNull())
    .addColumn('factors', t.json, (col) => col.notNull())
    .addColumn('scored_at', t.timestamp, (col) => col.notNull())
    .addPrimaryKeyConstraint('win_predictions_pkey', ['tenant_id', 'opportunity_id'])
    .execute();

  const indexes: [string, string, string[]][] = [
    ['deal_changes_at_idx', 'deal_changes', ['tenant_id', 'changed_at']],
    ['deal_changes_opp_idx', 'deal_changes', ['tenant_id', 'opportunity_id', 'changed_at']],
    [
      'pipeline_snapshots_pipeline_idx',
      'pipeline_snapshots',
      ['tenant_id', 'pipeline_id', 'snapshot_date'],
    ],
    [
      'sales_targets_subject_idx',
      'sales_targets',
      ['tenant_id', 'subject_type', 'subject_id', 'period_start'],
    ],
    [
      'forecast_overrides_subject_idx',
      'forecast_overrides',
      ['tenant_id', 'pipeline_id', 'period_start', 'subject_type', 'subject_id', 'set_at'],
    ],
    ['win_models_pipeline_idx', 'win_models', ['tenant_id', 'pipeline_id', 'status']],
  ];
  for (const [name, table, columns] of indexes)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'win_predictions',
    'win_models',
    'forecast_overrides',
    'sales_targets',
    'pipeline_snapshots',
    'deal_changes',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('opportunities').dropColumn('forecast_category').execute();
}
