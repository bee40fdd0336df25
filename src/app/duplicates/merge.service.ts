import type { Kysely } from 'kysely';
import { mergeFields, unitsTakenFromSource } from '../../domain/duplicates/merge-fields.js';
import type { Side } from '../../domain/duplicates/merge-fields.js';
import { isMergeable, orderPair, sameRecord } from '../../domain/duplicates/pair-rules.js';
import type { RecordRef } from '../../domain/duplicates/pair-rules.js';
import type { DuplicatePair } from '../../domain/duplicates/pair.js';
import { DomainError, notFound, versionConflict } from '../../domain/errors.js';
import type { Lifecycle } from '../../domain/pools/pool-rules.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { deletePair, pairsOf, savePair } from '../../store/duplicate-pairs.repo.js';
import { inheritKeys } from '../../store/match-keys.repo.js';
import { contactIdsOf, markMerged, repointReferences } from '../../store/merge.repo.js';
import { insertOwnershipChange } from '../../store/ownership-history.repo.js';
import type { Database } from '../../store/schema.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import type { VersionedEntity } from '../entity.js';
import { inTransaction } from '../transaction.js';
import { contactStore } from '../contacts.service.js';
import { detectDuplicates } from './detect.js';
import { accountMerge, contactMerge, leadMerge } from './merge-kinds.js';
import type { MergeKind } from './merge-kinds.js';
import { loadVisiblePair } from './queue.service.js';
import { contactSubject } from './subjects.js';
import { pairViews } from './views.js';
import type { DuplicatePairView } from './views.js';

export interface MergeInput {
  /** Which record of the pair remains; the other is merged into it. */
  readonly survivor: 'left' | 'right';
  /** The pair's version the reviewer saw; a change since answers 409. */
  readonly version?: number;
  /** Per field (unit), whose value the survivor keeps; unlisted: see `mergeFields`. */
  readonly fields?: Readonly<Partial<Record<string, Side>>>;
}

interface Ownership {
  readonly ownerId: string | null;
  readonly poolId: string | null;
  readonly lifecycle: Lifecycle;
}

const hasOwnership = (record: object): record is Ownership =>
  'poolId' in record && 'lifecycle' in record;

/** A dismissal of (source, X) becomes one of (survivor, X): "not duplicates" still holds. */
async function carryPairs(
  trx: Kysely<Database>,
  tenantId: string,
  pairId: string,
  source: RecordRef,
  survivor: RecordRef,
  now: string,
): Promise<void> {
  const survivorPairs = await pairsOf(trx, tenantId, survivor);
  for (const pair of await pairsOf(trx, tenantId, source)) {
    if (pair.id === pairId) continue;
    // Open pairs are raised again from the survivor's keys, old ones included.
    if (pair.status === 'open') await deletePair(trx, tenantId, pair.id);
    if (pair.status !== 'dismissed') continue;
    const other = sameRecord(pair.left, source) ? pair.right : pair.left;
    if (sameRecord(other, survivor)) continue;
    const taken = survivorPairs.some(
      (p) => sameRecord(p.left, other) || sameRecord(p.right, other),
    );
    if (taken) continue;
    const [left, right] = orderPair(survivor, other);
    await savePair(
      trx,
      tenantId,
      { ...pair, left, right, updatedAt: now, version: pair.version + 1 },
      pair.version,
    );
  }
}

/**
 * Merges the source into the survivor in the caller's transaction: the survivor takes the
 * chosen fields, every reference to the source moves to it, the source goes to the trash
 * pointing at it, both get a `merge` audit entry. Returns nothing: the pair records it.
 */
