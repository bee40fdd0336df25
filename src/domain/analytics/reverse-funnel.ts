/**
 * The reverse funnel: from a revenue target back to how many deals each open stage needs
 * now. With the average won deal size A (won amount ÷ won count over a look-back) and each
 * open stage's stage→next conversion r (advanced ÷ cohort, the cohort definitions of the
 * conversion report), a deal in stage S becomes won with probability Π r over S and every
 * stage after it, so S needs target ÷ A ÷ Π r deals, rounded up to whole deals. Computed
 * exactly on the integer counts (BigInt), so no float ever decides a rounding.
 * A stage whose path to won has a rate of zero is "unreachable" (no number of deals there
 * would do); a path with an empty cohort, or no won deals to size a deal by, is "no_data".
 */
export interface ReverseFunnelStageInput {
  readonly stageId: string;
  /** The stage's cohort in the look-back and how many of it advanced (stage→next). */
  readonly cohort: number;
  readonly advanced: number;
  /** Open deals standing in the stage now. */
  readonly openDeals: number;
  readonly openAmountMinor: number;
}

export interface ReverseFunnelInput {
  readonly targetMinor: number;
  /** Deals won in the look-back: their count and total amount. */
  readonly won: { readonly count: number; readonly amountMinor: number };
  /** Open stages in pipeline order. */
  readonly stages: readonly ReverseFunnelStageInput[];
}

export type ReverseFunnelStatus = 'ok' | 'unreachable' | 'no_data';

export interface ReverseFunnelStage extends ReverseFunnelStageInput {
  /** advanced ÷ cohort; null for an empty cohort. */
  readonly rate: number | null;
  /** Π of the rates from this stage to won; null when one of them is unknown. */
  readonly pathRate: number | null;
  readonly status: ReverseFunnelStatus;
  /** Deals the stage needs now; null unless status is ok. */
  readonly neededDeals: number | null;
  /** needed − open: deals missing (negative: more than enough); null unless ok. */
  readonly gap: number | null;
}

export interface ReverseFunnel {
  readonly targetMinor: number;
  /** Won amount ÷ won count, rounded; null with no won deals. */
  readonly averageWonMinor: number | null;
  /** Won deals the target takes at the average size (rounded up); null with no won deals. */
  readonly dealsToWin: number | null;
  readonly stages: readonly ReverseFunnelStage[];
}

/** ⌈a ÷ b⌉ for non-negative a and positive b. */
function ceilDiv(a: bigint, b: bigint): number {
  return Number((a + b - 1n) / b);
}

export function reverseFunnel(input: ReverseFunnelInput): ReverseFunnel {
  const { targetMinor, won } = input;
  const sized = won.count > 0 && won.amountMinor > 0;
  const target = BigInt(Math.max(0, targetMinor));
  const stages = input.stages.map((stage, index): ReverseFunnelStage => {
    const path = input.stages.slice(index);
    const rate = stage.cohort === 0 ? null : stage.advanced / stage.cohort;
    const unknown = path.some((s) => s.cohort === 0);
    const pathRate = unknown ? null : path.reduce((p, s) => (p * s.advanced) / s.cohort, 1);
    const status: ReverseFunnelStatus = path.some((s) => s.cohort > 0 && s.advanced === 0)
      ? 'unreachable'
      : unknown || !sized
        ? 'no_data'
        : 'ok';
    if (status !== 'ok') return { ...stage, rate, pathRate, status, neededDeals: null, gap: null };
    // target × count × Πcohort ÷ (amount × Πadvanced), rounded up.
    const numerator = path.reduce((p, s) => p * BigInt(s.cohort), target * BigInt(won.count));
    const denominator = path.reduce((p, s) => p * BigInt(s.advanced), BigInt(won.amountMinor));
    const neededDeals = ceilDiv(numerator, denominator);
    return { ...stage, rate, pathRate, status, neededDeals, gap: neededDeals - stage.openDeals };
  });
  return {
    targetMinor,
    averageWonMinor: sized ? Math.round(won.amountMinor / won.count) : null,
    dealsToWin: sized ? ceilDiv(target * BigInt(won.count), BigInt(won.amountMinor)) : null,
    stages,
  };
}

/** The local date `months` calendar months before `date` (day clamped to the month's end). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(
    Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)))
    .toISOString()
    .slice(0, 10);
}
