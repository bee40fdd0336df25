import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../domain/errors.js';
import type { ForecastCategory, Pipeline, Stage, StageKind } from '../domain/pipeline/pipeline.js';
import type { PipelineTemplate } from '../domain/pipeline/default-pipeline.js';
import { validateStages } from '../domain/pipeline/validate-pipeline.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  clearDefaultPipeline,
  deleteStages,
  insertStages,
  loadPipelines,
  stagesInUse,
  toPipelineRow,
  updateStages,
} from '../store/pipelines.repo.js';
import { insertRow, saveVersioned } from '../store/rows.repo.js';
import type { Database } from '../store/schema.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import type { EntityStore } from './entity.js';
import {
  createEntity,
  getEntity,
  restoreEntity,
  softDeleteEntity,
  updateEntity,
} from './entity.js';
import { applyPatch } from './table-store.js';
import { dbFor } from './transaction.js';

export interface StageInput {
  /** Set to keep (and edit) an existing stage; omitted for a new one. */
  readonly id?: string;
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: StageKind;
  readonly probability: number;
  readonly forecastCategory: ForecastCategory;
  readonly targetConversion?: number | null;
  readonly expectedDwellDays?: number | null;
  readonly cadenceDays?: number | null;
  readonly guidance?: string | null;
}

export interface PipelineInput {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly description?: string | null;
  readonly allowSkip?: boolean;
  readonly isDefault?: boolean;
  readonly stages: readonly StageInput[];
}

export type PipelinePatch = Partial<Omit<PipelineInput, 'key'>> & { readonly version: number };

/** Pipelines are archived rather than deleted: history and closed deals still point at them. */
type StoredPipeline = Pipeline & { readonly deletedAt: string | null };

const withDeleted = (pipeline: Pipeline): StoredPipeline => ({
  ...pipeline,
  deletedAt: pipeline.archivedAt,
});
const withoutDeleted = ({ deletedAt, ...pipeline }: StoredPipeline): Pipeline => ({
  ...pipeline,
  archivedAt: deletedAt,
});

export const pipelineStore: EntityStore<StoredPipeline> = {
  entityType: 'pipeline',
  load: async (db, tenantId, id) => {
    const [pipeline] = await loadPipelines(db, tenantId, { ids: [id], includeArchived: true });
    return pipeline && withDeleted(pipeline);
  },
  insert: async (db, tenantId, stored) => {
    const pipeline = withoutDeleted(stored);
    await insertRow(db, 'pipelines', toPipelineRow(tenantId, pipeline));
    await insertStages(db, tenantId, pipeline.id, pipeline.stages, pipeline.createdAt);
  },
  save: async (db, tenantId, stored, expectedVersion) => {
    const pipeline = withoutDeleted(stored);
    if (!(await saveVersioned(db, 'pipelines', toPipelineRow(tenantId, pipeline), expectedVersion)))
      return false;
    await syncStages(db, tenantId, pipeline);
    return true;
  },
};

/**
 * Stages keep their ids across edits because opportunities and stage history point at
 * them. A stage that any opportunity or history row uses cannot be removed; it can be
 * renamed, re-ordered or re-configured.
 */
async function syncStages(
  db: Kysely<Database>,
  tenantId: string,
  pipeline: Pipeline,
): Promise<void> {
  const [stored] = await loadPipelines(db, tenantId, { ids: [pipeline.id], includeArchived: true });
  const existing = new Set(stored?.stages.map((stage) => stage.id) ?? []);
  const wanted = new Set(pipeline.stages.map((stage) => stage.id));
  const removed = [...existing].filter((id) => !wanted.has(id));
  const inUse = await stagesInUse(db, tenantId, removed);
  if (inUse.size > 0) {
    const keys =
      stored?.stages.filter((stage) => inUse.has(stage.id)).map((stage) => stage.key) ?? [];
    throw new DomainError('stage_in_use', { stages: keys.join(', ') });
  }
  await deleteStages(db, tenantId, removed);
  await updateStages(
    db,
    tenantId,
    pipeline.id,
    pipeline.stages.filter((stage) => existing.has(stage.id)),
    pipeline.updatedAt,
  );
  await insertStages(
    db,
    tenantId,
    pipeline.id,
    pipeline.stages.filter((stage) => !existing.has(stage.id)),
    pipeline.updatedAt,
  );
}

