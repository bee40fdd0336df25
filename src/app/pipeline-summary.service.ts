import { weightedMinor } from '../domain/board/board.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Pipeline } from '../domain/pipeline/pipeline.js';
import { summariseByStage } from '../store/opportunities.repo.js';
import type { StageSummaryRow } from '../store/opportunities.repo.js';
import { authorize, visibilityOf } from './access.js';
import type { AppContext } from './context.js';
import { getPipeline } from './pipelines.service.js';
import { dbFor } from './transaction.js';

export interface StageSummary {
  readonly stageId: string;
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: Pipeline['stages'][number]['kind'];
  readonly probability: number;
  readonly count: number;
  /** Amounts are never added across currencies: one total per currency present. */
  readonly amounts: { currency: string; amountMinor: number; weightedMinor: number }[];
}

export interface PipelineSummary {
  readonly pipelineId: string;
  readonly stages: StageSummary[];
}

/** Opportunities per stage with amount and probability-weighted amount: the board's header. */
export async function summarisePipeline(
  ctx: AppContext,
  principal: Principal,
  pipelineId: string,
): Promise<PipelineSummary> {
  const pipeline = await getPipeline(ctx, principal, pipelineId);
  authorize(principal, 'opportunities.read');
  const db = dbFor(ctx);
  const rows = await summariseByStage(
    db,
    principal.tenantId,
    pipeline.id,
    await visibilityOf(db, principal),
  );
  return { pipelineId: pipeline.id, stages: stageSummaries(pipeline.stages, rows) };
}

/** Every stage in order with its deals' count and per-currency (weighted) totals. */
export function stageSummaries(
  stages: Pipeline['stages'],
  rows: readonly StageSummaryRow[],
): StageSummary[] {
  return stages.map((stage) => {
    const mine = rows.filter((row) => row.stageId === stage.id);
    return {
      stageId: stage.id,
      key: stage.key,
      nameZh: stage.nameZh,
      nameEn: stage.nameEn,
      kind: stage.kind,
      probability: stage.probability,
      count: mine.reduce((sum, row) => sum + row.count, 0),
      amounts: mine.map((row) => ({
        currency: row.currency,
        amountMinor: row.amountMinor,
        weightedMinor: weightedMinor(row.amountMinor, stage.probability),
      })),
    };
  });
}
