import type { components } from '../../api/schema';
import { toMajor, toMinor } from '../../i18n/format';

export type Quote = components['schemas']['Quote'];

/** A line as edited: prices in major units and percentages, as the user types them. */
export interface EditedLine {
  /** A catalogue product (priced by the book on the server), or undefined for a free line. */
  productId?: string;
  name: string;
  productType: 'lighthouse' | 'cornerstone';
  quantity: number | null;
  /** Free lines only. */
  unitPrice: number | null;
  discountPercent: number | null;
  taxPercent: number | null;
}

/** 12.5 % → 1250 basis points (percent inputs allow two decimals). */
export const toBp = (percent: number | null | undefined): number =>
  Math.round((percent ?? 0) * 100);

/** A line in the API's terms; null while it is incomplete (no preview for it yet). */
export function lineInput(line: EditedLine, currency: string) {
  if (typeof line.quantity !== 'number' || line.quantity < 1) return null;
  const terms = { discountBp: toBp(line.discountPercent), taxRateBp: toBp(line.taxPercent) };
  if (line.productId)
    return {
      productId: line.productId,
      quantity: line.quantity,
      ...(line.name.trim() ? { name: line.name.trim() } : {}),
      ...terms,
    };
  if (typeof line.unitPrice !== 'number' || line.name.trim() === '') return null;
  return {
    name: line.name.trim(),
    productType: line.productType,
    quantity: line.quantity,
    unitPriceMinor: toMinor(line.unitPrice, currency),
    ...terms,
  };
}

export function editedLines(quote: Quote): EditedLine[] {
  return quote.lines.map((line) => ({
    ...(line.productId ? { productId: line.productId } : {}),
    name: line.name,
    productType: line.productType,
    quantity: line.quantity,
    unitPrice: toMajor(line.unitPriceMinor, quote.currency),
    discountPercent: line.discountBp / 100,
    taxPercent: line.taxRateBp / 100,
  }));
}
