import type { Kysely } from 'kysely';
import type { MatchKey, MatchKind } from '../../domain/duplicates/match-keys.js';
import { duplicateEntityTypes } from '../../domain/duplicates/match-keys.js';
import {
  holderTypesFor,
  MAX_RECORDS_PER_KEY,
  pairReasons,
  sameRecord,
} from '../../domain/duplicates/pair-rules.js';
import type { RecordRef } from '../../domain/duplicates/pair-rules.js';
import { heldBy, holdersOf } from '../../store/match-keys.repo.js';
import type { HeldKey } from '../../store/match-keys.repo.js';
import { existingIds } from '../../store/references.repo.js';
import type { Database } from '../../store/schema.js';
import { tableOf } from './subjects.js';

export interface Probe {
  readonly ref: RecordRef;
  readonly keys: readonly MatchKey[];
}

/** A stored record that a probe may duplicate, and why. */
export interface Candidate {
  readonly ref: RecordRef;
  readonly reasons: readonly MatchKind[];
}

const keyOf = (k: MatchKey) => `${k.kind}\u0000${k.value}`;
const refKey = (ref: RecordRef) => `${ref.entityType}:${ref.id}`;

const creditCodes = (keys: readonly MatchKey[]) =>
  keys.filter((k) => k.kind === 'credit_code').map((k) => k.value);

/** Of the given records, those that are live (not trashed, not merged away). */
async function liveRefs(
  db: Kysely<Database>,
  tenantId: string,
  refs: readonly RecordRef[],
): Promise<Set<string>> {
  const live = new Set<string>();
  for (const entityType of duplicateEntityTypes) {
    const ids = refs.filter((ref) => ref.entityType === entityType).map((ref) => ref.id);
    for (let start = 0; start < ids.length; start += 500) {
      const found = await existingIds(
        db,
        tableOf[entityType],
        tenantId,
        ids.slice(start, start + 500),
      );
      for (const id of found) live.add(refKey({ entityType, id }));
    }
  }
  return live;
}

/**
 * For each probe, the live stored records it may duplicate (see `pairReasons` for which
 * shared keys count). One lookup for the whole batch: the importer calls this per batch
 * of rows, a create per record. The probes' own stored keys are never matched with
 * themselves.
 */
export async function findCandidates(
  db: Kysely<Database>,
  tenantId: string,
  probes: readonly Probe[],
): Promise<Candidate[][]> {
  const holders = await holdersOf(
    db,
    tenantId,
    probes.flatMap((probe) =>
      probe.keys.flatMap((key) =>
        holderTypesFor(probe.ref.entityType, key.kind).map((entityType) => ({
          ...key,
          entityType,
        })),
      ),
    ),
    MAX_RECORDS_PER_KEY,
  );
  const byKey = new Map<string, HeldKey[]>();
  for (const held of holders) byKey.set(keyOf(held), [...(byKey.get(keyOf(held)) ?? []), held]);

  const shared = probes.map((probe) => {
    const kinds = new Map<string, { ref: RecordRef; kinds: Set<MatchKind> }>();
    for (const key of probe.keys) {
      for (const held of byKey.get(keyOf(key)) ?? []) {
        const ref: RecordRef = { entityType: held.entityType, id: held.entityId };
        if (sameRecord(ref, probe.ref)) continue;
        const entry = kinds.get(refKey(ref)) ?? { ref, kinds: new Set<MatchKind>() };
        entry.kinds.add(key.kind);
        kinds.set(refKey(ref), entry);
      }
    }
    return [...kinds.values()];
  });

  const others = shared.flatMap((entries) => entries.map((entry) => entry.ref));
  const live = await liveRefs(db, tenantId, others);
  // Two accounts with different credit codes are different companies: read the codes.
  const accounts = others.filter((ref) => ref.entityType === 'account' && live.has(refKey(ref)));
  const codes = new Map<string, string[]>();
  for (const held of accounts.length > 0 ? await heldBy(db, tenantId, accounts) : []) {
    if (held.kind !== 'credit_code') continue;
    const key = refKey({ entityType: held.entityType, id: held.entityId });
    codes.set(key, [...(codes.get(key) ?? []), held.value]);
  }

  return probes.map((probe, i) =>
    (shared[i] ?? []).flatMap(({ ref, kinds }) => {
      if (!live.has(refKey(ref))) return [];
      const reasons = pairReasons(probe.ref, ref, [...kinds], {
        a: creditCodes(probe.keys),
        b: codes.get(refKey(ref)) ?? [],
      });
      return reasons.length > 0 ? [{ ref, reasons }] : [];
    }),
  );
}
