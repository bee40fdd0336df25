/** What a line carries for the discount check: its list value and what it is sold for. */
export interface DiscountedLine {
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly amountMinor: number;
}

/**
 * How deep a deal's discount goes, in basis points (1% = 100, rounded down): the deeper of
 * its deepest line (a price floor is per product) and the whole deal (lines sold below list
 * plus any negative discount lines, against the list value of the rest). No list value,
 * no discount.
 */
export function discountBasisPoints(lines: readonly DiscountedLine[]): number {
  let gross = 0;
  let discount = 0;
  let deepest = 0;
  for (const line of lines) {
    if (line.amountMinor < 0) {
      discount -= line.amountMinor;
      continue;
    }
    const list = line.quantity * line.unitPriceMinor;
    gross += list;
    discount += list - line.amountMinor;
    if (list > 0) deepest = Math.max(deepest, basisPoints(list - line.amountMinor, list));
  }
  if (gross <= 0) return deepest;
  return Math.max(deepest, basisPoints(discount, gross));
}

function basisPoints(part: number, whole: number): number {
  return Number((BigInt(Math.max(0, part)) * 10_000n) / BigInt(whole));
}

/** Whether a discount needs sign-off under a threshold in percent (null: never). */
export function discountNeedsApproval(
  basisPoints: number,
  thresholdPercent: number | null,
): boolean {
  return thresholdPercent !== null && basisPoints > Math.round(thresholdPercent * 100);
}
