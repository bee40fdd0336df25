import { z } from 'zod';
import type { Summary } from '../../domain/analytics/percentiles.js';
import type { ReceivablesScope } from '../../store/analytics/receivables-scope.js';
import { ReportPeriod } from './report-schemas.js';
import type { ReportScope } from './report-scope.js';

/**
 * What the receivables reports (aging, collections, dso, lead-to-cash) share: unlike deal
 * reports they span every pipeline and currency unless the filters name one, and keep each
 * currency apart (docs/l2c/reports.md).
 */
export function receivablesScope(scope: ReportScope): ReceivablesScope {
  return {
    tenantId: scope.tenantId,
    currency: scope.filter?.currency ?? null,
    pipelineId: scope.filter?.pipelineId ?? null,
    ownerIds: scope.ownerIds,
    visibility: scope.visibility,
  };
}

export const ReceivablesHeader = {
  pipelineId: z.string().nullable().describe('The pipeline asked for; null: every pipeline'),
  currency: z
    .string()
    .nullable()
    .describe('The currency asked for; null: every currency, each reported apart'),
  period: ReportPeriod,
};

export function receivablesHeader(scope: ReportScope) {
  return {
    pipelineId: scope.filter?.pipelineId ?? null,
    currency: scope.filter?.currency ?? null,
    period: { from: scope.period.from, to: scope.period.to },
  };
}

/** A summary of whole-day values (mean with one decimal). */
export const DaysSummary = z
  .object({
    n: z.number().int(),
    totalDays: z.number().int(),
    meanDays: z.number().nullable().describe('One decimal; null when n = 0'),
    medianDays: z.number().int().nullable().describe('Nearest rank'),
    p75Days: z.number().int().nullable().describe('Nearest rank'),
    p90Days: z.number().int().nullable().describe('Nearest rank'),
  })
  .meta({ id: 'DaysSummary' });

export function daysSummary(summary: Summary): z.output<typeof DaysSummary> {
  return {
    n: summary.n,
    totalDays: summary.total,
    meanDays: summary.mean,
    medianDays: summary.median,
    p75Days: summary.p75,
    p90Days: summary.p90,
  };
}
