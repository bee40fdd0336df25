import { sql } from 'kysely';
import type { Store } from '../../src/store/db.js';

const tables = [
  'tenants',
  'users',
  'sessions',
  'teams',
  'pools',
  'accounts',
  'contacts',
  'leads',
  'pipelines',
  'stages',
  'opportunities',
  'opportunity_products',
  'opportunity_members',
  'opportunity_splits',
  'stage_history',
  'activities',
  'tasks',
  'audit_log',
  'idempotency_keys',
  'lead_forms',
  'lead_scoring',
  'lead_conversions',
  'products',
  'price_books',
  'price_book_entries',
];

/**
 * Row counts and the sum of versions of every table: if a refused request wrote anything
 * (a row, an update, an audit entry), the snapshot changes.
 */
export async function snapshot(store: Store): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of tables) {
    const versioned = ![
      'sessions',
      'stages',
      'opportunity_products',
      'opportunity_members',
      'opportunity_splits',
      'stage_history',
      'audit_log',
      'idempotency_keys',
      'lead_conversions',
    ].includes(table);
    const row = await sql<{ n: number; v: number | null }>`
      select count(*) as n, ${versioned ? sql`sum(version)` : sql`0`} as v from ${sql.table(table)}`.execute(
      store.db,
    );
    const first = row.rows[0];
    result[table] = `${Number(first?.n ?? 0)}/${Number(first?.v ?? 0)}`;
  }
  return result;
}
