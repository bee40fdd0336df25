import type { Kysely } from 'kysely';
import { matchKeysOf } from '../../domain/duplicates/match-keys.js';
import type { MatchKey, MatchSubject } from '../../domain/duplicates/match-keys.js';
import { orderPair, sameRecord } from '../../domain/duplicates/pair-rules.js';
import type { RecordRef } from '../../domain/duplicates/pair-rules.js';
import type { CandidatePair } from '../../domain/duplicates/pair.js';
import { deletePair, pairsOf, recordPairs } from '../../store/duplicate-pairs.repo.js';
import { heldBy, insertOwnKeys, replaceOwnKeys } from '../../store/match-keys.repo.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { findCandidates } from './candidates.js';
import type { Probe } from './candidates.js';

export interface DetectMeta {
  readonly now: string;
  readonly newId: () => string;
}

const refOf = (subject: MatchSubject): RecordRef => ({
  entityType: subject.entityType,
  id: subject.id,
});

/**
 * Queues the records that `probes` may duplicate. With `prune`, an open pair of a probe
 * that no longer shares a key that counts (a typo in the phone number fixed) leaves the
 * queue; resolved pairs are decisions and stay.
 */
export async function raisePairs(
  trx: Kysely<Database>,
  tenantId: string,
  probes: readonly Probe[],
  meta: DetectMeta,
  options: { readonly prune: boolean },
): Promise<number> {
  const found = await findCandidates(trx, tenantId, probes);
  const pairs: CandidatePair[] = probes.flatMap((probe, i) =>
    (found[i] ?? []).map((candidate) => {
      const [left, right] = orderPair(probe.ref, candidate.ref);
      return { left, right, reasons: candidate.reasons };
    }),
  );
  if (options.prune) {
    for (const probe of probes) {
      for (const pair of await pairsOf(trx, tenantId, probe.ref)) {
        if (pair.status !== 'open') continue;
        const still = pairs.some(
          (p) => sameRecord(p.left, pair.left) && sameRecord(p.right, pair.right),
        );
        if (!still) await deletePair(trx, tenantId, pair.id);
      }
    }
  }
  return recordPairs(trx, tenantId, pairs, meta);
}

/**
 * Duplicate detection for records just written, in the writer's transaction: their match
 * keys are stored and every live record sharing a key that counts becomes an open pair in
 * the review queue. Indexed lookups only (see match-keys.repo.ts), batched for imports.
 * `fresh` records were just inserted and hold no keys yet; otherwise (an edit) the
 * record's own keys are recomputed and its stale open pairs pruned. Returns the pairs queued.
 */
export async function detectDuplicates(
  trx: Kysely<Database>,
  tenantId: string,
  subjects: readonly MatchSubject[],
  meta: DetectMeta,
  options: { readonly fresh: boolean },
): Promise<number> {
  if (subjects.length === 0) return 0;
  const records = subjects.map((subject) => ({ ref: refOf(subject), keys: matchKeysOf(subject) }));
  if (options.fresh) {
    await insertOwnKeys(trx, tenantId, records);
    return raisePairs(trx, tenantId, records, meta, { prune: false });
  }
  await replaceOwnKeys(trx, tenantId, records);
  // An edited record is also found by the keys it inherited from records merged into it.
  const held = await heldBy(
    trx,
    tenantId,
    records.map((record) => record.ref),
  );
  const probes = records.map((record) => ({
    ref: record.ref,
    keys: held
      .filter((key) => sameRecord({ entityType: key.entityType, id: key.entityId }, record.ref))
      .map((key): MatchKey => ({ kind: key.kind, value: key.value })),
  }));
  return raisePairs(trx, tenantId, probes, meta, { prune: true });
}

/** The hook the create and update services call after writing one record. */
export function detectOnSave(
  ctx: AppContext,
  trx: Kysely<Database>,
  tenantId: string,
  subject: MatchSubject,
  fresh: boolean,
): Promise<number> {
  return detectDuplicates(
    trx,
    tenantId,
    [subject],
    { now: nowIso(ctx), newId: () => ctx.newId() },
    { fresh },
  );
}

/** The hook an import calls after writing one batch of new records (keys, pairs). */
export function detectImported(
  trx: Kysely<Database>,
  env: {
    readonly principal: { readonly tenantId: string };
    readonly now: string;
    readonly newId: () => string;
  },
  subjects: readonly MatchSubject[],
): Promise<number> {
  return detectDuplicates(trx, env.principal.tenantId, subjects, env, { fresh: true });
}
