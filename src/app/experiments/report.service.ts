import { notFound } from '../../domain/errors.js';
import { buildReport } from '../../domain/experiments/report.js';
import type { ExperimentReport } from '../../domain/experiments/report.js';
import type {
  Experiment,
  Population,
  VariantContent,
} from '../../domain/experiments/experiment.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { reportFacts } from '../../store/experiment-facts.repo.js';
import {
  experimentsOfRecord,
  findExperiment,
  listAssignments,
} from '../../store/experiments.repo.js';
import type { Assignment } from '../../store/experiments.repo.js';
import type { Page } from '../../store/pagination.js';
import { assertVisible, authorize } from '../access.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { dbFor } from '../transaction.js';

/** Reading an experiment's results: its assignments and the report with its tests. */
async function load(ctx: AppContext, principal: Principal, id: string): Promise<Experiment> {
  authorize(principal, 'experiments.manage');
  const experiment = await findExperiment(dbFor(ctx), principal.tenantId, id);
  if (!experiment) throw notFound('experiment');
  return experiment;
}

export async function experimentAssignments(
  ctx: AppContext,
  principal: Principal,
  id: string,
  options: { variantKey: string | null; limit: number; cursor: string | null },
): Promise<Page<Assignment>> {
  await load(ctx, principal, id);
  return listAssignments(dbFor(ctx), principal.tenantId, id, options);
}

export interface ReportView extends ExperimentReport {
  readonly experimentId: string;
  readonly generatedAt: string;
  readonly stageNames: Readonly<Record<string, { readonly en: string; readonly zh: string }>>;
}

export async function experimentReport(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<ReportView> {
  const experiment = await load(ctx, principal, id);
  const { records, funnel } = await reportFacts(dbFor(ctx), experiment);
  return {
    experimentId: experiment.id,
    generatedAt: nowIso(ctx),
    ...buildReport(experiment.variants, records, funnel),
    stageNames: Object.fromEntries(
      funnel.map((stage) => [stage.id, { en: stage.nameEn, zh: stage.nameZh }]),
    ),
  };
}

export interface RecordVariant {
  readonly experimentId: string;
  readonly experimentName: string;
  readonly subject: Experiment['subject'];
  readonly variantKey: string;
  readonly variantName: string;
  readonly content: VariantContent;
}

/**
 * What a record's running experiments give its rep: the script or template text to use, or
 * the follow-up cadence its deadlines follow. Anyone who may see the record may read it.
 */
export async function recordVariants(
  ctx: AppContext,
  principal: Principal,
  population: Population,
  recordId: string,
): Promise<RecordVariant[]> {
  const db = dbFor(ctx);
  const table = population === 'opportunities' ? 'opportunities' : 'leads';
  await assertVisible(
    db,
    principal,
    table,
    recordId,
    population === 'leads' ? 'lead' : 'opportunity',
  );
  const rows = await experimentsOfRecord(db, principal.tenantId, recordId);
  return rows.flatMap(({ experiment, variantKey }) => {
    const variant = experiment.variants.find((v) => v.key === variantKey);
    if (experiment.status !== 'running' || !variant) return [];
    return [
      {
        experimentId: experiment.id,
        experimentName: experiment.name,
        subject: experiment.subject,
        variantKey,
        variantName: variant.name,
        content: variant.content,
      },
    ];
  });
}
