import type { FieldIssue } from '../errors.js';
import type { ProductCustomisation, ProductType } from '../opportunities/opportunity.js';

/**
 * A product of the catalogue: what a quote line can point at. `code` is the tenant's own SKU
 * (unique per tenant, compared exactly); products that a price book or a quote references are
 * archived (`active: false`) rather than deleted, so old quotes keep their meaning.
 */
export interface Product {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly series: string | null;
  readonly productType: ProductType;
  readonly customisation: ProductCustomisation;
  readonly unit: string | null;
  readonly description: string | null;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** Letters, digits and - _ . / — what SKUs look like, and safe in CSV, URLs and CLI args. */
export const PRODUCT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export function productIssues(product: Pick<Product, 'code' | 'name'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!PRODUCT_CODE_PATTERN.test(product.code)) {
    issues.push({
      path: 'code',
      code: 'invalid_product_code',
      message: 'code is 1–64 letters, digits or . _ / - and starts with a letter or digit',
    });
  }
  if (product.name.trim() === '') {
    issues.push({ path: 'name', code: 'required', message: 'name must not be blank' });
  }
  return issues;
}
