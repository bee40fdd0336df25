import { DomainError, notFound } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Team } from '../domain/tenancy/team.js';
import type { Page } from '../store/pagination.js';
import {
  deleteTeamRow,
  listTeams,
  teamDependents,
  toTeam,
  toTeamRow,
} from '../store/teams.repo.js';
import type { TeamFilter } from '../store/teams.repo.js';
import { recordAudit } from './audit.service.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { createEntity, getEntity, updateEntity } from './entity.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { assertFilterReferences, assertNoCycle, assertReferences } from './references.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

export interface TeamInput {
  readonly name: string;
  readonly parentId?: string | null;
  readonly managerId?: string | null;
}

export type TeamPatch = Partial<TeamInput> & { readonly version: number };

export const teamStore = tableStore('team', 'teams', toTeam, toTeamRow);

export const teamSorts = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  name: { key: 'name', column: 'name' },
} as const;

export async function createTeam(
  ctx: AppContext,
  principal: Principal,
  input: TeamInput,
): Promise<Team> {
  authorize(principal, 'teams.manage');
  return createEntity(ctx, principal, teamStore, async (trx, { id, now }) => {
    await assertReferences(trx, principal, [
      { field: 'parentId', table: 'teams', id: input.parentId },
      { field: 'managerId', table: 'users', id: input.managerId },
    ]);
    return {
      id,
      name: input.name,
      parentId: input.parentId ?? null,
      managerId: input.managerId ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  });
}

export async function updateTeam(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: TeamPatch,
): Promise<Team> {
  authorize(principal, 'teams.manage');
  return updateEntity(ctx, principal, teamStore, id, version, async (trx, current) => {
    await assertReferences(trx, principal, [
      { field: 'parentId', table: 'teams', id: patch.parentId },
      { field: 'managerId', table: 'users', id: patch.managerId },
    ]);
    if (patch.parentId !== undefined) {
      await assertNoCycle(trx, 'teams', principal.tenantId, id, patch.parentId, 'parentId');
    }
    return applyPatch(current, patch);
  });
}

export async function getTeam(ctx: AppContext, principal: Principal, id: string): Promise<Team> {
  return getEntity(ctx, principal, teamStore, id);
}

export async function listTeamsPage(
  ctx: AppContext,
  principal: Principal,
  filter: TeamFilter,
  list: ListInput<keyof typeof teamSorts>,
): Promise<Page<Team>> {
  await assertFilterReferences(dbFor(ctx), principal, [
    { field: 'parentId', table: 'teams', id: filter.parentId },
  ]);
  return listTeams(dbFor(ctx), principal.tenantId, filter, pageQuery(list, teamSorts, 'name'));
}

/** Teams are removed outright, but only once empty: members and sub-teams move first. */
export async function deleteTeam(ctx: AppContext, principal: Principal, id: string): Promise<void> {
  authorize(principal, 'teams.manage');
  await inTransaction(ctx, async (trx) => {
    const team = await teamStore.load(trx, principal.tenantId, id);
    if (!team) throw notFound('team');
    const dependents = await teamDependents(trx, principal.tenantId, id);
    if (dependents.members + dependents.subTeams + dependents.pools > 0) {
      throw new DomainError('has_dependents', {
        entity: 'team',
        dependents: `${dependents.members} members, ${dependents.subTeams} sub-teams, ${dependents.pools} pools`,
      });
    }
    await deleteTeamRow(trx, principal.tenantId, id);
    await recordAudit(trx, ctx, principal, {
      entityType: 'team',
      entityId: id,
      action: 'delete',
      before: team,
      after: null,
    });
  });
}
