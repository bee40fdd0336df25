import type { Kysely } from 'kysely';
import { outreachTypes } from '../domain/pools/outreach.js';
import type { Database } from './schema.js';

/** How many outreach activities a contact has had since `since` (the cap's window). */
export async function outreachCount(
  db: Kysely<Database>,
  tenantId: string,
  contactId: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('activities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('contact_id', '=', contactId)
    .where('deleted_at', 'is', null)
    .where('type', 'in', [...outreachTypes])
    .where('occurred_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface SilenceFacts {
  readonly contactSilenceUntil: string | null;
  readonly accountId: string | null;
  readonly accountSilenceUntil: string | null;
}

/** The silence periods that apply to outreach to a contact: its own and its account's. */
export async function contactSilence(
  db: Kysely<Database>,
  tenantId: string,
  contactId: string,
): Promise<SilenceFacts | undefined> {
  const row = await db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', (join) =>
      join.onRef('a.id', '=', 'c.account_id').onRef('a.tenant_id', '=', 'c.tenant_id'),
    )
    .select(['c.silence_until as contact', 'c.account_id', 'a.silence_until as account'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', contactId)
    .executeTakeFirst();
  return (
    row && {
      contactSilenceUntil: row.contact,
      accountId: row.account_id,
      accountSilenceUntil: row.account,
    }
  );
}

export async function accountSilence(
  db: Kysely<Database>,
  tenantId: string,
  accountId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('accounts')
    .select('silence_until')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.silence_until ?? null;
}

/**
 * Restarts an owned record's follow-up clock. Bookkeeping, not an edit: the version stays,
 * so a rep logging a call never makes a colleague's open edit form stale. Records in a
 * pool, dormant ones and closed deals have no clock to restart.
 */
export async function restartDeadline(
  db: Kysely<Database>,
  tenantId: string,
  table: 'leads' | 'accounts',
  id: string,
  deadlineAt: string,
): Promise<void> {
  await db
    .updateTable(table)
    .set({ deadline_at: deadlineAt, deadline_level: 0 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('owner_id', 'is not', null)
    .where('lifecycle', '=', 'active')
    .execute();
}

/** A deal's clock restarts by the cadence of the stage it is in (given with its id). */
export async function restartDealDeadline(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  deadlineFor: (cadenceDays: number | null, stageId: string) => string | null,
): Promise<void> {
  const row = await db
    .selectFrom('opportunities as o')
    .innerJoin('stages as s', (join) =>
      join.onRef('s.id', '=', 'o.stage_id').onRef('s.tenant_id', '=', 'o.tenant_id'),
    )
    .select(['o.status', 'o.stage_id', 's.cadence_days'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row || row.status !== 'open') return;
  await db
    .updateTable('opportunities')
    .set({ deadline_at: deadlineFor(row.cadence_days, row.stage_id), deadline_level: 0 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
