import { activeAllocations, byKey, inRange, ratio, receivableInstallments } from './receivables.js';
import type { DateRange, ReceivablesFacts } from './receivables.js';

/**
 * Collected vs planned per period and per rep (the contract's owner):
 * - planned: Σ amounts of the installments due in the period (contract not terminated);
 * - collected: Σ active allocations (not reversed, receipt not voided) whose receipt was
 *   received in the period, to installments of such contracts;
 * - rate: collected / planned, 4 decimals; null when nothing was planned.
 * Periods are buckets of local dates (due dates and receipt dates are already the tenant's
 * calendar dates). Per currency, never added together.
 */
export interface CollectionFigures {
  readonly plannedMinor: number;
  readonly collectedMinor: number;
  readonly rate: number | null;
}

export interface CollectionsCurrency extends CollectionFigures {
  readonly currency: string;
  /** Every bucket asked for, in order, each with its reps (by owner id; only reps with figures). */
  readonly periods: readonly (DateRange &
    CollectionFigures & {
      readonly reps: readonly ({ readonly ownerId: string } & CollectionFigures)[];
    })[];
  /** The whole range per rep, by owner id. */
  readonly reps: readonly ({ readonly ownerId: string } & CollectionFigures)[];
}

export const collectionRate = (collected: number, planned: number): number | null =>
  ratio(collected, planned, 4);

/** planned/collected sums → figures with their rate. */
export function figures(planned: number, collected: number): CollectionFigures {
  return {
    plannedMinor: planned,
    collectedMinor: collected,
    rate: collectionRate(collected, planned),
  };
}

/** One (currency, bucket index, owner) cell of planned and collected sums. */
export interface CollectionCell {
  readonly currency: string;
  readonly bucket: number;
  readonly ownerId: string;
  readonly plannedMinor: number;
  readonly collectedMinor: number;
}

/** Shapes cells (from the reference or from SQL) into the report's per-currency figures. */
export function collectionsFromCells(
  cells: readonly CollectionCell[],
  buckets: readonly DateRange[],
): CollectionsCurrency[] {
  const currencies = byKey(new Set(cells.map((cell) => cell.currency)), (c) => c);
  return currencies.map((currency) => {
    const mine = cells.filter((cell) => cell.currency === currency);
    const sum = (list: readonly CollectionCell[]) =>
      figures(
        list.reduce((total, cell) => total + cell.plannedMinor, 0),
        list.reduce((total, cell) => total + cell.collectedMinor, 0),
      );
    const perRep = (list: readonly CollectionCell[]) =>
      byKey(new Set(list.map((cell) => cell.ownerId)), (id) => id).map((ownerId) => ({
        ownerId,
        ...sum(list.filter((cell) => cell.ownerId === ownerId)),
      }));
    return {
      currency,
      ...sum(mine),
      periods: buckets.map((bucket, index) => {
        const inBucket = mine.filter((cell) => cell.bucket === index);
        return { from: bucket.from, to: bucket.to, ...sum(inBucket), reps: perRep(inBucket) };
      }),
      reps: perRep(mine),
    };
  });
}

/** The reference: cells straight from the facts. */
export function collectionCells(
  facts: ReceivablesFacts,
  buckets: readonly DateRange[],
): CollectionCell[] {
  const cells = new Map<string, CollectionCell>();
  const add = (
    currency: string,
    bucket: number,
    ownerId: string,
    planned: number,
    collected: number,
  ) => {
    const key = `${currency}|${bucket}|${ownerId}`;
    const cell = cells.get(key) ?? {
      currency,
      bucket,
      ownerId,
      plannedMinor: 0,
      collectedMinor: 0,
    };
    cells.set(key, {
      ...cell,
      plannedMinor: cell.plannedMinor + planned,
      collectedMinor: cell.collectedMinor + collected,
    });
  };
  const bucketOf = (date: string) => buckets.findIndex((bucket) => inRange(date, bucket));
  const receivable = new Map(
    receivableInstallments(facts).map((pair) => [pair.installment.id, pair]),
  );
  for (const { installment, contract } of receivable.values()) {
    const bucket = bucketOf(installment.dueDate);
    if (bucket >= 0) add(contract.currency, bucket, contract.ownerId, installment.amountMinor, 0);
  }
  for (const { allocation, receivedOn } of activeAllocations(facts)) {
    const pair = receivable.get(allocation.installmentId);
    const bucket = bucketOf(receivedOn);
    if (pair && bucket >= 0)
      add(pair.contract.currency, bucket, pair.contract.ownerId, 0, allocation.amountMinor);
  }
  return [...cells.values()];
}

export function collectionsOf(
  facts: ReceivablesFacts,
  buckets: readonly DateRange[],
): CollectionsCurrency[] {
  return collectionsFromCells(collectionCells(facts, buckets), buckets);
}
