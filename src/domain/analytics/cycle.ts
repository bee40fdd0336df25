import type { InstantRange } from './conversion.js';
import type { DealHistory } from './facts.js';
import { secondsFromTo, summarize } from './percentiles.js';
import type { Summary } from './percentiles.js';

/**
 * The sales cycle: seconds from a deal's creation to its close, for the deals won in the
 * period and, separately, those lost in it (a lost deal's cycle says how long it took to
 * lose; mixing the two would hide both). Deals are taken by close instant, so a period's
 * figures are final once it is over.
 */
export interface CycleFigures {
  readonly won: Summary;
  readonly lost: Summary;
}

export function cycleOf(history: DealHistory, range: InstantRange): CycleFigures {
  const cycles = (status: 'won' | 'lost') =>
    summarize(
      history.deals.flatMap((deal) =>
        deal.status === status &&
        deal.closedAt !== null &&
        deal.closedAt >= range.start &&
        deal.closedAt < range.end
          ? [secondsFromTo(deal.createdAt, deal.closedAt)]
          : [],
      ),
    );
  return { won: cycles('won'), lost: cycles('lost') };
}
