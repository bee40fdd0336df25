import type { FieldIssue } from '../errors.js';
import { MAX_AMOUNT_MINOR } from '../money.js';

/**
 * Volume tiers of a price-book entry: from `minQuantity` units on, every unit costs
 * `unitPriceMinor` (all units, not only those above the threshold — "buy 10, each costs
 * less"). Below the first tier the entry's base price applies, which is why a tier starts at
 * 2 at the earliest: a tier at 1 would simply replace the base price.
 */
export interface VolumeTier {
  readonly minQuantity: number;
  readonly unitPriceMinor: number;
}

export interface PricedEntry {
  readonly unitPriceMinor: number;
  readonly volumeTiers: readonly VolumeTier[];
}

export const MAX_VOLUME_TIERS = 20;

/** The unit price for `quantity` and the tier it came from (null: the base price). */
export function unitPriceFor(
  entry: PricedEntry,
  quantity: number,
): { unitPriceMinor: number; tierMinQuantity: number | null } {
  let chosen: VolumeTier | null = null;
  for (const tier of entry.volumeTiers) {
    if (tier.minQuantity <= quantity && (!chosen || tier.minQuantity > chosen.minQuantity)) {
      chosen = tier;
    }
  }
  return chosen
    ? { unitPriceMinor: chosen.unitPriceMinor, tierMinQuantity: chosen.minQuantity }
    : { unitPriceMinor: entry.unitPriceMinor, tierMinQuantity: null };
}

const isMinor = (value: number) =>
  Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT_MINOR;

/**
 * What is wrong with an entry's prices: amounts are non-negative integer minor units,
 * tier thresholds are integers ≥ 2 in strictly ascending order (so each quantity has exactly
 * one tier and the list reads like the price sheet it came from). A tier dearer than the one
 * before is allowed: some products get dearer in bulk (e.g. dedicated hardware).
 */
export function volumeTierIssues(entry: PricedEntry, path = 'volumeTiers'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isMinor(entry.unitPriceMinor)) {
    issues.push({
      path: 'unitPriceMinor',
      code: 'invalid_amount',
      message: 'unitPriceMinor must be a non-negative integer amount in minor units',
    });
  }
  if (entry.volumeTiers.length > MAX_VOLUME_TIERS) {
    issues.push({
      path,
      code: 'too_many_tiers',
      message: `at most ${MAX_VOLUME_TIERS} volume tiers`,
    });
  }
  entry.volumeTiers.forEach((tier, index) => {
    if (!Number.isSafeInteger(tier.minQuantity) || tier.minQuantity < 2) {
      issues.push({
        path: `${path}/${index}/minQuantity`,
        code: 'tier_min_quantity',
        message: 'minQuantity must be an integer of at least 2 (below it the base price applies)',
      });
    }
    if (!isMinor(tier.unitPriceMinor)) {
      issues.push({
        path: `${path}/${index}/unitPriceMinor`,
        code: 'invalid_amount',
        message: 'unitPriceMinor must be a non-negative integer amount in minor units',
      });
    }
    const previous = entry.volumeTiers[index - 1];
    if (previous && tier.minQuantity <= previous.minQuantity) {
      issues.push({
        path: `${path}/${index}/minQuantity`,
        code: 'tiers_not_ascending',
        message: 'volume tiers must be in strictly ascending order of minQuantity',
      });
    }
  });
  return issues;
}
