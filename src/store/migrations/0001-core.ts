import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import {
  columnTypes,
  isPostgres,
  tenantReference as ref,
  tenantTable,
  withVersioning,
} from './columns.js';

/**
 * The core data model: tenants, people and teams, the customer tree, leads, pipelines,
 * opportunities with their stage history, activities, tasks, the audit log and
 * idempotency records. Every reference carries tenant_id, so the database itself refuses a
 * row that points into another tenant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const pg = isPostgres(db);

  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('locale', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('default_currency', 'text', (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('updated_at', t.timestamp, (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();

  // users.team_id and teams.manager_id point at each other. SQLite accepts a reference to a
  // table created later; PostgreSQL needs the constraint added once both tables exist.
  let users = withVersioning(tenantTable(db, 'users'), t)
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text')
    .addColumn('locale', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text')
    .addUniqueConstraint('users_email_key', ['tenant_id', 'email']);
  if (!pg) users = ref(users, 'team_id', 'teams');
  await users.execute();

  let teams = withVersioning(tenantTable(db, 'teams'), t)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('manager_id', 'text');
  teams = ref(teams, 'parent_id', 'teams');
  teams = ref(teams, 'manager_id', 'users');
  await teams.execute();
  if (pg) {
    await sql`alter table users add constraint users_team_id_fkey foreign key (tenant_id, team_id) references teams (tenant_id, id)`.execute(
      db,
    );
  }

  await ref(tenantTable(db, 'sessions'), 'user_id', 'users')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('expires_at', t.timestamp, (col) => col.notNull())
    .addColumn('last_seen_at', t.timestamp, (col) => col.notNull())
    .addColumn('revoked_at', t.timestamp)
    .execute();

  await ref(withVersioning(tenantTable(db, 'pools'), t), 'team_id', 'teams')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text')
    .addColumn('region', 'text')
    .addColumn('is_default', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  let accounts = withVersioning(tenantTable(db, 'accounts'), t);
  accounts = ref(accounts, 'parent_id', 'accounts');
  accounts = ref(accounts, 'owner_id', 'users');
  accounts = ref(accounts, 'pool_id', 'pools');
  await accounts
    .addColumn('deleted_at', t.timestamp)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('industry', 'text')
    .addColumn('size', 'text')
    .addColumn('region', 'text')
    .addColumn('value_tier', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('website', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('notes', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('pool_id', 'text')
    .execute();

  let contacts = withVersioning(tenantTable(db, 'contacts'), t);
  contacts = ref(contacts, 'account_id', 'accounts');
  contacts = ref(contacts, 'reports_to_id', 'contacts');
  contacts = ref(contacts, 'owner_id', 'users');
  await contacts
    .addColumn('deleted_at', t.timestamp)
    .addColumn('account_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('department', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('decision_role', 'text')
    .addColumn('attitude', 'text', (col) => col.notNull())
    .addColumn('reports_to_id', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('notes', 'text')
    .execute();

  await withVersioning(tenantTable(db, 'pipelines'), t)
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('name_zh', 'text', (col) => col.notNull())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('allow_skip', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('is_default', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('archived_at', t.timestamp)
    .addUniqueConstraint('pipelines_key_key', ['tenant_id', 'key'])
    .execute();

  await ref(tenantTable(db, 'stages'), 'pipeline_id', 'pipelines')
    .addColumn('pipeline_id', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('name_zh', 'text', (col) => col.notNull())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('probability', 'integer', (col) => col.notNull())
    .addColumn('forecast_category', 'text', (col) => col.notNull())
    .addColumn('target_conversion', 'integer')
    .addColumn('expected_dwell_days', 'integer')
    .addColumn('cadence_days', 'integer')
    .addColumn('guidance', 'text')
    .addColumn('rules', t.json, (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('updated_at', t.timestamp, (col) => col.notNull())
    .addUniqueConstraint('stages_key_key', ['tenant_id', 'pipeline_id', 'key'])
    .execute();

  let opportunities = withVersioning(tenantTable(db, 'opportunities'), t);
  opportunities = ref(opportunities, 'account_id', 'accounts');
  opportunities = ref(opportunities, 'primary_contact_id', 'contacts');
  opportunities = ref(opportunities, 'owner_id', 'users');
  opportunities = ref(opportunities, 'pipeline_id', 'pipelines');
  opportunities = ref(opportunities, 'stage_id', 'stages');
  // The lead ↔ opportunity references are mutual; PostgreSQL gets this one after `leads`.
  if (!pg) opportunities = ref(opportunities, 'source_lead_id', 'leads');
  await opportunities
    .addColumn('deleted_at', t.timestamp)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('account_id', 'text', (col) => col.notNull())
    .addColumn('primary_contact_id', 'text')
    .addColumn('owner_id', 'text', (col) => col.notNull())
    .addColumn('pipeline_id', 'text', (col) => col.notNull())
    .addColumn('stage_id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('amount_minor', t.money, (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('expected_close_date', t.date)
    .addColumn('budget_minor', t.money)
    .addColumn('budget_currency', 'text')
    .addColumn('timeline', 'text')
    .addColumn('next_step', 'text')
    .addColumn('next_step_date', t.date)
    .addColumn('competitors', t.json, (col) => col.notNull())
    .addColumn('source', 'text')
    .addColumn('source_lead_id', 'text')
    .addColumn('stage_entered_at', t.timestamp, (col) => col.notNull())
    .addColumn('closed_at', t.timestamp)
    .execute();

  let leads = withVersioning(tenantTable(db, 'leads'), t);
  leads = ref(leads, 'owner_id', 'users');
  leads = ref(leads, 'pool_id', 'pools');
  leads = ref(leads, 'converted_opportunity_id', 'opportunities');
  await leads
    .addColumn('deleted_at', t.timestamp)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('company', 'text')
    .addColumn('title', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('industry', 'text')
    .addColumn('region', 'text')
    .addColumn('size', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('campaign', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('disqualify_reason', 'text')
    .addColumn('bant_budget_minor', t.money)
    .addColumn('bant_budget_currency', 'text')
    .addColumn('bant_authority', 'text')
    .addColumn('bant_need', 'text')
    .addColumn('bant_timeline', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('pool_id', 'text')
    .addColumn('converted_opportunity_id', 'text')
    .execute();
  if (pg) {
    await sql`alter table opportunities add constraint opportunities_source_lead_id_fkey foreign key (tenant_id, source_lead_id) references leads (tenant_id, id)`.execute(
      db,
    );
  }

  await ref(tenantTable(db, 'opportunity_products'), 'opportunity_id', 'opportunities')
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('product_type', 'text', (col) => col.notNull())
    .addColumn('customisation', 'text', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addColumn('unit_price_minor', t.money, (col) => col.notNull())
    .addColumn('amount_minor', t.money, (col) => col.notNull())
    .execute();

  await ref(
    ref(tenantTable(db, 'stage_history'), 'opportunity_id', 'opportunities'),
    'stage_id',
    'stages',
  )
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('pipeline_id', 'text', (col) => col.notNull())
    .addColumn('stage_id', 'text', (col) => col.notNull())
    .addColumn('from_stage_id', 'text')
    .addColumn('entered_at', t.timestamp, (col) => col.notNull())
    .addColumn('left_at', t.timestamp)
    .addColumn('moved_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('amount_minor', t.money, (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .execute();

  for (const table of ['activities', 'tasks'] as const) {
    let builder = withVersioning(tenantTable(db, table), t)
      .addColumn('deleted_at', t.timestamp)
      .addColumn('lead_id', 'text')
      .addColumn('opportunity_id', 'text')
      .addColumn('account_id', 'text')
      .addColumn('contact_id', 'text');
    builder = ref(builder, 'lead_id', 'leads');
    builder = ref(builder, 'opportunity_id', 'opportunities');
    builder = ref(builder, 'account_id', 'accounts');
    builder = ref(builder, 'contact_id', 'contacts');
    if (table === 'activities') {
      builder = ref(builder, 'owner_id', 'users')
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('subject', 'text', (col) => col.notNull())
        .addColumn('body', 'text')
        .addColumn('occurred_at', t.timestamp, (col) => col.notNull())
        .addColumn('duration_minutes', 'integer')
        .addColumn('next_follow_up_at', t.timestamp)
        .addColumn('owner_id', 'text');
    } else {
      builder = ref(builder, 'assignee_id', 'users')
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('notes', 'text')
        .addColumn('due_at', t.timestamp)
        .addColumn('priority', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('assignee_id', 'text', (col) => col.notNull())
        .addColumn('completed_at', t.timestamp)
        .addColumn('created_by', 'text');
    }
    await builder.execute();
  }

  // Append-only and never joined for integrity: no foreign keys, so history outlives rows.
  await tenantTable(db, 'audit_log')
    .addColumn('actor_id', 'text')
    .addColumn('entity_type', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('before', t.json)
    .addColumn('after', t.json)
    .addColumn('at', t.timestamp, (col) => col.notNull())
    .addColumn('request_id', 'text')
    .execute();

  await tenantTable(db, 'idempotency_keys')
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('fingerprint', 'text', (col) => col.notNull())
    .addColumn('response_status', 'integer', (col) => col.notNull())
    .addColumn('response_body', t.json, (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addUniqueConstraint('idempotency_keys_scope_key', ['tenant_id', 'scope', 'key'])
    .execute();

  await createIndexes(db);
}

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  const indexes: [string, string, string[]][] = [
    ['users_team_idx', 'users', ['tenant_id', 'team_id']],
    ['sessions_user_idx', 'sessions', ['tenant_id', 'user_id']],
    ['teams_parent_idx', 'teams', ['tenant_id', 'parent_id']],
    ['accounts_name_idx', 'accounts', ['tenant_id', 'name']],
    ['accounts_parent_idx', 'accounts', ['tenant_id', 'parent_id']],
    ['accounts_owner_idx', 'accounts', ['tenant_id', 'owner_id']],
    ['accounts_pool_idx', 'accounts', ['tenant_id', 'pool_id']],
    ['contacts_account_idx', 'contacts', ['tenant_id', 'account_id']],
    ['leads_owner_idx', 'leads', ['tenant_id', 'owner_id', 'status']],
    ['leads_pool_idx', 'leads', ['tenant_id', 'pool_id', 'status']],
    ['leads_created_idx', 'leads', ['tenant_id', 'created_at']],
    ['stages_pipeline_idx', 'stages', ['tenant_id', 'pipeline_id', 'position']],
    // The board and stage-filtered lists: newest first within a stage.
    ['opportunities_stage_idx', 'opportunities', ['tenant_id', 'stage_id', 'created_at', 'id']],
    ['opportunities_pipeline_idx', 'opportunities', ['tenant_id', 'pipeline_id', 'status']],
    ['opportunities_created_idx', 'opportunities', ['tenant_id', 'created_at', 'id']],
    ['opportunities_owner_idx', 'opportunities', ['tenant_id', 'owner_id', 'status']],
    ['opportunities_account_idx', 'opportunities', ['tenant_id', 'account_id']],
    ['opportunities_source_lead_idx', 'opportunities', ['tenant_id', 'source_lead_id']],
    ['opportunities_close_idx', 'opportunities', ['tenant_id', 'status', 'expected_close_date']],
    [
      'opportunity_products_opp_idx',
      'opportunity_products',
      ['tenant_id', 'opportunity_id', 'position'],
    ],
    ['stage_history_opp_idx', 'stage_history', ['tenant_id', 'opportunity_id', 'entered_at']],
    ['stage_history_stage_idx', 'stage_history', ['tenant_id', 'stage_id', 'entered_at']],
    ['activities_opp_idx', 'activities', ['tenant_id', 'opportunity_id', 'occurred_at']],
    ['activities_account_idx', 'activities', ['tenant_id', 'account_id', 'occurred_at']],
    ['activities_lead_idx', 'activities', ['tenant_id', 'lead_id', 'occurred_at']],
    ['activities_contact_idx', 'activities', ['tenant_id', 'contact_id', 'occurred_at']],
    ['tasks_assignee_idx', 'tasks', ['tenant_id', 'assignee_id', 'status', 'due_at']],
    ['tasks_opp_idx', 'tasks', ['tenant_id', 'opportunity_id']],
    ['audit_entity_idx', 'audit_log', ['tenant_id', 'entity_type', 'entity_id', 'at']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'idempotency_keys',
    'audit_log',
    'tasks',
    'activities',
    'stage_history',
    'opportunity_products',
    'leads',
    'opportunities',
    'stages',
    'pipelines',
    'contacts',
    'accounts',
    'pools',
    'sessions',
    'teams',
    'users',
    'tenants',
  ];
  if (isPostgres(db)) {
    await sql`alter table opportunities drop constraint opportunities_source_lead_id_fkey`.execute(
      db,
    );
    await sql`alter table users drop constraint users_team_id_fkey`.execute(db);
  }
  for (const table of tables) await db.schema.dropTable(table).execute();
}