async function mergeRecords<E extends VersionedEntity>(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  kind: MergeKind<E>,
  pair: DuplicatePair,
  ids: { survivorId: string; sourceId: string },
  choices: Readonly<Partial<Record<string, Side>>>,
): Promise<void> {
  for (const action of kind.actions) authorize(principal, action);
  const tenantId = principal.tenantId;
  for (const unit of Object.keys(choices)) {
    if (!Object.hasOwn(kind.units, unit))
      throw new DomainError('validation_failed', {}, [
        { path: `fields/${unit}`, code: 'unknown_field', message: `${unit} cannot be chosen` },
      ]);
  }
  const survivor = await kind.store.load(trx, tenantId, ids.survivorId);
  const source = await kind.store.load(trx, tenantId, ids.sourceId);
  if (!survivor || !source || survivor.deletedAt != null || source.deletedAt != null)
    throw new DomainError('pair_not_mergeable');
  if (kind.mergeable && !kind.mergeable(survivor, source))
    throw new DomainError('pair_not_mergeable');

  const now = nowIso(ctx);
  const picked = mergeFields(survivor, source, kind.units, choices);
  const settled = await (kind.settle?.(trx, tenantId, { survivor, source, merged: picked }) ??
    Promise.resolve(picked));
  const merged: E = { ...settled, version: survivor.version + 1, updatedAt: now };

  const entityType = kind.subject(survivor).entityType;
  const mergeIds = { tenantId, entityType, ...ids, now };
  // A contact's person key includes its account: the contacts that move need new keys.
  const movedContacts =
    entityType === 'account' ? await contactIdsOf(trx, tenantId, ids.sourceId) : [];
  const moved = await repointReferences(trx, mergeIds);
  await inheritKeys(trx, tenantId, entityType, ids.sourceId, ids.survivorId);
  if (!(await markMerged(trx, mergeIds, source.version))) throw versionConflict(entityType);
  if (!(await kind.store.save(trx, tenantId, merged, survivor.version)))
    throw versionConflict(entityType);
  const saved = (await kind.afterSave?.(trx, tenantId, merged, now)) ?? merged;

  if (
    (entityType === 'lead' || entityType === 'account') &&
    hasOwnership(survivor) &&
    hasOwnership(saved) &&
    (survivor.ownerId !== saved.ownerId || survivor.poolId !== saved.poolId)
  ) {
    // The survivor took the duplicate's owner: the ownership history says so, and why.
    await insertOwnershipChange(trx, tenantId, {
      id: ctx.newId(),
      entityType,
      entityId: ids.survivorId,
      action: saved.ownerId === null ? 'release' : 'transfer',
      fromOwnerId: survivor.ownerId,
      toOwnerId: saved.ownerId,
      fromPoolId: survivor.poolId,
      toPoolId: saved.poolId,
      fromLifecycle: survivor.lifecycle,
      toLifecycle: saved.lifecycle,
      reason: `merge ${ids.sourceId}`,
      actorId: principal.userId,
      at: now,
    });
  }

  await carryPairs(
    trx,
    tenantId,
    pair.id,
    { entityType, id: ids.sourceId },
    { entityType, id: ids.survivorId },
    now,
  );
  await recordAudit(trx, ctx, principal, {
    entityType,
    entityId: ids.survivorId,
    action: 'merge',
    before: survivor,
    after: {
      ...saved,
      mergedFrom: ids.sourceId,
      fromSource: unitsTakenFromSource(survivor, saved, kind.units),
      moved,
    },
  });
  await recordAudit(trx, ctx, principal, {
    entityType,
    entityId: ids.sourceId,
    action: 'merge',
    before: source,
    after: { mergedInto: ids.survivorId },
  });
  // The survivor's keys changed (fields taken, keys inherited): look for duplicates again.
  const contacts = [];
  for (const contactId of movedContacts) {
    const contact = await contactStore.load(trx, tenantId, contactId);
    if (contact) contacts.push(contactSubject(contact));
  }
  await detectDuplicates(
    trx,
    tenantId,
    [kind.subject(saved), ...contacts],
    { now, newId: () => ctx.newId() },
    { fresh: false },
  );
}

/**
 * Merges a pair of duplicates, in one transaction. A retry of a merge that went through
 * (same survivor) answers the merged pair again and changes nothing; the other direction,
 * or a dismissed pair, is 409 pair_resolved.
 */
export async function mergeDuplicatePair(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: MergeInput,
): Promise<DuplicatePairView> {
  authorize(principal, 'duplicates.resolve');
  return inTransaction(ctx, async (trx) => {
    const pair = await loadVisiblePair(trx, principal, id);
    const [survivor, source] =
      input.survivor === 'left' ? [pair.left, pair.right] : [pair.right, pair.left];
    if (pair.status === 'merged' && pair.survivorId === survivor.id)
      return view(trx, principal.tenantId, pair);
    if (pair.status !== 'open') throw new DomainError('pair_resolved');
    if (!isMergeable(pair.type)) throw new DomainError('pair_not_mergeable');
    if (input.version !== undefined && input.version !== pair.version)
      throw versionConflict('duplicate_pair');
    const now = nowIso(ctx);
    const next: DuplicatePair = {
      ...pair,
      status: 'merged',
      survivorId: survivor.id,
      resolvedBy: principal.userId,
      resolvedAt: now,
      updatedAt: now,
      version: pair.version + 1,
    };
    // Resolved first, so the detection the merge ends with leaves this pair alone.
    if (!(await savePair(trx, principal.tenantId, next, pair.version)))
      throw versionConflict('duplicate_pair');
    const ids = { survivorId: survivor.id, sourceId: source.id };
    const choices = input.fields ?? {};
    if (pair.type === 'lead')
      await mergeRecords(trx, ctx, principal, leadMerge, pair, ids, choices);
    else if (pair.type === 'account')
      await mergeRecords(trx, ctx, principal, accountMerge, pair, ids, choices);
    else await mergeRecords(trx, ctx, principal, contactMerge, pair, ids, choices);
    return view(trx, principal.tenantId, next);
  });
}

async function view(
  trx: Kysely<Database>,
  tenantId: string,
  pair: DuplicatePair,
): Promise<DuplicatePairView> {
  const [result] = await pairViews(trx, tenantId, [pair]);
  if (!result) throw notFound('duplicate_pair');
  return result;
}
