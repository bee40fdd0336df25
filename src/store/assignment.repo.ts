import type { Kysely } from 'kysely';
import type {
  AssignmentRule,
  Candidate,
  Explanation,
  Strategy,
} from '../domain/pools/assignment.js';
import { fromJsonColumn, stringArrayFromJson, toJsonColumn } from './json.js';
import type { Database } from './schema.js';

export interface StoredAssignmentRule extends AssignmentRule {
  readonly position: number;
  readonly active: boolean;
  readonly updatedAt: string;
}

export async function listAssignmentRules(
  db: Kysely<Database>,
  tenantId: string,
): Promise<StoredAssignmentRule[]> {
  const rows = await db
    .selectFrom('assignment_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    position: row.position,
    when: fromJsonColumn(row.conditions) ?? {},
    userIds: stringArrayFromJson(row.user_ids),
    strategy: row.strategy as Strategy,
    active: row.active === 1,
    updatedAt: row.updated_at,
  }));
}

/** The routing table is edited as one ordered list: replace it whole. */
export async function replaceAssignmentRules(
  db: Kysely<Database>,
  tenantId: string,
  rules: readonly StoredAssignmentRule[],
): Promise<void> {
  await db.deleteFrom('assignment_rules').where('tenant_id', '=', tenantId).execute();
  if (rules.length === 0) return;
  await db
    .insertInto('assignment_rules')
    .values(
      rules.map((rule) => ({
        tenant_id: tenantId,
        id: rule.id,
        name: rule.name,
        position: rule.position,
        conditions: toJsonColumn(rule.when),
        user_ids: toJsonColumn(rule.userIds),
        strategy: rule.strategy,
        active: rule.active ? 1 : 0,
        created_at: rule.updatedAt,
        updated_at: rule.updatedAt,
        version: 1,
      })),
    )
    .execute();
}

/**
 * The reps a lead may go to, with what assignment weighs: availability, capacity, current
 * load (open leads they own) and languages. `userIds` narrows to a rule's reps; without it,
 * every active rep is a candidate. One query, however many reps.
 */
export async function assignmentCandidates(
  db: Kysely<Database>,
  tenantId: string,
  now: string,
  userIds: readonly string[] | null,
): Promise<Candidate[]> {
  if (userIds !== null && userIds.length === 0) return [];
  let query = db
    .selectFrom('users as u')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('leads')
          .select(['owner_id', (e) => e.fn.countAll<number>().as('n')])
          .where('tenant_id', '=', tenantId)
          .where('deleted_at', 'is', null)
          .where('lifecycle', '=', 'active')
          .where('status', 'not in', ['converted', 'disqualified'])
          .groupBy('owner_id')
          .as('load'),
      (join) => join.onRef('load.owner_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.capacity', 'u.away_until', 'u.languages', 'u.last_assigned_at', 'load.n'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.status', '=', 'active');
  query =
    userIds === null ? query.where('u.role', '=', 'rep') : query.where('u.id', 'in', [...userIds]);
  const rows = await query.orderBy('u.id').execute();
  return rows.map((row) => ({
    userId: row.id,
    away: row.away_until !== null && row.away_until > now,
    capacity: row.capacity,
    load: Number(row.n ?? 0),
    languages: stringArrayFromJson(row.languages),
    lastAssignedAt: row.last_assigned_at,
  }));
}

/** Round-robin bookkeeping: not an edit of the user, so no version bump. */
export async function markAssigned(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ last_assigned_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

export interface AssignmentLogEntry {
  readonly id: string;
  readonly leadId: string;
  readonly userId: string | null;
  readonly explanation: Explanation;
  readonly at: string;
}

export async function insertAssignmentLog(
  db: Kysely<Database>,
  tenantId: string,
  entry: AssignmentLogEntry,
): Promise<void> {
  await db
    .insertInto('assignment_log')
    .values({
      tenant_id: tenantId,
      id: entry.id,
      lead_id: entry.leadId,
      user_id: entry.userId,
      explanation: toJsonColumn(entry.explanation),
      at: entry.at,
    })
    .execute();
}

export async function assignmentLogOf(
  db: Kysely<Database>,
  tenantId: string,
  leadId: string,
): Promise<AssignmentLogEntry[]> {
  const rows = await db
    .selectFrom('assignment_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('lead_id', '=', leadId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    leadId: row.lead_id,
    userId: row.user_id,
    explanation: fromJsonColumn(row.explanation) as Explanation,
    at: row.at,
  }));
}
