import { z } from 'zod';
import { ReportHeader, StageRef } from './report-schemas.js';

/** The forecast report's JSON (see forecast.report.ts for the definitions). */
const Int = z.number().int();

export const CategoryTotals = z
  .object({
    commitMinor: Int.describe('Open deals called commit'),
    bestCaseMinor: Int.describe('Commit + best case (Salesforce’s roll-up)'),
    pipelineMinor: Int.describe('Every open deal not omitted'),
    omittedMinor: Int.describe('Open deals called omitted: in no figure'),
  })
  .meta({ id: 'ForecastCategoryTotals' });

const Historical = z.object({
  weightedMinor: Int.describe('Amount × P(won | stage)'),
  sampleSize: Int.describe('Closed deals (every owner) that ever visited the stage'),
  won: Int.describe('Of them, won'),
  rate: z.number().nullable().describe('won ÷ sampleSize; null when no sample'),
  fallback: z
    .boolean()
    .describe('Sample below minSample: the stage probability was used instead of the rate'),
});

const Learned = z.object({
  weightedMinor: Int.describe('Σ amount × learned probability of the scored deals'),
  scoredCount: Int,
  unscoredCount: Int.describe('Deals with no stored prediction: in no learned figure'),
  unscoredAmountMinor: Int,
});

const Closed = z.object({ count: Int, amountMinor: Int }).describe('Deals won in the period');

const Override = z
  .object({
    id: z.string(),
    subjectType: z.enum(['user', 'team']),
    subjectId: z.string(),
    subjectName: z.string().nullable(),
    category: z.enum(['commit', 'best_case', 'pipeline']),
    amountMinor: Int.describe('The manager’s call'),
    repMinor: Int.describe(
      'What the reps’ categories give for the same subject and category (rolled up), within this report’s filter and visibility',
    ),
    note: z.string().nullable(),
    setBy: z.string().nullable(),
    setAt: z.string(),
  })
  .meta({ id: 'ForecastOverrideLine' });

const PastPeriod = z
  .object({
    from: z.string(),
    to: z.string(),
    complete: z.boolean().describe('false while the period has not ended: actual is partial'),
    openCount: Int.describe('Open deals at the period start expected to close in it (then)'),
    openAmountMinor: Int,
    stageWeightedMinor: Int.describe('(a) at the period start'),
    categories: CategoryTotals.describe('(b) by the stages’ categories at the period start'),
    historicalMinor: Int.describe('(c) with P(won | stage) as known at the period start'),
    actual: Closed.describe('Won in the period'),
  })
  .meta({ id: 'ForecastPastPeriod' });

export const ForecastResult = z
  .object({
    ...ReportHeader,
    minSample: Int,
    stages: z.array(
      z.object({
        stage: StageRef,
        count: Int.describe('Open deals in the stage expected to close in the period'),
        amountMinor: Int,
        stageWeightedMinor: Int.describe('(a) amount × stage probability'),
        categories: CategoryTotals.describe('(b) rep forecast categories'),
        historical: Historical.describe('(c) historical conversion'),
        learned: Learned.describe('(d) learned win probability'),
      }),
    ),
    closed: Closed,
    totals: z.object({
      count: Int,
      amountMinor: Int,
      stageWeighted: z.object({ openMinor: Int, totalMinor: Int.describe('open + closed') }),
      categories: CategoryTotals.extend({ closedMinor: Int }),
      historical: z.object({
        openMinor: Int,
        totalMinor: Int,
        fallbackStageIds: z
          .array(z.string())
          .describe('Stages where the stage probability was used'),
      }),
      learned: Learned.omit({ weightedMinor: true }).extend({ openMinor: Int, totalMinor: Int }),
    }),
    overrides: z
      .array(Override)
      .describe('Managers’ calls for this period: the latest per subject and category'),
    history: z.object({
      periods: z.array(PastPeriod).describe('Most recent first'),
      learned: z
        .null()
        .describe('Always null: predictions are not kept as history, so (d) cannot be replayed'),
    }),
  })
  .meta({ id: 'ForecastReport' });

export type ForecastJson = z.output<typeof ForecastResult>;
