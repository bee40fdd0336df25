import { DomainError, type FieldIssue } from '../errors.js';
import { MAX_AMOUNT_MINOR } from '../money.js';
import { allocateLargestRemainder } from './allocation.js';

/** 100% in basis points: discounts and tax rates are integers 0…10 000. */
export const FULL_BP = 10_000;

/** What the arithmetic needs of a line; names, products and positions live elsewhere. */
export interface QuoteLineFigures {
  readonly quantity: number;
  /** The price actually charged per unit (after any volume tier), minor units. */
  readonly unitPriceMinor: number;
  readonly discountBp: number;
  readonly taxRateBp: number;
}

export interface PricedQuoteLine {
  /** quantity × unit price. */
  readonly grossMinor: number;
  /** round-half-up(gross × discount_bp / 10 000). */
  readonly lineDiscountMinor: number;
  /** This line's share of the overall discount (largest remainder). */
  readonly allocatedDiscountMinor: number;
  /** lineDiscount + allocated overall discount. */
  readonly discountMinor: number;
  /** gross − discount. */
  readonly netMinor: number;
  /** round-half-up(net × tax_rate_bp / 10 000), per line. */
  readonly taxMinor: number;
  /** net + tax. */
  readonly totalMinor: number;
}

export interface QuoteTotals {
  /** Σ gross. */
  readonly subtotalMinor: number;
  readonly lineDiscountMinor: number;
  readonly overallDiscountMinor: number;
  /** Σ net (what the customer pays before tax). */
  readonly netMinor: number;
  readonly taxMinor: number;
  /** Σ (net + tax). */
  readonly totalMinor: number;
}

export interface PricedQuote {
  readonly lines: PricedQuoteLine[];
  readonly totals: QuoteTotals;
}

/**
 * Prices a quote (ADR 0025): per line gross, its own discount rounded half up; the overall
 * discount is taken off Σ of the line nets (rounded half up once) and allocated back to the
 * lines by largest remainder so it sums exactly; tax is then computed per line on the line's
 * final net (rounded half up per line, as on a Chinese VAT invoice). Totals are sums of lines,
 * so a printed quote always adds up. Refuses any figure beyond MAX_AMOUNT_MINOR.
 */
export function priceQuote(
  lines: readonly QuoteLineFigures[],
  overallDiscountBp: number,
): PricedQuote {
  const issues: FieldIssue[] = [];
  checkBp(overallDiscountBp, 'overallDiscountBp', issues);
  lines.forEach((line, index) => checkLine(line, index, issues));
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);

  const first = lines.map((line) => {
    const gross = BigInt(line.quantity) * BigInt(line.unitPriceMinor);
    const lineDiscount = roundHalfUpBp(gross, line.discountBp);
    return { gross, lineDiscount, net: gross - lineDiscount };
  });
  first.forEach((line, index) => {
    if (line.gross > BigInt(MAX_AMOUNT_MINOR)) issues.push(tooLarge(`lines/${index}`));
  });
  const netBeforeOverall = first.reduce((acc, line) => acc + line.net, 0n);
  if (netBeforeOverall > BigInt(MAX_AMOUNT_MINOR)) issues.push(tooLarge('lines'));
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);

  const overall = Number(roundHalfUpBp(netBeforeOverall, overallDiscountBp));
  const allocated = allocateLargestRemainder(
    overall,
    first.map((line) => Number(line.net)),
    lines.map((line) => line.taxRateBp),
  );
  const priced = first.map((line, index): PricedQuoteLine => {
    const share = allocated[index] ?? 0;
    const net = line.net - BigInt(share);
    const tax = roundHalfUpBp(net, lines[index]?.taxRateBp ?? 0);
    return {
      grossMinor: Number(line.gross),
      lineDiscountMinor: Number(line.lineDiscount),
      allocatedDiscountMinor: share,
      discountMinor: Number(line.lineDiscount) + share,
      netMinor: Number(net),
      taxMinor: Number(tax),
      totalMinor: Number(net + tax),
    };
  });
  const totals = sumLines(priced);
  if (totals.totalMinor > MAX_AMOUNT_MINOR) {
    throw new DomainError('validation_failed', {}, [tooLarge('lines')]);
  }
  return { lines: priced, totals };
}

function sumLines(lines: readonly PricedQuoteLine[]): QuoteTotals {
  const sum = (pick: (line: PricedQuoteLine) => number): number =>
    lines.reduce((acc, line) => acc + pick(line), 0);
  return {
    subtotalMinor: sum((line) => line.grossMinor),
    lineDiscountMinor: sum((line) => line.lineDiscountMinor),
    overallDiscountMinor: sum((line) => line.allocatedDiscountMinor),
    netMinor: sum((line) => line.netMinor),
    taxMinor: sum((line) => line.taxMinor),
    totalMinor: sum((line) => line.totalMinor),
  };
}

/**
 * The quote's effective discount against its gross, in basis points rounded down (the
 * figure the tenant's discount threshold is compared with). No gross, no discount.
 */
export function effectiveDiscountBp(totals: QuoteTotals): number {
  if (totals.subtotalMinor <= 0) return 0;
  const discount = BigInt(totals.lineDiscountMinor + totals.overallDiscountMinor);
  return Number((discount * BigInt(FULL_BP)) / BigInt(totals.subtotalMinor));
}

/** round-half-up(amount × bp / 10 000) for a non-negative amount. */
export function roundHalfUpBp(amount: bigint, bp: number): bigint {
  return (amount * BigInt(bp) + BigInt(FULL_BP / 2)) / BigInt(FULL_BP);
}

function checkLine(line: QuoteLineFigures, index: number, issues: FieldIssue[]): void {
  const at = `lines/${index}`;
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    issues.push({ path: `${at}/quantity`, code: 'invalid', message: 'quantity must be ≥ 1' });
  }
  if (
    !Number.isSafeInteger(line.unitPriceMinor) ||
    line.unitPriceMinor < 0 ||
    line.unitPriceMinor > MAX_AMOUNT_MINOR
  ) {
    issues.push({
      path: `${at}/unitPriceMinor`,
      code: 'invalid',
      message: `unit price must be an integer 0…${MAX_AMOUNT_MINOR}`,
    });
  }
  checkBp(line.discountBp, `${at}/discountBp`, issues);
  checkBp(line.taxRateBp, `${at}/taxRateBp`, issues);
}

function checkBp(value: number, path: string, issues: FieldIssue[]): void {
  if (!Number.isInteger(value) || value < 0 || value > FULL_BP) {
    issues.push({ path, code: 'invalid', message: 'basis points must be an integer 0…10000' });
  }
}

function tooLarge(path: string): FieldIssue {
  return { path, code: 'amount_too_large', message: 'amount is too large' };
}
