import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DeadlineLevel, DueCutoff } from '../domain/pools/deadlines.js';
import type { DialectName } from './db.js';
import { deadlineLevel } from './deadline-level.js';
import type { Database } from './schema.js';

export type DeadlineTable = 'leads' | 'accounts' | 'opportunities';

export interface DueItem {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly deadlineAt: string;
  readonly level: DeadlineLevel;
  readonly version: number;
  /** Accounts: until when the customer asked not to be contacted (静默期), if they did. */
  readonly silenceUntil: string | null;
  /** Accounts: whether an open deal carries the follow-up (such accounts are not recycled). */
  readonly hasOpenDeal: boolean;
}

function latestCutoff(cutoffs: readonly DueCutoff[]): string {
  return cutoffs.reduce((latest, cutoff) => (cutoff.dueBy > latest ? cutoff.dueBy : latest), '');
}

export interface DuePage {
  readonly cutoffs: readonly DueCutoff[];
  /** Keyset position: the (deadline, id) of the last item already seen in this run. */
  readonly after: { readonly deadlineAt: string; readonly id: string } | null;
  readonly limit: number;
}

/**
 * Owned, live items with a follow-up step due, in deadline order. On PostgreSQL the rows are
 * locked for the caller's transaction and rows another sweep has locked are skipped, so two
 * sweeps share the work instead of doing it twice; the caller's compare-and-set on the level
 * is what makes it safe everywhere else.
 */
export async function dueItems(
  db: Kysely<Database>,
  dialect: DialectName,
  tenantId: string,
  table: DeadlineTable,
  page: DuePage,
): Promise<DueItem[]> {
  let query = db
    .selectFrom(table)
    .select(['id', 'name', 'owner_id', 'deadline_at', 'deadline_level', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    .where('owner_id', 'is not', null)
    // The latest cut-off, as a plain range: the per-level `or` below cannot bound the index
    // scan, and without this the last (empty) page would read every later deadline.
    .where('deadline_at', '<=', latestCutoff(page.cutoffs))
    .where((eb) =>
      eb.or(
        page.cutoffs.map((cutoff) =>
          eb.and([eb('deadline_level', '=', cutoff.level), eb('deadline_at', '<=', cutoff.dueBy)]),
        ),
      ),
    );
  if (table === 'opportunities') query = query.where('status', '=', 'open');
  else query = query.where('lifecycle', '=', 'active');
  if (table === 'leads') query = query.where('status', 'not in', ['converted', 'disqualified']);
  if (page.after) {
    const { deadlineAt, id } = page.after;
    query = query
      .where('deadline_at', '>=', deadlineAt)
      .where(sql<boolean>`(deadline_at > ${deadlineAt} or id > ${id})`);
  }
  query = query.orderBy('deadline_at').orderBy('id').limit(page.limit);
  if (dialect === 'postgres') query = query.forUpdate().skipLocked();
  const rows = await query.execute();
  const extras =
    table === 'accounts'
      ? await accountFacts(
          db,
          tenantId,
          rows.map((r) => r.id),
        )
      : null;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    ownerId: row.owner_id ?? '',
    deadlineAt: row.deadline_at ?? '',
    level: deadlineLevel(row.deadline_level),
    version: row.version,
    silenceUntil: extras?.get(row.id)?.silenceUntil ?? null,
    hasOpenDeal: extras?.get(row.id)?.hasOpenDeal ?? false,
  }));
}

async function accountFacts(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, { silenceUntil: string | null; hasOpenDeal: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts as a')
    .select((eb) => [
      'a.id',
      'a.silence_until',
      eb
        .exists(
          eb
            .selectFrom('opportunities as o')
            .select('o.id')
            .whereRef('o.tenant_id', '=', 'a.tenant_id')
            .whereRef('o.account_id', '=', 'a.id')
            .where('o.status', '=', 'open')
            .where('o.deleted_at', 'is', null),
        )
        .as('open_deal'),
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      { silenceUntil: row.silence_until, hasOpenDeal: Boolean(row.open_deal) },
    ]),
  );
}

