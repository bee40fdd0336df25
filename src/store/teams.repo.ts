import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { Team } from '../domain/tenancy/team.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Database, TeamsTable } from './schema.js';
import { matchesText } from './search.js';

export function toTeam(row: Selectable<TeamsTable>): Team {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    managerId: row.manager_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toTeamRow(tenantId: string, team: Team): TeamsTable {
  return {
    tenant_id: tenantId,
    id: team.id,
    name: team.name,
    parent_id: team.parentId,
    manager_id: team.managerId,
    created_at: team.createdAt,
    updated_at: team.updatedAt,
    version: team.version,
  };
}

export interface TeamFilter {
  readonly parentId?: string;
  readonly q?: string;
}

export async function listTeams(
  db: Kysely<Database>,
  tenantId: string,
  filter: TeamFilter,
  page: PageQuery,
): Promise<Page<Team>> {
  let query = db.selectFrom('teams').selectAll().where('tenant_id', '=', tenantId);
  if (filter.parentId) query = query.where('parent_id', '=', filter.parentId);
  if (filter.q) query = query.where(matchesText('teams', ['name'], filter.q));
  const rows = await applyKeyset(query, 'teams', page).execute();
  return toPage(rows, page, toTeam);
}

/** What still hangs off a team; a team with members or sub-teams cannot be deleted. */
export async function teamDependents(
  db: Kysely<Database>,
  tenantId: string,
  teamId: string,
): Promise<{ members: number; subTeams: number; pools: number }> {
  const count = async (table: 'users' | 'teams' | 'pools', column: 'team_id' | 'parent_id') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where(column, '=', teamId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    members: await count('users', 'team_id'),
    subTeams: await count('teams', 'parent_id'),
    pools: await count('pools', 'team_id'),
  };
}

export async function deleteTeamRow(
  db: Kysely<Database>,
  tenantId: string,
  teamId: string,
): Promise<void> {
  await db.deleteFrom('teams').where('tenant_id', '=', tenantId).where('id', '=', teamId).execute();
}

export async function setTeamManager(
  db: Kysely<Database>,
  tenantId: string,
  teamId: string,
  managerId: string | null,
): Promise<void> {
  await db
    .updateTable('teams')
    .set({ manager_id: managerId })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', teamId)
    .execute();
}

/**
 * The teams a walk down the tree starts from (`managed`: those a manager manages; `team`:
 * one team) and every team below them, as a recursive CTE named `subtree`. Bounded in depth
 * like every tree walk here.
 */
function subtreeCte(tenantId: string, from: { managerId: string } | { teamId: string }) {
  const seed =
    'managerId' in from
      ? sql`select id, 0 from teams where tenant_id = ${tenantId} and manager_id = ${from.managerId}`
      : sql`select id, 0 from teams where tenant_id = ${tenantId} and id = ${from.teamId}`;
  return sql`with recursive subtree(id, depth) as (
      ${seed}
      union
      select t.id, subtree.depth + 1 from teams t join subtree on t.parent_id = subtree.id
      where t.tenant_id = ${tenantId} and subtree.depth < 100
    )`;
}

async function teamsOf(
  db: Kysely<Database>,
  tenantId: string,
  from: { managerId: string } | { teamId: string },
): Promise<string[]> {
  const result = await sql<{ id: string }>`${subtreeCte(tenantId, from)}
    select distinct id from subtree`.execute(db);
  return result.rows.map((row) => row.id);
}

async function usersOf(
  db: Kysely<Database>,
  tenantId: string,
  from: { managerId: string } | { teamId: string },
): Promise<string[]> {
  const result = await sql<{ id: string }>`${subtreeCte(tenantId, from)}
    select u.id from users u where u.tenant_id = ${tenantId} and u.team_id in (select id from subtree)`.execute(
    db,
  );
  return result.rows.map((row) => row.id);
}

/** Users in the teams a manager manages and every team below them. */
export function usersInManagedSubtree(
  db: Kysely<Database>,
  tenantId: string,
  managerId: string,
): Promise<string[]> {
  return usersOf(db, tenantId, { managerId });
}

/** Users in a team and every team below it, for filters like "deals of the East team". */
export function usersInTeamSubtree(
  db: Kysely<Database>,
  tenantId: string,
  teamId: string,
): Promise<string[]> {
  return usersOf(db, tenantId, { teamId });
}

/** The teams a manager manages and every team below them. */
export function teamsInManagedSubtree(
  db: Kysely<Database>,
  tenantId: string,
  managerId: string,
): Promise<string[]> {
  return teamsOf(db, tenantId, { managerId });
}

/** A team and every team below it. */
export function teamSubtree(
  db: Kysely<Database>,
  tenantId: string,
  teamId: string,
): Promise<string[]> {
  return teamsOf(db, tenantId, { teamId });
}

/** The user's team and every team above it with their managers, nearest first. */
async function teamChainOf(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<{ id: string; manager_id: string | null }[]> {
  const result = await sql<{ id: string; manager_id: string | null }>`
    with recursive chain(id, parent_id, manager_id, depth) as (
      select t.id, t.parent_id, t.manager_id, 0 from teams t
      join users u on u.tenant_id = t.tenant_id and u.team_id = t.id
      where u.tenant_id = ${tenantId} and u.id = ${userId}
      union all
      select t.id, t.parent_id, t.manager_id, chain.depth + 1 from teams t
      join chain on t.id = chain.parent_id and t.tenant_id = ${tenantId}
      where chain.depth < 100
    )
    select id, manager_id from chain order by depth`.execute(db);
  return result.rows;
}

/**
 * Who manages a user: the manager of their team, or of the nearest team above it when the
 * user manages their own team. Null when no one does (the caller falls back to admins).
 */
export async function managerOf(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<string | null> {
  const chain = await teamChainOf(db, tenantId, userId);
  return chain.find((team) => team.manager_id && team.manager_id !== userId)?.manager_id ?? null;
}

/** The user's team and every team above it, nearest first (empty without a team). */
export async function teamPathOf(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<string[]> {
  return (await teamChainOf(db, tenantId, userId)).map((team) => team.id);
}
