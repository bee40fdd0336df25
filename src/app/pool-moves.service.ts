import type { Kysely } from 'kysely';
import type { Account } from '../domain/accounts/account.js';
import { DomainError, notFound, referenceNotFound } from '../domain/errors.js';
import type { Lead, ScoredLead } from '../domain/leads/lead.js';
import { nextDeadline } from '../domain/pools/deadlines.js';
import { defaultPoolRules } from '../domain/pools/pool-rules.js';
import { withinTransferScope } from '../domain/pools/scope.js';
import { decideTransition } from '../domain/pools/transitions.js';
import type { Holding, OwnershipAction, Refusal } from '../domain/pools/transitions.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { heldCount } from '../store/holdings.repo.js';
import { lastGivenUpAt, ownershipHistory } from '../store/ownership-history.repo.js';
import type { HeldEntity, OwnershipChange } from '../store/ownership-history.repo.js';
import { findHomePool } from '../store/pools.repo.js';
import type { Database } from '../store/schema.js';
import { teamPathOf } from '../store/teams.repo.js';
import { findTenantById } from '../store/tenants.repo.js';
import { accountStore } from './accounts.service.js';
import { assertCanAssign, authorize, can } from './access.js';
import { recordLeadEvents } from './automation/capture.js';
import type { AppContext } from './context.js';
import type { EntityStore } from './entity.js';
import { getEntity, updateEntity } from './entity.js';
import { leadStore } from './leads.service.js';
import { recordOwnershipChange } from './ownership.js';
import { poolStore } from './pools.service.js';
import { userStore } from './users.service.js';
import { assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

export interface OwnershipRequest {
  readonly version: number;
  readonly action: OwnershipAction;
  readonly toUserId?: string;
  readonly toPoolId?: string;
  /** Why: every flow between 公海 and 私海 is recorded with its reason. */
  readonly reason: string;
  /** For `archive`: when the dormant record should come back to the pool by itself. */
  readonly reactivateAt?: string | null;
}

type Held = Lead | Account;

const refusalText: Record<Refusal, string> = {
  claim_limit_reached: 'the new owner already holds as many records as the pool allows',
  reclaim_cooldown: 'the new owner gave this record up too recently to take it back',
  not_pool_member: 'the new owner may not claim from this pool',
  outside_transfer_scope: 'the pool does not allow a transfer that far',
  not_in_pool: 'the record is not in a pool',
  not_owned: 'the record has no owner',
  not_dormant: 'the record is not dormant',
  not_active: 'the record is not active',
  same_owner: 'the record already belongs to them',
};

/** Who may take which step: claiming is for yourself; curating the pools is for staff. */
async function authorizeStep(
  trx: Kysely<Database>,
  principal: Principal,
  entity: HeldEntity,
  held: Held,
  request: OwnershipRequest,
): Promise<void> {
  authorize(principal, entity === 'lead' ? 'leads.write' : 'accounts.write');
  switch (request.action) {
    case 'claim':
      if (request.toUserId !== principal.userId)
        throw new DomainError('forbidden', { action: 'claim_for_others' });
      return;
    case 'assign':
    case 'transfer':
      // Handing out is staff work: a rep taking a record for themselves claims it, under
      // the pool's member and cooldown rules, instead of assigning it to themselves.
      if (
        !can(principal, 'records.assign_any') &&
        !can(principal, 'records.assign_team') &&
        !(entity === 'lead' && can(principal, 'leads.assign_any'))
      )
        throw new DomainError('forbidden', { action: request.action });
      return assertCanAssign(
        trx,
        principal,
        request.toUserId,
        entity === 'lead' ? 'lead' : 'record',
      );
    case 'release':
      if (held.ownerId !== principal.userId)
        await assertCanAssign(trx, principal, held.ownerId, entity === 'lead' ? 'lead' : 'record');
      return;
    case 'recycle':
      // Only the deadline sweep recycles: a person gives a record up with `release`.
      if (principal.userId !== null) throw new DomainError('forbidden', { action: 'recycle' });
      return;
    case 'archive':
    case 'reactivate':
    case 'eliminate':
      authorize(principal, 'pools.curate');
      return;
  }
}

/**
 * One flow between the public and private pools, decided by the pure core with the facts
 * its rules need (how many records the new owner holds, when they last gave this one up,
 * whether they may claim from this pool, whether a transfer stays in scope), applied with
 * the record's version guard, and recorded in the ownership history and the audit log.
 * Taking a record starts its follow-up clock; giving it up stops it.
 */
export async function changeLeadOwnership(
  ctx: AppContext,
  principal: Principal,
  id: string,
  request: OwnershipRequest,
): Promise<ScoredLead> {
  return applyChange(ctx, principal, 'lead', leadStore, id, request);
}

export async function changeAccountOwnership(
  ctx: AppContext,
  principal: Principal,
  id: string,
  request: OwnershipRequest,
): Promise<Account> {
  return applyChange(ctx, principal, 'account', accountStore, id, request);
}

/**
 * A claim is for yourself, so its target may be left out; assign and transfer name the new
 * owner (a missing one is a bad request, not a refusal by the pool rules).
 */
function withTarget(principal: Principal, request: OwnershipRequest): OwnershipRequest {
  if (request.action === 'claim' && request.toUserId === undefined && principal.userId)
    return { ...request, toUserId: principal.userId };
  if ((request.action === 'assign' || request.action === 'transfer') && !request.toUserId) {
    throw new DomainError('validation_failed', {}, [
      { path: 'toUserId', code: 'required', message: 'required' },
    ]);
  }
  return request;
}

/** A disabled user holds nothing new: giving them a record is as wrong as an unknown id. */
async function assertActiveUser(
  trx: Kysely<Database>,
  tenantId: string,
  userId: string | undefined,
): Promise<void> {
  if (!userId) return;
  const user = await userStore.load(trx, tenantId, userId);
  if (user?.status !== 'active') throw referenceNotFound('toUserId');
}

async function applyChange<E extends Held>(
  ctx: AppContext,
  principal: Principal,
  entity: HeldEntity,
  store: EntityStore<E>,
  id: string,
  asked: OwnershipRequest,
): Promise<E> {
  return inTransaction(ctx, async (trx) => {
    const request = withTarget(principal, asked);
    await assertReferences(trx, principal, [
      { field: 'toUserId', table: 'users', id: request.toUserId },
      { field: 'toPoolId', table: 'pools', id: request.toPoolId },
    ]);
    await assertActiveUser(trx, principal.tenantId, request.toUserId);
    let before: E | undefined;
    let at = '';
    const after = await updateEntity(
      ctx,
      principal,
      store,
      id,
      request.version,
      async (_trx, held, { now }) => {
        await authorizeStep(trx, principal, entity, held, request);
        before = held;
        at = now;
        return decide(trx, principal, entity, held, request, now);
      },
      { action: 'change_owner' },
    );
    if (!before) throw notFound(entity);
    await recordOwnershipChange(trx, ctx, principal, {
      entity,
      before,
      after,
      action: request.action,
      reason: request.reason,
      at,
    });
    // A claim or a release changes the lead's owner and pool: lead rules may listen. (The
    // lead store holds scored leads; `E` only widens them to share this path with accounts.)
    if (entity === 'lead')
      await recordLeadEvents(
        trx,
        ctx,
        principal.tenantId,
        before as Lead as ScoredLead,
        after as Lead as ScoredLead,
      );
    return after;
  });
}

async function decide<E extends Held>(
  trx: Kysely<Database>,
  principal: Principal,
  entity: HeldEntity,
  held: E,
  request: OwnershipRequest,
  now: string,
): Promise<E> {
  const tenantId = principal.tenantId;
  const fromPath = held.ownerId ? await teamPathOf(trx, tenantId, held.ownerId) : [];
  // The rules are those of the pool the record sits in, else of its owner's home pool
  // (their team's, else the default): never of a pool the caller names, or a claimant
  // could pick the laxest pool's rules. A record given up goes to the pool asked for,
  // else to that same pool.
  const homePoolId = held.poolId ?? (await findHomePool(trx, tenantId, fromPath))?.id ?? null;
  const home = homePoolId ? await poolStore.load(trx, tenantId, homePoolId) : undefined;
  const rules = home?.rules ?? defaultPoolRules;
  const poolId = request.toPoolId ?? homePoolId;
  const target = request.toUserId;
  if (
    entity === 'account' &&
    target &&
    (held as Account).silenceUntil &&
    Date.parse((held as Account).silenceUntil ?? '') > Date.parse(now)
  ) {
    throw new DomainError('silenced', { until: (held as Account).silenceUntil ?? '' });
  }
  const targetPath = target ? await teamPathOf(trx, tenantId, target) : [];
  const decision = decideTransition(
    { ownerId: held.ownerId, poolId: held.poolId, lifecycle: held.lifecycle } satisfies Holding,
    {
      action: request.action,
      actorId: principal.userId,
      ...(target ? { toUserId: target } : {}),
      ...(poolId ? { toPoolId: poolId } : {}),
      rules,
      heldByTarget: target
        ? await heldCount(trx, tenantId, target, entity, rules.claimLimitExcludesWon)
        : 0,
      targetLastReleasedAt: target ? await lastGivenUpAt(trx, tenantId, held.id, target) : null,
      targetIsMember:
        rules.memberTeamIds.length === 0 ||
        targetPath.some((team) => rules.memberTeamIds.includes(team)),
      withinScope: withinTransferScope(rules.transferScope, fromPath, targetPath),
      now: new Date(now),
    },
  );
  if (!decision.ok) {
    throw new DomainError('ownership_refused', { refusal: decision.refusal }, [
      { path: 'action', code: decision.refusal, message: refusalText[decision.refusal] },
    ]);
  }
  const { next } = decision;
  const tenant = await findTenantById(trx, tenantId);
  const followUpDays = tenant?.settings.deadlines.followUpDays ?? 7;
  const taken = next.ownerId !== null && next.ownerId !== held.ownerId;
  return {
    ...held,
    ...next,
    ownedSince: next.ownerId === null ? null : taken ? now : held.ownedSince,
    // A new owner gets a fresh follow-up clock; a dormant record keeps its re-activation date.
    deadlineAt: taken
      ? nextDeadline(new Date(now), followUpDays)
      : next.lifecycle === 'dormant'
        ? (request.reactivateAt ?? null)
        : next.ownerId === null
          ? null
          : held.deadlineAt,
    deadlineLevel: taken || next.ownerId === null ? 0 : held.deadlineLevel,
  };
}

/** Every flow of one record between the pools and its owners, oldest first. */
export async function ownershipHistoryOf(
  ctx: AppContext,
  principal: Principal,
  entity: HeldEntity,
  id: string,
): Promise<OwnershipChange[]> {
  if (entity === 'lead') await getEntity(ctx, principal, leadStore, id);
  else await getEntity(ctx, principal, accountStore, id);
  return ownershipHistory(dbFor(ctx), principal.tenantId, entity, id);
}