/**
 * Raises an item's escalation level if nothing moved it since it was read (a follow-up
 * restarts the clock, a new owner resets it): false means someone else got there first.
 */
export async function raiseDeadlineLevel(
  db: Kysely<Database>,
  tenantId: string,
  table: DeadlineTable,
  item: Pick<DueItem, 'id' | 'ownerId' | 'deadlineAt' | 'level'>,
  level: DeadlineLevel,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({ deadline_level: level })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', item.id)
    .where('owner_id', '=', item.ownerId)
    .where('deadline_at', '=', item.deadlineAt)
    .where('deadline_level', '=', item.level)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Moves a silenced account's clock to after its silence period (level back to 0). */
export async function postponeDeadline(
  db: Kysely<Database>,
  tenantId: string,
  item: Pick<DueItem, 'id' | 'deadlineAt' | 'level'>,
  deadlineAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ deadline_at: deadlineAt, deadline_level: 0 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', item.id)
    .where('deadline_at', '=', item.deadlineAt)
    .where('deadline_level', '=', item.level)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Dormant leads or accounts whose re-activation date has come, in date order. */
export async function dueReactivations(
  db: Kysely<Database>,
  dialect: DialectName,
  tenantId: string,
  table: 'leads' | 'accounts',
  page: { now: string; after: { deadlineAt: string; id: string } | null; limit: number },
): Promise<{ id: string; version: number; deadlineAt: string }[]> {
  let query = db
    .selectFrom(table)
    .select(['id', 'version', 'deadline_at'])
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    .where('lifecycle', '=', 'dormant')
    .where('deadline_at', '<=', page.now);
  if (page.after) {
    const { deadlineAt, id } = page.after;
    query = query
      .where('deadline_at', '>=', deadlineAt)
      .where(sql<boolean>`(deadline_at > ${deadlineAt} or id > ${id})`);
  }
  query = query.orderBy('deadline_at').orderBy('id').limit(page.limit);
  if (dialect === 'postgres') query = query.forUpdate().skipLocked();
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    deadlineAt: row.deadline_at ?? '',
  }));
}

/** Who hears about a slip when the owner has no manager: the tenant's active admins. */
export async function activeAdmins(db: Kysely<Database>, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** An owned item whose follow-up deadline is coming up (for the reminder before it). */
export interface UpcomingItem {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly deadlineAt: string;
}

/**
 * Owned, live items at level 0 whose deadline falls in (after, until], in deadline order,
 * skipping customers in a silence period (静默期: they are not chased, their clock moves).
 * Reading them does not change them: the reminder's dedupe key keeps it to one per deadline.
 */
export async function upcomingItems(
  db: Kysely<Database>,
  tenantId: string,
  table: DeadlineTable,
  page: {
    readonly after: string;
    readonly until: string;
    readonly from: { readonly deadlineAt: string; readonly id: string } | null;
    readonly limit: number;
  },
): Promise<UpcomingItem[]> {
  let query = db
    .selectFrom(table)
    .select(['id', 'name', 'owner_id', 'deadline_at'])
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    .where('owner_id', 'is not', null)
    .where('deadline_level', '=', 0)
    .where('deadline_at', '>', page.after)
    .where('deadline_at', '<=', page.until);
  if (table === 'opportunities') query = query.where('status', '=', 'open');
  else query = query.where('lifecycle', '=', 'active');
  if (table === 'leads') query = query.where('status', 'not in', ['converted', 'disqualified']);
  if (table === 'accounts') {
    query = query.where(sql<boolean>`(silence_until is null or silence_until <= ${page.after})`);
  }
  if (page.from) {
    const { deadlineAt, id } = page.from;
    query = query
      .where('deadline_at', '>=', deadlineAt)
      .where(sql<boolean>`(deadline_at > ${deadlineAt} or id > ${id})`);
  }
  const rows = await query.orderBy('deadline_at').orderBy('id').limit(page.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    ownerId: row.owner_id ?? '',
    deadlineAt: row.deadline_at ?? '',
  }));
}
