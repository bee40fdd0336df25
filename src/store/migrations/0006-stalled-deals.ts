import type { Kysely } from 'kysely';

/**
 * Indexes for stalled-deal detection, so it stays fast at a million deals:
 * - the candidate list walks open deals longest-in-stage first and stops at the page
 *   (`status`, `stage_entered_at`, `id`: the keyset order itself);
 * - each stage's yardstick reads only its latest ended intervals, index-only
 *   (`left_at` to order and bound them, `entered_at` to measure them).
 */
const indexes: [string, string, string[]][] = [
  ['opportunities_dwell_idx', 'opportunities', ['tenant_id', 'status', 'stage_entered_at', 'id']],
  ['stage_history_left_idx', 'stage_history', ['tenant_id', 'stage_id', 'left_at', 'entered_at']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of indexes)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of indexes) await db.schema.dropIndex(name).execute();
}
