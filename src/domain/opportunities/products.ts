import { DomainError } from '../errors.js';
import { MAX_AMOUNT_MINOR } from '../money.js';
import type { OpportunityProduct, ProductCustomisation, ProductType } from './opportunity.js';

export interface ProductLineInput {
  readonly name: string;
  readonly productType: ProductType;
  readonly customisation?: ProductCustomisation;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  /** Off the list price, in percent with at most two decimals (0 when absent). */
  readonly discountPercent?: number;
}

/**
 * Prices each line (quantity × unit price less its discount, rounded to the minor unit) and
 * refuses overflowing totals.
 */
export function priceProductLines(
  lines: readonly ProductLineInput[],
  newId: () => string,
): { products: OpportunityProduct[]; totalMinor: number } {
  let totalMinor = 0;
  const products = lines.map((line, index) => {
    const gross = line.quantity * line.unitPriceMinor;
    const discountPercent = line.discountPercent ?? 0;
    const amountMinor = Number.isSafeInteger(gross)
      ? gross - lineDiscountMinor(gross, discountPercent)
      : gross;
    totalMinor += amountMinor;
    if (!Number.isSafeInteger(amountMinor) || Math.abs(totalMinor) > MAX_AMOUNT_MINOR) {
      throw new DomainError('validation_failed', {}, [
        {
          path: `products/${index}`,
          code: 'amount_too_large',
          message: 'line amount is too large',
        },
      ]);
    }
    return {
      id: newId(),
      name: line.name,
      productType: line.productType,
      customisation: line.customisation ?? 'standard',
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      discountPercent,
      amountMinor,
    };
  });
  return { products, totalMinor };
}

/** A discount in minor units, exact for any safe gross (basis points in big integers). */
function lineDiscountMinor(gross: number, discountPercent: number): number {
  const basisPoints = BigInt(Math.round(discountPercent * 100));
  return Number((BigInt(gross) * basisPoints + 5_000n) / 10_000n);
}
