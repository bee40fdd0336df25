/**
 * A product line's amount as the server prices it (src/domain/opportunities/products.ts):
 * quantity × unit price less the discount, the discount rounded half up to the minor unit,
 * in big integers so it is exact for any safe amount. The server stays the authority: the
 * editor previews with this, and shows the server's amounts once saved.
 */
export function lineAmountMinor(line: {
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly discountPercent: number;
}): number {
  const gross = BigInt(line.quantity) * BigInt(line.unitPriceMinor);
  const basisPoints = BigInt(Math.round(line.discountPercent * 100));
  return Number(gross - (gross * basisPoints + 5_000n) / 10_000n);
}

/** The lines' total in minor units (the deal amount the server will set). */
export function linesTotalMinor(
  lines: readonly {
    readonly quantity: number;
    readonly unitPriceMinor: number;
    readonly discountPercent: number;
  }[],
): number {
  return lines.reduce((sum, line) => sum + lineAmountMinor(line), 0);
}