function buildStages(
  inputs: readonly StageInput[],
  current: readonly Stage[],
  newId: () => string,
): Stage[] {
  const issues = validateStages(inputs);
  const known = new Set(current.map((stage) => stage.id));
  inputs.forEach((input, index) => {
    if (input.id !== undefined && !known.has(input.id)) {
      issues.push({
        path: `stages/${index}/id`,
        code: 'unknown_stage',
        message: 'not a stage of this pipeline',
      });
    }
  });
  if (issues.length > 0) throw new DomainError('pipeline_invalid', {}, issues);
  return inputs.map((input, position) => ({
    id: input.id ?? newId(),
    key: input.key,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    position,
    kind: input.kind,
    probability: input.probability,
    forecastCategory: input.forecastCategory,
    targetConversion: input.targetConversion ?? null,
    expectedDwellDays: input.expectedDwellDays ?? null,
    cadenceDays: input.cadenceDays ?? null,
    guidance: input.guidance ?? null,
  }));
}

export async function createPipeline(
  ctx: AppContext,
  principal: Principal,
  input: PipelineInput | PipelineTemplate,
): Promise<Pipeline> {
  authorize(principal, 'pipelines.manage');
  const created = await createEntity(ctx, principal, pipelineStore, async (trx, { id, now }) => {
    const [sameKey] = await loadPipelines(trx, principal.tenantId, {
      key: input.key,
      includeArchived: true,
    });
    if (sameKey) throw new DomainError('duplicate', { field: 'key' });
    const isDefault =
      ('isDefault' in input && input.isDefault === true) ||
      (await loadPipelines(trx, principal.tenantId, { includeArchived: false })).length === 0;
    if (isDefault) await clearDefaultPipeline(trx, principal.tenantId, id);
    return {
      id,
      key: input.key,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      description: input.description ?? null,
      allowSkip: input.allowSkip ?? false,
      isDefault,
      archivedAt: null,
      deletedAt: null,
      stages: buildStages(input.stages, [], ctx.newId),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  });
  return withoutDeleted(created);
}

export async function updatePipeline(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, stages, ...patch }: PipelinePatch,
): Promise<Pipeline> {
  authorize(principal, 'pipelines.manage');
  const updated = await updateEntity(
    ctx,
    principal,
    pipelineStore,
    id,
    version,
    async (trx, current) => {
      if (patch.isDefault === true) await clearDefaultPipeline(trx, principal.tenantId, id);
      if (patch.isDefault === false && current.isDefault) {
        throw new DomainError('validation_failed', {}, [
          {
            path: 'isDefault',
            code: 'default_required',
            message: 'make another pipeline the default instead',
          },
        ]);
      }
      const next = applyPatch(current, patch);
      return stages === undefined
        ? next
        : { ...next, stages: buildStages(stages, current.stages, ctx.newId) };
    },
  );
  return withoutDeleted(updated);
}

export async function getPipeline(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Pipeline> {
  const stored = await pipelineStore.load(dbFor(ctx), principal.tenantId, id);
  if (!stored) throw notFound('pipeline');
  return withoutDeleted(stored);
}

export async function getLivePipeline(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Pipeline> {
  return withoutDeleted(await getEntity(ctx, principal, pipelineStore, id));
}

export async function listAllPipelines(
  ctx: AppContext,
  principal: Principal,
  options: { includeArchived: boolean },
): Promise<Pipeline[]> {
  return loadPipelines(dbFor(ctx), principal.tenantId, options);
}

export async function archivePipeline(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'pipelines.manage');
  await softDeleteEntity(ctx, principal, pipelineStore, id, {
    guard: (_trx, current) => {
      if (current.isDefault) {
        throw new DomainError('has_dependents', {
          entity: 'pipeline',
          dependents: 'default pipeline',
        });
      }
      return Promise.resolve();
    },
  });
}

export async function restorePipeline(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Pipeline> {
  authorize(principal, 'pipelines.manage');
  return withoutDeleted(await restoreEntity(ctx, principal, pipelineStore, id));
}

export function stageOf(pipeline: Pipeline, stageId: string): Stage | undefined {
  return pipeline.stages.find((stage) => stage.id === stageId);
}
