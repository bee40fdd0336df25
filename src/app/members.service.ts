import { DomainError, notFound } from '../domain/errors.js';
import type { MemberRole, OpportunityMember } from '../domain/opportunities/member.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { holdsCredit } from '../domain/opportunities/splits.js';
import { bumpTeamVersion, listSplits } from '../store/deal-team.repo.js';
import { deleteMember, insertMember, listMembers } from '../store/members.repo.js';
import { authorize } from './access.js';
import { assertMayEditTeam } from './deal-team.service.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { getEntity } from './entity.js';
import { opportunityStore } from './opportunity-store.js';
import { assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

export async function opportunityMembers(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
): Promise<OpportunityMember[]> {
  authorize(principal, 'opportunities.read');
  await getEntity(ctx, principal, opportunityStore, opportunityId);
  return listMembers(dbFor(ctx), principal.tenantId, opportunityId);
}

/**
 * Adds a colleague to the deal's team; from then on they can see it and its account. Only
 * those who may edit the team (owner, managers above them, admins) add and remove people.
 */
export async function addOpportunityMember(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: { userId: string; role: MemberRole },
): Promise<OpportunityMember> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const deal = await getEntity(ctx, principal, opportunityStore, opportunityId);
    await assertMayEditTeam(trx, principal, deal);
    await assertReferences(trx, principal, [{ field: 'userId', table: 'users', id: input.userId }]);
    const existing = await listMembers(trx, principal.tenantId, opportunityId);
    if (
      input.userId === deal.ownerId ||
      existing.some((member) => member.userId === input.userId)
    ) {
      throw new DomainError('duplicate', { field: 'userId' });
    }
    const member: OpportunityMember = {
      id: ctx.newId(),
      opportunityId,
      userId: input.userId,
      role: input.role,
      addedBy: principal.userId,
      createdAt: nowIso(ctx),
    };
    await insertMember(trx, principal.tenantId, member);
    await bumpTeamVersion(trx, principal.tenantId, opportunityId, null);
    await recordAudit(trx, ctx, principal, {
      entityType: 'opportunity',
      entityId: opportunityId,
      action: 'add_member',
      before: null,
      after: member,
    });
    return member;
  });
}

export async function removeOpportunityMember(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  userId: string,
): Promise<void> {
  authorize(principal, 'opportunities.write');
  await inTransaction(ctx, async (trx) => {
    const deal = await getEntity(ctx, principal, opportunityStore, opportunityId);
    await assertMayEditTeam(trx, principal, deal);
    // Their credit would leave a split short of 100 %: re-split without them first.
    if (holdsCredit(await listSplits(trx, principal.tenantId, opportunityId), userId))
      throw new DomainError('has_dependents', { entity: 'member', dependents: 'credit splits' });
    if (!(await deleteMember(trx, principal.tenantId, opportunityId, userId)))
      throw notFound('member');
    await bumpTeamVersion(trx, principal.tenantId, opportunityId, null);
    await recordAudit(trx, ctx, principal, {
      entityType: 'opportunity',
      entityId: opportunityId,
      action: 'remove_member',
      before: { userId },
      after: null,
    });
  });
}
