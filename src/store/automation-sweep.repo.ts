import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What the automation time sweep and the actions read: candidates for time triggers, recipients. */

/** Open, live deals for the time sweep, with the moment they were last touched. */
export interface SweepCandidate {
  readonly id: string;
  readonly deadlineAt: string | null;
  /** The later of entering the current stage and the last activity. */
  readonly lastTouchAt: string;
}

export async function openDealsForSweep(
  db: Kysely<Database>,
  tenantId: string,
  filter: { deadlineBefore?: string; enteredBefore?: string; stageIds?: readonly string[] },
): Promise<SweepCandidate[]> {
  let query = db
    .selectFrom('opportunities as o')
    .select(['o.id', 'o.deadline_at', 'o.stage_entered_at'])
    .select(
      sql<string | null>`(select max(a.occurred_at) from activities a
        where a.tenant_id = o.tenant_id and a.opportunity_id = o.id
        and a.deleted_at is null)`.as('last_activity_at'),
    )
    .where('o.tenant_id', '=', tenantId)
    .where('o.status', '=', 'open')
    .where('o.deleted_at', 'is', null);
  if (filter.deadlineBefore) query = query.where('o.deadline_at', '<=', filter.deadlineBefore);
  // A deal that entered its stage after the cut-off cannot have been quiet since before it.
  if (filter.enteredBefore) query = query.where('o.stage_entered_at', '<=', filter.enteredBefore);
  if (filter.stageIds) query = query.where('o.stage_id', 'in', [...filter.stageIds]);
  const rows = await query.orderBy('o.id').execute();
  return rows.map((row) => ({
    id: row.id,
    deadlineAt: row.deadline_at,
    lastTouchAt:
      row.last_activity_at && row.last_activity_at > row.stage_entered_at
        ? row.last_activity_at
        : row.stage_entered_at,
  }));
}

/**
 * Live leads still being worked (not converted nor disqualified, lifecycle active) for the
 * time sweep. `ownedOnly` (deadlines, quiet spells) leaves out leads waiting in a pool: they
 * have no follow-up clock and nobody to be quiet. A lead was last touched at its latest
 * activity, else when its owner took it.
 */
export async function openLeadsForSweep(
  db: Kysely<Database>,
  tenantId: string,
  filter: { ownedOnly: boolean; deadlineBefore?: string; ownedBefore?: string },
): Promise<SweepCandidate[]> {
  let query = db
    .selectFrom('leads as l')
    .select(['l.id', 'l.deadline_at', 'l.owned_since', 'l.created_at'])
    .select(
      sql<string | null>`(select max(a.occurred_at) from activities a
        where a.tenant_id = l.tenant_id and a.lead_id = l.id
        and a.deleted_at is null)`.as('last_activity_at'),
    )
    .where('l.tenant_id', '=', tenantId)
    .where('l.status', 'not in', ['converted', 'disqualified'])
    .where('l.lifecycle', '=', 'active')
    .where('l.deleted_at', 'is', null);
  if (filter.ownedOnly) query = query.where('l.owner_id', 'is not', null);
  if (filter.deadlineBefore) query = query.where('l.deadline_at', '<=', filter.deadlineBefore);
  // A lead taken after the cut-off cannot have been quiet since before it.
  if (filter.ownedBefore) query = query.where('l.owned_since', '<=', filter.ownedBefore);
  const rows = await query.orderBy('l.id').execute();
  return rows.map((row) => {
    const since = row.owned_since ?? row.created_at;
    return {
      id: row.id,
      deadlineAt: row.deadline_at,
      lastTouchAt:
        row.last_activity_at && row.last_activity_at > since ? row.last_activity_at : since,
    };
  });
}

/** Active users of a tenant with a role (a notice "to all managers"). */
export async function activeUsersWithRole(
  db: Kysely<Database>,
  tenantId: string,
  role: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', role)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Whether the user exists in the tenant and is active. */
export async function isActiveUser(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}
