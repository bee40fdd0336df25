import type { Kysely } from 'kysely';
import { scopeIncludesUser } from '../domain/access/scope.js';
import type { AuditEntry } from '../domain/audit.js';
import { DomainError, versionConflict } from '../domain/errors.js';
import type { MemberRole } from '../domain/opportunities/member.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import {
  effectiveSplits,
  splitsAfterOwnerChange,
  sortedSplits,
  validateSplits,
} from '../domain/opportunities/splits.js';
import type { SplitLine } from '../domain/opportunities/splits.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { listAuditEntries } from '../store/audit.repo.js';
import {
  bumpTeamVersion,
  listSplits,
  replaceSplits,
  teamVersion,
} from '../store/deal-team.repo.js';
import { deleteMember, listMembers } from '../store/members.repo.js';
import type { Page } from '../store/pagination.js';
import type { Database } from '../store/schema.js';
import { authorize, can, visibilityOf } from './access.js';
import { auditSorts, recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { getEntity } from './entity.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { opportunityStore } from './opportunity-store.js';
import { dbFor, inTransaction } from './transaction.js';

/**
 * The opportunity team and its credit splits (docs/deal-teams.md). Everyone who can see
 * the deal (its team included) reads them; the owner, managers above the owner and admins
 * change them. Every change moves the team version on, so two managers editing the splits
 * at once get a 409 for the second save, and is audited: the audit entries of the deal's
 * team actions are its team history.
 */
export interface TeamSeat {
  readonly userId: string;
  readonly role: MemberRole | 'owner';
  readonly addedBy: string | null;
  readonly addedAt: string | null;
}

export interface DealTeam {
  readonly opportunityId: string;
  readonly version: number;
  readonly members: TeamSeat[];
  /** The stored lines: a type without lines is not split. */
  readonly splits: SplitLine[];
  /** The credit in effect per type (the owner's implied 100 % where a type is not split). */
  readonly credit: SplitLine[];
}

export const teamHistoryActions = [
  'add_member',
  'remove_member',
  'replace_splits',
  'move_team',
] as const;

/** Owner, admin, or a manager whose team subtree includes the owner. */
export async function assertMayEditTeam(
  db: Kysely<Database>,
  principal: Principal,
  deal: Pick<Opportunity, 'ownerId'>,
): Promise<void> {
  authorize(principal, 'opportunities.write');
  if (principal.userId === deal.ownerId || can(principal, 'records.assign_any')) return;
  if (can(principal, 'records.assign_team')) {
    const visibility = await visibilityOf(db, principal);
    if (scopeIncludesUser(visibility.people, deal.ownerId)) return;
  }
  throw new DomainError('forbidden', { action: 'edit_team' });
}

async function teamOf(
  db: Kysely<Database>,
  tenantId: string,
  deal: Opportunity,
): Promise<DealTeam> {
  const [members, splits, version] = await Promise.all([
    listMembers(db, tenantId, deal.id),
    listSplits(db, tenantId, deal.id),
    teamVersion(db, tenantId, deal.id),
  ]);
  return {
    opportunityId: deal.id,
    version: version ?? 1,
    members: [
      { userId: deal.ownerId, role: 'owner', addedBy: null, addedAt: null },
      ...members.map((member) => ({
        userId: member.userId,
        role: member.role,
        addedBy: member.addedBy,
        addedAt: member.createdAt,
      })),
    ],
    splits,
    credit: effectiveSplits(splits, deal.ownerId),
  };
}

export async function getDealTeam(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<DealTeam> {
  authorize(principal, 'opportunities.read');
  const deal = await getEntity(ctx, principal, opportunityStore, opportunityId);
  return teamOf(dbFor(ctx), principal.tenantId, deal);
}

/**
 * Replaces all of a deal's splits at once: validated as a whole (each type sums to 100 %,
 * holders on the team, no duplicates, whole positive basis points), saved only if the team
 * version is still the one the editor read. An empty list un-splits the deal.
 */
export async function replaceDealSplits(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: { readonly version: number; readonly splits: readonly SplitLine[] },
): Promise<DealTeam> {
  return inTransaction(ctx, async (trx) => {
    const deal = await getEntity(ctx, principal, opportunityStore, opportunityId);
    await assertMayEditTeam(trx, principal, deal);
    const members = await listMembers(trx, principal.tenantId, deal.id);
    validateSplits(input.splits, { ownerId: deal.ownerId, members });
    const before = await listSplits(trx, principal.tenantId, deal.id);
    if (!(await bumpTeamVersion(trx, principal.tenantId, deal.id, input.version)))
      throw versionConflict('opportunity team');
    const after = sortedSplits(input.splits);
    await replaceSplits(trx, principal.tenantId, deal.id, after, ctx.newId);
    await recordAudit(trx, ctx, principal, {
      entityType: 'opportunity',
      entityId: deal.id,
      action: 'replace_splits',
      before: { splits: before },
      after: { splits: after },
    });
    return teamOf(trx, principal.tenantId, deal);
  });
}

/**
 * The deal changed owner (an edit or a user's handover, both already checked against who
 * may assign to whom): the owner seat and the old owner's credit pass to the new owner. A
 * new owner who was a member stops being one (the owner seat is implied) and keeps their
 * share, added to the one inherited; the old owner leaves the team. Runs inside the
 * caller's transaction and is recorded as a `move_team` entry of the team history.
 */
export async function moveDealTeam(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  change: {
    readonly opportunityId: string;
    readonly fromOwnerId: string;
    readonly toOwnerId: string;
  },
): Promise<void> {
  const { opportunityId, fromOwnerId, toOwnerId } = change;
  if (fromOwnerId === toOwnerId) return;
  const tenantId = principal.tenantId;
  const before = await listSplits(trx, tenantId, opportunityId);
  const after = splitsAfterOwnerChange(before, fromOwnerId, toOwnerId);
  const wasMember = await deleteMember(trx, tenantId, opportunityId, toOwnerId);
  if (before.length > 0) await replaceSplits(trx, tenantId, opportunityId, after, ctx.newId);
  await bumpTeamVersion(trx, tenantId, opportunityId, null);
  await recordAudit(trx, ctx, principal, {
    entityType: 'opportunity',
    entityId: opportunityId,
    action: 'move_team',
    before: { ownerId: fromOwnerId, splits: before },
    after: { ownerId: toOwnerId, splits: after, formerMember: wasMember },
  });
}

/** The deal's team history, newest first: members added and removed, splits, owner moves. */
export async function dealTeamHistory(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  list: ListInput<'at'>,
): Promise<Page<AuditEntry>> {
  authorize(principal, 'opportunities.read');
  await getEntity(ctx, principal, opportunityStore, opportunityId);
  return listAuditEntries(
    dbFor(ctx),
    principal.tenantId,
    { entityType: 'opportunity', entityId: opportunityId, actions: teamHistoryActions },
    pageQuery(list, auditSorts),
  );
}
