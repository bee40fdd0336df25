import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * The pipeline engine: custom fields that gates can require, key actions and materials
 * done per deal, attachments, stage approvals, close reasons and reviews, and scorecard
 * evaluations. Pipelines may be restricted to teams and carry their own scorecard.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .alterTable('opportunities')
    .addColumn('custom_fields', t.json, (col) => col.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('pipelines')
    .addColumn('team_ids', t.json, (col) => col.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('pipelines').addColumn('scorecard', t.json).execute();

  await withVersioning(tenantTable(db, 'custom_fields'), t)
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('label_zh', 'text', (col) => col.notNull())
    .addColumn('label_en', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('options', t.json, (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('custom_fields_key_key', ['tenant_id', 'entity', 'key'])
    .execute();

  let actions = tenantTable(db, 'opportunity_actions')
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('stage_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('item_key', 'text', (col) => col.notNull())
    .addColumn('done_by', 'text')
    .addColumn('done_at', t.timestamp, (col) => col.notNull())
    .addColumn('evidence', t.json, (col) => col.notNull())
    .addUniqueConstraint('opportunity_actions_item_key', [
      'tenant_id',
      'opportunity_id',
      'kind',
      'item_key',
    ]);
  actions = ref(actions, 'opportunity_id', 'opportunities');
  actions = ref(actions, 'stage_id', 'stages');
  await actions.execute();

  let attachments = tenantTable(db, 'attachments')
    .addColumn('opportunity_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('size_bytes', 'integer', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('storage_key', 'text', (col) => col.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('deleted_at', t.timestamp);
  attachments = ref(attachments, 'opportunity_id', 'opportunities');
  attachments = ref(attachments, 'account_id', 'accounts');
  await attachments.execute();

  let approvals = withVersioning(tenantTable(db, 'approvals'), t)
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('stage_id', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('approver_id', 'text')
    .addColumn('approver_role', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('request', t.json, (col) => col.notNull())
    .addColumn('comment', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', t.timestamp);
  approvals = ref(approvals, 'opportunity_id', 'opportunities');
  approvals = ref(approvals, 'approver_id', 'users');
  await approvals.execute();

  await withVersioning(tenantTable(db, 'close_reasons'), t)
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('name_zh', 'text', (col) => col.notNull())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addUniqueConstraint('close_reasons_key_key', ['tenant_id', 'outcome', 'key'])
    .execute();

  let reviews = tenantTable(db, 'opportunity_reviews')
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('reasons', t.json, (col) => col.notNull())
    .addColumn('competitor', 'text')
    .addColumn('stage_id', 'text', (col) => col.notNull())
    .addColumn('notes', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('created_at', t.timestamp, (col) => col.notNull());
  reviews = ref(reviews, 'opportunity_id', 'opportunities');
  await reviews.execute();

  let evaluations = tenantTable(db, 'opportunity_evaluations')
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('stage_id', 'text', (col) => col.notNull())
    .addColumn('scores', t.json, (col) => col.notNull())
    .addColumn('weighted_score', 'integer', (col) => col.notNull())
    .addColumn('notes', 'text')
    .addColumn('evaluated_by', 'text')
    .addColumn('created_at', t.timestamp, (col) => col.notNull());
  evaluations = ref(evaluations, 'opportunity_id', 'opportunities');
  await evaluations.execute();

  const indexes: [string, string, string[]][] = [
    ['opportunity_actions_opp_idx', 'opportunity_actions', ['tenant_id', 'opportunity_id']],
    ['attachments_opp_idx', 'attachments', ['tenant_id', 'opportunity_id', 'type']],
    ['approvals_opp_idx', 'approvals', ['tenant_id', 'opportunity_id', 'status']],
    ['approvals_approver_idx', 'approvals', ['tenant_id', 'approver_id', 'status']],
    [
      'opportunity_reviews_opp_idx',
      'opportunity_reviews',
      ['tenant_id', 'opportunity_id', 'created_at'],
    ],
    [
      'opportunity_evaluations_opp_idx',
      'opportunity_evaluations',
      ['tenant_id', 'opportunity_id', 'created_at'],
    ],
  ];
  for (const [name, table, columns] of indexes)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'opportunity_evaluations',
    'opportunity_reviews',
    'close_reasons',
    'approvals',
    'attachments',
    'opportunity_actions',
    'custom_fields',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('pipelines').dropColumn('scorecard').execute();
  await db.schema.alterTable('pipelines').dropColumn('team_ids').execute();
  await db.schema.alterTable('opportunities').dropColumn('custom_fields').execute();
}
