import type { Kysely } from 'kysely';
import { DomainError, notFound, versionConflict } from '../../domain/errors.js';
import { designIssues } from '../../domain/experiments/experiment.js';
import type {
  Experiment,
  ExperimentStatus,
  Population,
  PopulationFilter,
  SubjectKind,
  Variant,
} from '../../domain/experiments/experiment.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import {
  deleteExperiment,
  findExperiment,
  insertExperiment,
  listExperiments,
  runningExperiments,
  saveExperiment,
} from '../../store/experiments.repo.js';
import type { Page } from '../../store/pagination.js';
import type { Database } from '../../store/schema.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { assertReferences } from '../references.js';
import { dbFor, inTransaction } from '../transaction.js';
import { assignOpenRecords } from './assign.js';

/**
 * Managing A/B experiments (admins and managers). A draft is freely editable; starting it
 * assigns the open records and from then on every new matching one; a running experiment
 * can only be renamed or stopped (changing variants mid-test would mix two experiments in
 * one report); a stopped one keeps its assignments and report, and can be deleted.
 */
export interface ExperimentDesign {
  readonly name: string;
  readonly subject: SubjectKind;
  readonly population: Population;
  readonly filter: PopulationFilter;
  readonly variants: readonly Variant[];
}

export type ExperimentPatch = Partial<ExperimentDesign> & { readonly version: number };

async function checkDesign(
  trx: Kysely<Database>,
  principal: Principal,
  design: ExperimentDesign,
): Promise<void> {
  const issues = designIssues(design);
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
  const cadenceStages = new Set(
    design.variants.flatMap((variant) =>
      variant.content.kind === 'cadence' ? Object.keys(variant.content.days) : [],
    ),
  );
  await assertReferences(trx, principal, [
    { field: 'filter.pipelineId', table: 'pipelines', id: design.filter.pipelineId },
    { field: 'filter.stageId', table: 'stages', id: design.filter.stageId },
    { field: 'filter.teamId', table: 'teams', id: design.filter.teamId },
    ...[...cadenceStages].map((id) => ({
      field: 'variants.content.days',
      table: 'stages' as const,
      id,
    })),
  ]);
}

async function load(trx: Kysely<Database>, principal: Principal, id: string) {
  const experiment = await findExperiment(trx, principal.tenantId, id);
  if (!experiment) throw notFound('experiment');
  return experiment;
}

const wrongState = (experiment: Experiment) =>
  new DomainError('experiment_state', { status: experiment.status });

async function save(
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  current: Experiment,
  next: Experiment,
): Promise<Experiment> {
  const saved = { ...next, version: current.version + 1, updatedAt: nowIso(ctx) };
  if (!(await saveExperiment(trx, saved, current.version))) throw versionConflict('experiment');
  await recordAudit(trx, ctx, principal, {
    entityType: 'experiment',
    entityId: current.id,
    action: 'update',
    before: current,
    after: saved,
  });
  return saved;
}

export async function createExperiment(
  ctx: AppContext,
  principal: Principal,
  design: ExperimentDesign,
): Promise<Experiment> {
  authorize(principal, 'experiments.manage');
  return inTransaction(ctx, async (trx) => {
    await checkDesign(trx, principal, design);
    const now = nowIso(ctx);
    const experiment: Experiment = {
      ...design,
      tenantId: principal.tenantId,
      id: ctx.newId(),
      status: 'draft',
      startedAt: null,
      stoppedAt: null,
      createdBy: principal.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await insertExperiment(trx, experiment);
    await recordAudit(trx, ctx, principal, {
      entityType: 'experiment',
      entityId: experiment.id,
      action: 'create',
      before: null,
      after: experiment,
    });
    return experiment;
  });
}

export async function getExperiment(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Experiment> {
  authorize(principal, 'experiments.manage');
  return load(dbFor(ctx), principal, id);
}

export async function experiments(
  ctx: AppContext,
  principal: Principal,
  options: { status: ExperimentStatus | null; limit: number; cursor: string | null },
): Promise<Page<Experiment>> {
  authorize(principal, 'experiments.manage');
  return listExperiments(dbFor(ctx), principal.tenantId, options);
}

/** A draft takes any change; afterwards only the name may change. */
export async function updateExperiment(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: ExperimentPatch,
): Promise<Experiment> {
  authorize(principal, 'experiments.manage');
  return inTransaction(ctx, async (trx) => {
    const current = await load(trx, principal, id);
    if (current.version !== version) throw versionConflict('experiment');
    const { name: _name, ...design } = patch;
    if (current.status !== 'draft' && Object.keys(design).length > 0) throw wrongState(current);
    const next: Experiment = { ...current, ...patch };
    if (current.status === 'draft') await checkDesign(trx, principal, next);
    return save(trx, ctx, principal, current, next);
  });
}

/**
 * Starts a draft: refuses when another experiment already runs on the same subject kind and
 * population (a record in two of them could not show or follow two scripts or cadences at
 * once, and neither report would be clean), then assigns the open records.
 */
export async function startExperiment(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
): Promise<{ experiment: Experiment; assigned: number }> {
  authorize(principal, 'experiments.manage');
  return inTransaction(ctx, async (trx) => {
    const current = await load(trx, principal, id);
    if (current.version !== version) throw versionConflict('experiment');
    if (current.status !== 'draft') throw wrongState(current);
    const other = (await runningExperiments(trx, principal.tenantId, current.population)).find(
      (running) => running.subject === current.subject,
    );
    if (other) throw new DomainError('experiment_overlap', { other: other.name });
    const now = nowIso(ctx);
    const experiment = await save(trx, ctx, principal, current, {
      ...current,
      status: 'running',
      startedAt: now,
    });
    return { experiment, assigned: await assignOpenRecords(trx, ctx, experiment, now) };
  });
}

export async function stopExperiment(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
): Promise<Experiment> {
  authorize(principal, 'experiments.manage');
  return inTransaction(ctx, async (trx) => {
    const current = await load(trx, principal, id);
    if (current.version !== version) throw versionConflict('experiment');
    if (current.status !== 'running') throw wrongState(current);
    return save(trx, ctx, principal, current, {
      ...current,
      status: 'stopped',
      stoppedAt: nowIso(ctx),
    });
  });
}

/** Drafts and stopped experiments only: a running one must be stopped first. */
export async function removeExperiment(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'experiments.manage');
  await inTransaction(ctx, async (trx) => {
    const current = await load(trx, principal, id);
    if (current.status === 'running') throw wrongState(current);
    await deleteExperiment(trx, principal.tenantId, id);
    await recordAudit(trx, ctx, principal, {
      entityType: 'experiment',
      entityId: id,
      action: 'delete',
      before: current,
      after: null,
    });
  });
}
