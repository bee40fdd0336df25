import type { Kysely } from 'kysely';
import { calendarDate } from '../domain/days.js';
import type { Database } from '../store/schema.js';
import { findTenantById } from '../store/tenants.repo.js';
import type { AppContext } from './context.js';

/**
 * Today in the tenant's calendar (its time zone), as YYYY-MM-DD: due dates, validity and
 * delivery days are the customer's days, not UTC's — at 07:00 in Shanghai it is still
 * yesterday in UTC.
 */
export async function tenantToday(
  db: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
): Promise<string> {
  const tenant = await findTenantById(db, tenantId);
  return calendarDate(ctx.clock.now(), tenant?.timeZone ?? 'UTC');
}
