import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * What the pipeline board (kanban) needs beyond the deals themselves:
 * - `opportunity_tags`: a deal's free-form tags, one row each, keyed by the lower-case
 *   `tag_key` so "VIP" and "vip" are one tag; `opportunity_tags_key_idx` finds the deals
 *   carrying a tag (the `tag` filters) without reading every deal's tags;
 * - `saved_views`: a user's saved board and list views (filters as JSON, validated by the
 *   API), unique by name per user and kind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('opportunity_tags')
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id'))
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('tag', 'text', (col) => col.notNull())
    .addColumn('tag_key', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('opportunity_tags_pkey', ['tenant_id', 'opportunity_id', 'tag_key'])
    .addForeignKeyConstraint(
      'opportunity_tags_opportunity_id_fkey',
      ['tenant_id', 'opportunity_id'],
      'opportunities',
      ['tenant_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('opportunity_tags_key_idx')
    .on('opportunity_tags')
    .columns(['tenant_id', 'tag_key', 'opportunity_id'])
    .execute();

  await ref(
    withVersioning(
      tenantTable(db, 'saved_views')
        .addColumn('user_id', 'text', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('pipeline_id', 'text')
        .addColumn('filters', t.json, (col) => col.notNull())
        .addColumn('sort', 'text')
        .addColumn('shared', 'integer', (col) => col.notNull().defaultTo(0))
        .addUniqueConstraint('saved_views_name_key', ['tenant_id', 'user_id', 'kind', 'name']),
      t,
    ),
    'user_id',
    'users',
  ).execute();
  await db.schema
    .createIndex('saved_views_shared_idx')
    .on('saved_views')
    .columns(['tenant_id', 'shared'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('saved_views').execute();
  await db.schema.dropTable('opportunity_tags').execute();
}
