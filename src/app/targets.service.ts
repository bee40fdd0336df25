import type { Kysely } from 'kysely';
import { assertNoOverlap, validateTarget } from '../domain/analytics/targets.js';
import type { SalesTarget, TargetSubjectType } from '../domain/analytics/targets.js';
import { DomainError, notFound } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Page } from '../store/pagination.js';
import type { Database } from '../store/schema.js';
import { teamPathOf, teamsInManagedSubtree, usersInManagedSubtree } from '../store/teams.repo.js';
import {
  collidingTargets,
  deleteTargetRow,
  findTarget,
  insertTarget,
  listTargets,
  saveTarget,
} from '../store/targets.repo.js';
import type { TargetAudience, TargetFilter } from '../store/targets.repo.js';
import { visibilityOf } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { createEntity, updateEntity } from './entity.js';
import type { EntityStore } from './entity.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

/**
 * Sales targets (quotas). Admins set anyone's; a manager sets those of the people and
 * teams in the teams they manage (and below); nobody else sets any. Everyone reads the
 * targets of what they can see: their own, their team's and the teams above it, and (for
 * managers) everyone in the teams they manage. A target's subject never changes: a quota
 * for someone else is a new target.
 */
export interface TargetInput {
  readonly subjectType: TargetSubjectType;
  readonly subjectId: string;
  readonly pipelineId?: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface TargetPatch {
  readonly version: number;
  readonly pipelineId?: string | null;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly amountMinor?: number;
  readonly currency?: string;
}

export const targetSorts = {
  periodStart: { key: 'periodStart', column: 'period_start' },
  createdAt: { key: 'createdAt', column: 'created_at' },
} as const;

const targetStore: EntityStore<SalesTarget> = {
  entityType: 'target',
  load: findTarget,
  insert: insertTarget,
  save: saveTarget,
};

/** Whose targets the principal may read; null: the whole tenant. */
export async function targetAudience(
  db: Kysely<Database>,
  principal: Principal,
): Promise<TargetAudience | null> {
  const visibility = await visibilityOf(db, principal);
  if (visibility.people.kind === 'tenant') return null;
  const userIds = new Set(visibility.people.kind === 'people' ? visibility.people.ownerIds : []);
  const teamIds = new Set<string>();
  if (principal.userId !== null) {
    userIds.add(principal.userId);
    for (const id of await teamPathOf(db, principal.tenantId, principal.userId)) teamIds.add(id);
    if (principal.role === 'manager')
      for (const id of await teamsInManagedSubtree(db, principal.tenantId, principal.userId))
        teamIds.add(id);
  }
  return { userIds: [...userIds], teamIds: [...teamIds] };
}

const sees = (
  audience: TargetAudience | null,
  target: Pick<SalesTarget, 'subjectType' | 'subjectId'>,
) =>
  audience === null ||
  (target.subjectType === 'user' ? audience.userIds : audience.teamIds).includes(target.subjectId);

/** Admins set any target; managers those of their managed subtree; others none (403). */
async function assertMaySet(
  db: Kysely<Database>,
  principal: Principal,
  target: Pick<SalesTarget, 'subjectType' | 'subjectId'>,
): Promise<void> {
  if (principal.role === 'admin') return;
  if (principal.role === 'manager' && principal.userId !== null) {
    const managed =
      target.subjectType === 'user'
        ? await usersInManagedSubtree(db, principal.tenantId, principal.userId)
        : await teamsInManagedSubtree(db, principal.tenantId, principal.userId);
    if (managed.includes(target.subjectId)) return;
  }
  throw new DomainError('forbidden', { action: 'targets.manage' });
}

/** Loads a target the principal may read: missing and invisible both answer 404. */
async function loadReadable(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
): Promise<SalesTarget> {
  const target = await findTarget(db, principal.tenantId, id);
  if (!target || !sees(await targetAudience(db, principal), target)) throw notFound('target');
  return target;
}

async function assertFits(trx: Kysely<Database>, principal: Principal, target: SalesTarget) {
  validateTarget(target);
  assertNoOverlap(target, await collidingTargets(trx, principal.tenantId, target));
}

export async function createTarget(
  ctx: AppContext,
  principal: Principal,
  input: TargetInput,
): Promise<SalesTarget> {
  if (principal.role !== 'admin' && principal.role !== 'manager')
    throw new DomainError('forbidden', { action: 'targets.manage' });
  return createEntity(ctx, principal, targetStore, async (trx, { id, now }) => {
    await assertReferences(trx, principal, [
      {
        field: 'subjectId',
        table: input.subjectType === 'user' ? 'users' : 'teams',
        id: input.subjectId,
      },
      { field: 'pipelineId', table: 'pipelines', id: input.pipelineId },
    ]);
    await assertMaySet(trx, principal, input);
    const target: SalesTarget = {
      id,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      pipelineId: input.pipelineId ?? null,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      amountMinor: input.amountMinor,
      currency: input.currency,
      createdBy: principal.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await assertFits(trx, principal, target);
    return target;
  });
}

export async function updateTarget(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: TargetPatch,
): Promise<SalesTarget> {
  const current = await loadReadable(dbFor(ctx), principal, id);
  await assertMaySet(dbFor(ctx), principal, current);
  return updateEntity(ctx, principal, targetStore, id, version, async (trx, stored) => {
    await assertReferences(trx, principal, [
      { field: 'pipelineId', table: 'pipelines', id: patch.pipelineId },
    ]);
    const next: SalesTarget = {
      ...stored,
      ...(patch.pipelineId !== undefined ? { pipelineId: patch.pipelineId } : {}),
      ...(patch.periodStart !== undefined ? { periodStart: patch.periodStart } : {}),
      ...(patch.periodEnd !== undefined ? { periodEnd: patch.periodEnd } : {}),
      ...(patch.amountMinor !== undefined ? { amountMinor: patch.amountMinor } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
    };
    await assertFits(trx, principal, next);
    return next;
  });
}

export async function getTarget(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<SalesTarget> {
  return loadReadable(dbFor(ctx), principal, id);
}

/**
 * A `subjectId` filter names a user or a team (by `subjectType`, else either): like every
 * list filter, an id the caller cannot see answers 422 rather than an empty page.
 */
async function assertSubjectFilter(
  db: Kysely<Database>,
  principal: Principal,
  filter: TargetFilter,
): Promise<void> {
  if (filter.subjectId === undefined) return;
  const tables = filter.subjectType
    ? [filter.subjectType === 'team' ? ('teams' as const) : ('users' as const)]
    : (['users', 'teams'] as const);
  for (const [index, table] of tables.entries()) {
    try {
      await assertFilterReferences(db, principal, [
        { field: 'subjectId', table, id: filter.subjectId },
      ]);
      return;
    } catch (error) {
      if (index === tables.length - 1) throw error;
    }
  }
}

export async function listTargetsPage(
  ctx: AppContext,
  principal: Principal,
  filter: TargetFilter,
  list: ListInput<keyof typeof targetSorts>,
): Promise<Page<SalesTarget>> {
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'pipelineId', table: 'pipelines', id: filter.pipelineId },
  ]);
  await assertSubjectFilter(db, principal, filter);
  return listTargets(
    db,
    principal.tenantId,
    filter,
    await targetAudience(db, principal),
    pageQuery(list, targetSorts, '-periodStart'),
  );
}

/** Targets are removed outright (a quota withdrawn); the audit log keeps what it was. */
export async function deleteTarget(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version?: number,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const target = await loadReadable(trx, principal, id);
    await assertMaySet(trx, principal, target);
    if (version !== undefined && version !== target.version)
      throw new DomainError('version_conflict', { entity: 'target' });
    await deleteTargetRow(trx, principal.tenantId, id);
    await recordAudit(trx, ctx, principal, {
      entityType: 'target',
      entityId: id,
      action: 'delete',
      before: target,
      after: null,
    });
  });
}
