import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable, withVersioning } from './columns.js';

/**
 * Lead qualification: each lead's score (and why), the tenant's scoring rules, what each
 * converted lead became (a second conversion is refused, naming it), and the public web forms
 * that capture leads (their tokens stored as hashes only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .alterTable('leads')
    .addColumn('score', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('leads').addColumn('score_explanation', t.json).execute();
  await db.schema.alterTable('leads').addColumn('scored_at', t.timestamp).execute();
  // Best leads first is how reps work their list: keep the sort and `minScore` an index scan.
  await db.schema
    .createIndex('leads_score_idx')
    .on('leads')
    .columns(['tenant_id', 'score', 'id'])
    .execute();

  let scoring = withVersioning(tenantTable(db, 'lead_scoring'), t)
    .addColumn('rules', t.json, (col) => col.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('lead_scoring_tenant_key', ['tenant_id']);
  scoring = ref(scoring, 'updated_by', 'users');
  await scoring.execute();

  let conversions = tenantTable(db, 'lead_conversions')
    .addColumn('lead_id', 'text', (col) => col.notNull())
    .addColumn('account_id', 'text', (col) => col.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('account_created', 'integer', (col) => col.notNull())
    .addColumn('contact_created', 'integer', (col) => col.notNull())
    .addColumn('opportunity_created', 'integer', (col) => col.notNull())
    .addColumn('converted_by', 'text')
    .addColumn('converted_at', t.timestamp, (col) => col.notNull())
    // A lead is converted once: two racing conversions cannot both commit.
    .addUniqueConstraint('lead_conversions_lead_key', ['tenant_id', 'lead_id']);
  conversions = ref(conversions, 'lead_id', 'leads');
  conversions = ref(conversions, 'account_id', 'accounts');
  conversions = ref(conversions, 'contact_id', 'contacts');
  conversions = ref(conversions, 'opportunity_id', 'opportunities');
  conversions = ref(conversions, 'converted_by', 'users');
  await conversions.execute();

  let forms = withVersioning(tenantTable(db, 'lead_forms'), t)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('campaign', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('pool_id', 'text')
    .addColumn('fields', t.json, (col) => col.notNull())
    .addColumn('honeypot', 'text', (col) => col.notNull())
    .addColumn('redirect_url', 'text')
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('token_prefix', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', t.timestamp)
    // A submission names only the token, not the tenant: the hash finds the form.
    .addUniqueConstraint('lead_forms_token_key', ['token_hash']);
  forms = ref(forms, 'owner_id', 'users');
  forms = ref(forms, 'pool_id', 'pools');
  forms = ref(forms, 'created_by', 'users');
  await forms.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['lead_forms', 'lead_conversions', 'lead_scoring'])
    await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('leads_score_idx').execute();
  for (const column of ['scored_at', 'score_explanation', 'score'])
    await db.schema.alterTable('leads').dropColumn(column).execute();
}
