import { createHash } from 'node:crypto';
import type { Variant } from './experiment.js';
import { TOTAL_WEIGHT } from './experiment.js';

/**
 * Deterministic, sticky assignment: a record's variant is a function of the experiment and
 * the record alone, so assigning twice (a retried start, a record created during a start)
 * gives the same answer, and no random state has to be kept. SHA-256 of
 * "<experiment>:<record>" spreads ids uniformly; its first 32 bits pick a point in the
 * 10 000 basis points and the variants own consecutive slices of them by weight.
 */
export function bucketOf(experimentId: string, recordId: string): number {
  const digest = createHash('sha256').update(`${experimentId}:${recordId}`).digest();
  return digest.readUInt32BE(0) % TOTAL_WEIGHT;
}

export function variantFor(
  experimentId: string,
  recordId: string,
  variants: readonly Variant[],
): Variant {
  const bucket = bucketOf(experimentId, recordId);
  let upTo = 0;
  for (const variant of variants) {
    upTo += variant.weight;
    if (bucket < upTo) return variant;
  }
  // Unreachable for a valid design (weights sum to 10 000); the last variant takes the rest.
  const last = variants[variants.length - 1];
  if (!last) throw new Error('an experiment without variants cannot assign');
  return last;
}
