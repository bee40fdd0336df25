import type { Money } from '../money.js';

/**
 * What the deal-change history (`deal_changes`) remembers about an edit: every change of a
 * deal's amount or expected close date, one record per field, so analytics can tell what a
 * deal was worth, and when it was due to close, at any past instant (the waterfall, slippage,
 * the funnel as of a date). Creating a deal is not a change: its first values are in the
 * deal and in its first stage-history interval.
 */
export interface DealChangeRecord {
  readonly opportunityId: string;
  readonly field: 'amount' | 'close_date';
  readonly fromAmountMinor: number | null;
  readonly toAmountMinor: number | null;
  readonly fromDate: string | null;
  readonly toDate: string | null;
  /** The deal's currency after the change (amounts are in it). */
  readonly currency: string;
  readonly changedAt: string;
  readonly changedBy: string | null;
}

/** The parts of a deal the history follows. */
export interface DealTerms {
  readonly id: string;
  readonly amount: Money;
  readonly expectedCloseDate: string | null;
}

/**
 * The change records an edit from `before` to `after` produces: none for an edit that
 * leaves amount and close date as they were (a no-op PATCH, a rename). A currency change
 * with the same minor amount is an amount change too, recorded in the new currency: the
 * history must let a report find the amount a deal had in the currency it had then.
 */
export function dealChangesBetween(
  before: DealTerms,
  after: DealTerms,
  meta: { readonly at: string; readonly by: string | null },
): DealChangeRecord[] {
  const records: DealChangeRecord[] = [];
  const common = {
    opportunityId: after.id,
    currency: after.amount.currency,
    changedAt: meta.at,
    changedBy: meta.by,
  };
  if (
    before.amount.amountMinor !== after.amount.amountMinor ||
    before.amount.currency !== after.amount.currency
  )
    records.push({
      ...common,
      field: 'amount',
      fromAmountMinor: before.amount.amountMinor,
      toAmountMinor: after.amount.amountMinor,
      fromDate: null,
      toDate: null,
    });
  if (before.expectedCloseDate !== after.expectedCloseDate)
    records.push({
      ...common,
      field: 'close_date',
      fromAmountMinor: null,
      toAmountMinor: null,
      fromDate: before.expectedCloseDate,
      toDate: after.expectedCloseDate,
    });
  return records;
}
