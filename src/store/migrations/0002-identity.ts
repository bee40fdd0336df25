import type { Kysely } from 'kysely';
import { columnTypes, tenantReference as ref, tenantTable } from './columns.js';

/**
 * Identity and access: personal API tokens, opportunity team membership (who besides the
 * owner may see a deal), per-user grants, and the sign-in throttle.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await ref(tenantTable(db, 'api_tokens'), 'user_id', 'users')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('expires_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('api_tokens_user_idx')
    .on('api_tokens')
    .columns(['tenant_id', 'user_id'])
    .execute();

  let members = tenantTable(db, 'opportunity_members')
    .addColumn('opportunity_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('created_at', t.timestamp, (col) => col.notNull())
    .addUniqueConstraint('opportunity_members_user_key', [
      'tenant_id',
      'opportunity_id',
      'user_id',
    ]);
  members = ref(members, 'opportunity_id', 'opportunities');
  members = ref(members, 'user_id', 'users');
  await members.execute();
  // Visibility asks "which deals is this user on the team of": look up by user.
  await db.schema
    .createIndex('opportunity_members_user_idx')
    .on('opportunity_members')
    .columns(['tenant_id', 'user_id', 'opportunity_id'])
    .execute();

  await db.schema
    .alterTable('users')
    .addColumn('grants', t.json, (col) => col.notNull().defaultTo('[]'))
    .execute();

  // Sign-in throttling happens before we know the tenant, so this table is global: its
  // keys are `account:<email>` and `ip:<address>`, never tenant data.
  await db.schema
    .createTable('auth_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('window_started_at', t.timestamp, (col) => col.notNull())
    .addColumn('locked_until', t.timestamp)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auth_throttle').execute();
  await db.schema.alterTable('users').dropColumn('grants').execute();
  await db.schema.dropTable('opportunity_members').execute();
  await db.schema.dropTable('api_tokens').execute();
}
