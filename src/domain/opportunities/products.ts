import { DomainError } from '../errors.js';
import { MAX_AMOUNT_MINOR } from '../money.js';
import type { OpportunityProduct, ProductCustomisation, ProductType } from './opportunity.js';

export interface ProductLineInput {
  readonly name: string;
  readonly productType: ProductType;
  readonly customisation?: ProductCustomisation;
  readonly quantity: number;
  readonly unitPriceMinor: number;
}

/** Prices each line (quantity × unit price, in minor units) and refuses overflowing totals. */
export function priceProductLines(
  lines: readonly ProductLineInput[],
  newId: () => string,
): { products: OpportunityProduct[]; totalMinor: number } {
  let totalMinor = 0;
  const products = lines.map((line, index) => {
    const amountMinor = line.quantity * line.unitPriceMinor;
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
      amountMinor,
    };
  });
  return { products, totalMinor };
}
