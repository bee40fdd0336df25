import type { Kysely } from 'kysely';
import { DomainError, notFound } from '../domain/errors.js';
import type { ForecastCategory, Pipeline, Stage, StageKind } from '../domain/pipeline/pipeline.js';
import { validateScorecard, validateStages } from '../domain/pipeline/validate-pipeline.js';
import type { Scorecard } from '../domain/pipeline/scorecard.js';
import type {
  ApprovalRule,
  Criterion,
  KeyAction,
  SalesMaterial,
  StageRules,
} from '../domain/pipeline/stage-rules.js';
import { customFieldKeys } from './custom-fields.service.js';
import { assertReferences } from './references.js';
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
  readonly actions?: readonly KeyAction[];
  readonly materials?: readonly SalesMaterial[];
  readonly entry?: readonly Criterion[];
  readonly exit?: readonly Criterion[];
  readonly approval?: ApprovalRule | null;
}

export interface PipelineInput {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly description?: string | null;
  readonly allowSkip?: boolean;
  readonly isDefault?: boolean;
  readonly teamIds?: readonly string[];
  readonly scorecard?: Scorecard | null;
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

async function checkedTeams(
  trx: Kysely<Database>,
  principal: Principal,
  teamIds: readonly string[] | undefined,
): Promise<readonly string[]> {
  const ids = [...new Set(teamIds ?? [])];
  await assertReferences(
    trx,
    principal,
    ids.map((id, index) => ({ field: `teamIds/${index}`, table: 'teams' as const, id })),
  );
  return ids;
}

function checkedScorecard(scorecard: Scorecard | null | undefined): Scorecard | null {
  const value = scorecard ?? null;
  const issues = validateScorecard(value);
  if (issues.length > 0) throw new DomainError('pipeline_invalid', {}, issues);
  return value;
}

function rulesOf(input: StageInput): StageRules {
  return {
    entry: input.entry ?? [],
    exit: input.exit ?? [],
    actions: input.actions ?? [],
    materials: input.materials ?? [],
    approval: input.approval ?? null,
  };
}

function buildStages(
  inputs: readonly StageInput[],
  current: readonly Stage[],
  newId: () => string,
  customKeys: ReadonlySet<string>,
): Stage[] {
  const issues = validateStages(
    inputs.map((input) => ({ ...input, rules: rulesOf(input) })),
    customKeys,
  );
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
  // A stage keeps its id when the definition names it by id or, as pipeline files do, by key.
  const byKey = new Map(current.map((stage) => [stage.key, stage.id]));
  return inputs.map((input, position) => ({
    id: input.id ?? byKey.get(input.key) ?? newId(),
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
    rules: rulesOf(input),
  }));
}

export async function createPipeline(
  ctx: AppContext,
  principal: Principal,
  input: PipelineInput,
): Promise<Pipeline> {
  authorize(principal, 'pipelines.manage');
  const created = await createEntity(ctx, principal, pipelineStore, async (trx, { id, now }) => {
    const [sameKey] = await loadPipelines(trx, principal.tenantId, {
      key: input.key,
      includeArchived: true,
    });
    if (sameKey) throw new DomainError('duplicate', { field: 'key' });
    const isDefault =
      input.isDefault === true ||
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
      teamIds: await checkedTeams(trx, principal, input.teamIds),
      scorecard: checkedScorecard(input.scorecard),
      stages: buildStages(
        input.stages,
        [],
        ctx.newId,
        await customFieldKeys(trx, principal.tenantId),
      ),
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
      const next = {
        ...applyPatch(current, patch),
        teamIds: await checkedTeams(trx, principal, patch.teamIds ?? current.teamIds),
        scorecard:
          patch.scorecard === undefined ? current.scorecard : checkedScorecard(patch.scorecard),
      };
      if (stages === undefined) return next;
      const keys = await customFieldKeys(trx, principal.tenantId);
      return { ...next, stages: buildStages(stages, current.stages, ctx.newId, keys) };
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
