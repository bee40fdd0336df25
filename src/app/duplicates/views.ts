import type { Kysely } from 'kysely';
import type { DuplicateEntityType, MatchKey } from '../../domain/duplicates/match-keys.js';
import { isMergeable, pairScore } from '../../domain/duplicates/pair-rules.js';
import type { PairType, RecordRef } from '../../domain/duplicates/pair-rules.js';
import type { DuplicatePair, PairStatus } from '../../domain/duplicates/pair.js';
import { recordNames } from '../../store/duplicate-pairs.repo.js';
import { heldBy } from '../../store/match-keys.repo.js';
import type { Database } from '../../store/schema.js';

export interface PairSide {
  readonly entityType: DuplicateEntityType;
  readonly id: string;
  readonly name: string;
}

/** A pair as the queue shows it: both records named, the values they share, a score. */
export interface DuplicatePairView {
  readonly id: string;
  readonly type: PairType;
  readonly mergeable: boolean;
  readonly left: PairSide;
  readonly right: PairSide;
  readonly reasons: DuplicatePair['reasons'];
  /** The normalised values both records hold, for the reasons above. */
  readonly matches: readonly MatchKey[];
  readonly score: number;
  readonly status: PairStatus;
  readonly note: string | null;
  readonly survivorId: string | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

const refKey = (ref: RecordRef) => `${ref.entityType}:${ref.id}`;

/** Views of pairs with two queries in all (names, keys), whatever the page size. */
export async function pairViews(
  db: Kysely<Database>,
  tenantId: string,
  pairs: readonly DuplicatePair[],
): Promise<DuplicatePairView[]> {
  const refs = pairs.flatMap((pair) => [pair.left, pair.right]);
  const names = await recordNames(db, tenantId, refs);
  const keys = new Map<string, Set<string>>();
  for (const held of refs.length > 0 ? await heldBy(db, tenantId, refs) : []) {
    const key = refKey({ entityType: held.entityType, id: held.entityId });
    keys.set(key, (keys.get(key) ?? new Set()).add(`${held.kind}\u0000${held.value}`));
  }
  return pairs.map((pair) => {
    const mine = keys.get(refKey(pair.right)) ?? new Set<string>();
    const matches = [...(keys.get(refKey(pair.left)) ?? [])]
      .filter((key) => mine.has(key))
      .map((key) => {
        const [kind = '', value = ''] = key.split('\u0000');
        return { kind, value } as MatchKey;
      })
      .filter((match) => pair.reasons.includes(match.kind));
    const side = (ref: RecordRef): PairSide => ({ ...ref, name: names.get(refKey(ref)) ?? '' });
    return {
      id: pair.id,
      type: pair.type,
      mergeable: isMergeable(pair.type),
      left: side(pair.left),
      right: side(pair.right),
      reasons: pair.reasons,
      matches,
      score: pairScore(pair.reasons),
      status: pair.status,
      note: pair.note,
      survivorId: pair.survivorId,
      resolvedBy: pair.resolvedBy,
      resolvedAt: pair.resolvedAt,
      createdAt: pair.createdAt,
      updatedAt: pair.updatedAt,
      version: pair.version,
    };
  });
}
