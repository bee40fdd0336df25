import type { Kysely } from 'kysely';
import type { FunnelStage, RecordFacts, StageVisit } from '../domain/experiments/report.js';
import type { Experiment } from '../domain/experiments/experiment.js';
import type { Database } from './schema.js';

/** A funnel stage with its names, for the report's rows. */
export type NamedStage = FunnelStage & { readonly nameEn: string; readonly nameZh: string };

/**
 * What the experiment report reads: each assigned record's outcome and (for deals) its stage
 * visits, plus the stages of the pipelines they are in. The statistics are computed from
 * these in `domain/experiments/report.ts`; records since deleted still count (they were
 * part of the experiment), which is why the joins are outer.
 */
export async function reportFacts(
  db: Kysely<Database>,
  experiment: Pick<Experiment, 'tenantId' | 'id' | 'population'>,
): Promise<{ records: RecordFacts[]; funnel: NamedStage[] }> {
  const { tenantId } = experiment;
  if (experiment.population === 'leads') {
    const rows = await db
      .selectFrom('experiment_assignments as a')
      .innerJoin('leads as l', (join) =>
        join.onRef('l.id', '=', 'a.record_id').onRef('l.tenant_id', '=', 'a.tenant_id'),
      )
      .leftJoin('lead_conversions as c', (join) =>
        join.onRef('c.lead_id', '=', 'l.id').onRef('c.tenant_id', '=', 'l.tenant_id'),
      )
      .select(['a.variant_key', 'l.status', 'l.created_at', 'c.converted_at'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.experiment_id', '=', experiment.id)
      .execute();
    return {
      records: rows.map((row) => ({
        variantKey: row.variant_key,
        won: row.status === 'converted',
        closedAt: row.status === 'converted' ? row.converted_at : null,
        createdAt: row.created_at,
        visits: [],
      })),
      funnel: [],
    };
  }
  const deals = await db
    .selectFrom('experiment_assignments as a')
    .innerJoin('opportunities as o', (join) =>
      join.onRef('o.id', '=', 'a.record_id').onRef('o.tenant_id', '=', 'a.tenant_id'),
    )
    .select(['o.id', 'a.variant_key', 'o.status', 'o.created_at', 'o.closed_at', 'o.pipeline_id'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.experiment_id', '=', experiment.id)
    .execute();
  const visits = await db
    .selectFrom('experiment_assignments as a')
    .innerJoin('stage_history as h', (join) =>
      join.onRef('h.opportunity_id', '=', 'a.record_id').onRef('h.tenant_id', '=', 'a.tenant_id'),
    )
    .select(['h.opportunity_id', 'h.stage_id', 'h.entered_at', 'h.left_at'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.experiment_id', '=', experiment.id)
    .orderBy('h.entered_at')
    .orderBy('h.id')
    .execute();
  const byDeal = new Map<string, StageVisit[]>();
  for (const visit of visits) {
    const list = byDeal.get(visit.opportunity_id) ?? [];
    list.push({ stageId: visit.stage_id, enteredAt: visit.entered_at, leftAt: visit.left_at });
    byDeal.set(visit.opportunity_id, list);
  }
  const pipelineIds = [...new Set(deals.map((deal) => deal.pipeline_id))];
  const stages =
    pipelineIds.length === 0
      ? []
      : await db
          .selectFrom('stages')
          .select(['id', 'pipeline_id', 'position', 'kind', 'name_en', 'name_zh'])
          .where('tenant_id', '=', tenantId)
          .where('pipeline_id', 'in', pipelineIds)
          .execute();
  return {
    records: deals.map((deal) => ({
      variantKey: deal.variant_key,
      won: deal.status === 'won',
      closedAt: deal.closed_at,
      createdAt: deal.created_at,
      visits: byDeal.get(deal.id) ?? [],
    })),
    funnel: stages.map((stage) => ({
      id: stage.id,
      pipelineId: stage.pipeline_id,
      position: stage.position,
      kind: stage.kind,
      nameEn: stage.name_en,
      nameZh: stage.name_zh,
    })),
  };
}
