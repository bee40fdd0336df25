import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * How many private records a rep holds, as a pool's claim limit counts them: live, active
 * leads; or live accounts, optionally leaving out those with a won deal (customers, not
 * prospects).
 */
export async function heldCount(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  entity: 'lead' | 'account',
  excludeWon: boolean,
): Promise<number> {
  if (entity === 'lead') {
    const row = await db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('owner_id', '=', userId)
      .where('deleted_at', 'is', null)
      .where('lifecycle', '=', 'active')
      .where('status', 'not in', ['converted', 'disqualified'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  let query = db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('owner_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('lifecycle', '=', 'active');
  if (excludeWon) {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('opportunities as o')
            .select('o.id')
            .whereRef('o.tenant_id', '=', 'accounts.tenant_id')
            .whereRef('o.account_id', '=', 'accounts.id')
            .where('o.status', '=', 'won')
            .where('o.deleted_at', 'is', null),
        ),
      ),
    );
  }
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
