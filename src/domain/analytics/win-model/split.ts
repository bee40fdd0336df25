/**
 * The held-out split: a deal is held out for evaluation by a hash of its id, not by chance,
 * so every retrain holds out the same old deals (metrics from one day to the next compare
 * like with like) and the split needs no state. FNV-1a over the UTF-16 code units.
 */
export const HELD_OUT_PERCENT = 20;

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function isHeldOut(dealId: string, percent: number = HELD_OUT_PERCENT): boolean {
  return fnv1a(dealId) % 100 < percent;
}
