import { z } from 'zod';
import type { Pipeline, Stage } from '../../domain/pipeline/pipeline.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import type { ReportScope } from './report-scope.js';

/** Pieces every report's result shares, so the API and the dashboards read them alike. */
export const ReportPeriod = z
  .object({
    from: z.string().describe('First local date of the period (tenant time zone), inclusive'),
    to: z.string().describe('Last local date, inclusive'),
  })
  .meta({ id: 'ReportPeriod' });

export const ReportHeader = {
  pipelineId: z.string(),
  currency: z.string().describe('Every amount in the report is in this currency, minor units'),
  period: ReportPeriod,
};

export function reportHeader(scope: ReportScope) {
  return {
    pipelineId: scope.pipelineId,
    currency: scope.currency,
    period: { from: scope.period.from, to: scope.period.to },
  };
}

export const StageRef = z
  .object({
    stageId: z.string(),
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    position: z.number().int(),
    kind: z.enum(['open', 'won', 'lost']),
    probability: z.number().int().describe('The stage’s win probability, percent'),
  })
  .meta({ id: 'ReportStage' });

export function stageRef(stage: Stage): z.output<typeof StageRef> {
  return {
    stageId: stage.id,
    key: stage.key,
    nameZh: stage.nameZh,
    nameEn: stage.nameEn,
    position: stage.position,
    kind: stage.kind,
    probability: stage.probability,
  };
}

/**
 * Rows keyed by stage id with the stage itself in place of the id, in the rows' order; a
 * row of a stage the pipeline no longer has is dropped.
 */
export function withStages<T extends { readonly stageId: string }>(
  pipeline: Pipeline,
  rows: readonly T[],
): (Omit<T, 'stageId'> & { stage: z.output<typeof StageRef> })[] {
  const stages = new Map(pipeline.stages.map((stage) => [stage.id, stage]));
  return rows.flatMap(({ stageId, ...rest }) => {
    const stage = stages.get(stageId);
    return stage ? [{ stage: stageRef(stage), ...rest }] : [];
  });
}

export function stageName(stage: { nameZh: string; nameEn: string }, locale: Locale): string {
  return locale === 'zh-CN' ? stage.nameZh : stage.nameEn;
}

/** Minor units as a decimal text for tables (2 decimals; amounts stay integers in JSON). */
export function money(amountMinor: number): string {
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A share (0–1) as a percentage with one decimal for tables; null when undefined. */
export function percent(share: number | null): string | null {
  return share === null ? null : `${(share * 100).toFixed(1)}%`;
}

/** Picks the header text in the reader's language. */
export function headers(locale: Locale, pairs: readonly (readonly [string, string])[]): string[] {
  return pairs.map(([en, zh]) => (locale === 'zh-CN' ? zh : en));
}

/** Optional local date option (`asOf`), validated like the period's dates. */
export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date (YYYY-MM-DD)');
