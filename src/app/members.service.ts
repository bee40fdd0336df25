import { DomainError, notFound } from '../domain/errors.js';
import type { MemberRole, OpportunityMember } from '../domain/opportunities/member.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { deleteMember, insertMember, listMembers } from '../store/members.repo.js';
import { authorize } from './access.js';
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

/** Adds a colleague to the deal's team; from then on they can see it and its account. */
export async function addOpportunityMember(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: { userId: string; role: MemberRole },
): Promise<OpportunityMember> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    const deal = await getEntity(ctx, principal, opportunityStore, opportunityId);
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
      createdAt: nowIso(ctx),
    };
    await insertMember(trx, principal.tenantId, member);
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
    await getEntity(ctx, principal, opportunityStore, opportunityId);
    if (!(await deleteMember(trx, principal.tenantId, opportunityId, userId)))
      throw notFound('member');
    await recordAudit(trx, ctx, principal, {
      entityType: 'opportunity',
      entityId: opportunityId,
      action: 'remove_member',
      before: { userId },
      after: null,
    });
  });
}
