import type { Kysely, Selectable } from 'kysely';
import type { ForecastCategory, Pipeline, Stage, StageKind } from '../domain/pipeline/pipeline.js';
import type { Scorecard } from '../domain/pipeline/scorecard.js';
import { noRules } from '../domain/pipeline/stage-rules.js';
import type { StageRules } from '../domain/pipeline/stage-rules.js';
import { fromJsonColumn, stringArrayFromJson, toJsonColumn } from './json.js';
import type { Database, PipelinesTable, StagesTable } from './schema.js';

export function toStage(row: Selectable<StagesTable>): Stage {
  return {
    id: row.id,
    key: row.key,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    position: row.position,
    kind: row.kind as StageKind,
    probability: row.probability,
    forecastCategory: row.forecast_category as ForecastCategory,
    targetConversion: row.target_conversion,
    expectedDwellDays: row.expected_dwell_days,
    cadenceDays: row.cadence_days,
    guidance: row.guidance,
    rules: stageRulesFromJson(row.rules),
  };
}

/** Rules are written only through validated pipeline definitions; missing parts default. */
function stageRulesFromJson(value: unknown): StageRules {
  const parsed = fromJsonColumn(value);
  if (parsed === null || typeof parsed !== 'object') return noRules;
  return { ...noRules, ...(parsed as Partial<StageRules>) };
}

export function toPipeline(row: Selectable<PipelinesTable>, stages: readonly Stage[]): Pipeline {
  return {
    id: row.id,
    key: row.key,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    description: row.description,
    allowSkip: row.allow_skip === 1,
    isDefault: row.is_default === 1,
    archivedAt: row.archived_at,
    teamIds: stringArrayFromJson(row.team_ids),
    scorecard: (fromJsonColumn(row.scorecard) as Scorecard | null) ?? null,
    stages: [...stages].sort((a, b) => a.position - b.position),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toPipelineRow(tenantId: string, pipeline: Pipeline): PipelinesTable {
  return {
    tenant_id: tenantId,
    id: pipeline.id,
    key: pipeline.key,
    name_zh: pipeline.nameZh,
    name_en: pipeline.nameEn,
    description: pipeline.description,
    allow_skip: pipeline.allowSkip ? 1 : 0,
    is_default: pipeline.isDefault ? 1 : 0,
    archived_at: pipeline.archivedAt,
    team_ids: toJsonColumn(pipeline.teamIds),
    scorecard: pipeline.scorecard === null ? null : toJsonColumn(pipeline.scorecard),
    created_at: pipeline.createdAt,
    updated_at: pipeline.updatedAt,
    version: pipeline.version,
  };
}

function toStageRow(tenantId: string, pipelineId: string, stage: Stage, now: string): StagesTable {
  return {
    tenant_id: tenantId,
    id: stage.id,
    pipeline_id: pipelineId,
    key: stage.key,
    name_zh: stage.nameZh,
    name_en: stage.nameEn,
    position: stage.position,
    kind: stage.kind,
    probability: stage.probability,
    forecast_category: stage.forecastCategory,
    target_conversion: stage.targetConversion,
    expected_dwell_days: stage.expectedDwellDays,
    cadence_days: stage.cadenceDays,
    guidance: stage.guidance,
    rules: toJsonColumn(stage.rules),
    created_at: now,
    updated_at: now,
  };
}

export async function insertStages(
  db: Kysely<Database>,
  tenantId: string,
  pipelineId: string,
  stages: readonly Stage[],
  now: string,
): Promise<void> {
  if (stages.length === 0) return;
  const taken = await db
    .selectFrom('stages')
    .select('slot')
    .where('tenant_id', '=', tenantId)
    .where('pipeline_id', '=', pipelineId)
    .execute();
  const slots = freeSlots(new Set(taken.map((row) => row.slot)), stages.length);
  await db
    .insertInto('stages')
    .values(
      stages.map((stage, i) => ({
        ...toStageRow(tenantId, pipelineId, stage, now),
        slot: slots[i],
      })),
    )
    .execute();
}

/**
 * Stage slots are bits of a 32-bit integer (`opportunities.visited_stages`): 31 usable, more
 * than the most stages a pipeline may have, so a free slot always exists once removed
 * stages are deleted (they are, before new ones are inserted).
 */
const SLOTS = 31;

function freeSlots(taken: ReadonlySet<number>, count: number): number[] {
  const free: number[] = [];
  for (let slot = 0; slot < SLOTS && free.length < count; slot++)
    if (!taken.has(slot)) free.push(slot);
  if (free.length < count) throw new Error(`no free stage slot (${taken.size} taken)`);
  return free;
}

/**
 * Updates the stages that are kept, in place: their ids are what opportunities and history
 * point at, so a rename or re-order never touches those rows.
 */
export async function updateStages(
  db: Kysely<Database>,
  tenantId: string,
  pipelineId: string,
  stages: readonly Stage[],
  now: string,
): Promise<void> {
  for (const stage of stages) {
    const {
      tenant_id: _t,
      id: _i,
      pipeline_id: _p,
      created_at: _c,
      ...changes
    } = toStageRow(tenantId, pipelineId, stage, now);
    await db
      .updateTable('stages')
      .set(changes)
      .where('tenant_id', '=', tenantId)
      .where('pipeline_id', '=', pipelineId)
      .where('id', '=', stage.id)
      .execute();
  }
}

export async function deleteStages(
  db: Kysely<Database>,
  tenantId: string,
  stageIds: readonly string[],
): Promise<void> {
  if (stageIds.length === 0) return;
  await db
    .deleteFrom('stages')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', stageIds)
    .execute();
}

/** Stages that opportunities or their history still reference, among `stageIds`. */
export async function stagesInUse(
  db: Kysely<Database>,
  tenantId: string,
  stageIds: readonly string[],
): Promise<Set<string>> {
  if (stageIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('stage_history')
    .select('stage_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('stage_id', 'in', stageIds)
    .union(
      db
        .selectFrom('opportunities')
        .select('stage_id')
        .where('tenant_id', '=', tenantId)
        .where('stage_id', 'in', stageIds),
    )
    .execute();
  return new Set(rows.map((row) => row.stage_id));
}

export async function loadPipelines(
  db: Kysely<Database>,
  tenantId: string,
  options: { ids?: readonly string[]; key?: string; includeArchived: boolean },
): Promise<Pipeline[]> {
  let query = db.selectFrom('pipelines').selectAll().where('tenant_id', '=', tenantId);
  if (options.ids) {
    if (options.ids.length === 0) return [];
    query = query.where('id', 'in', options.ids);
  }
  if (options.key !== undefined) query = query.where('key', '=', options.key);
  if (!options.includeArchived) query = query.where('archived_at', 'is', null);
  const rows = await query
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const stageRows = await db
    .selectFrom('stages')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(
      'pipeline_id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows.map((row) =>
    toPipeline(row, stageRows.filter((stage) => stage.pipeline_id === row.id).map(toStage)),
  );
}

export async function clearDefaultPipeline(
  db: Kysely<Database>,
  tenantId: string,
  exceptId: string,
): Promise<void> {
  await db
    .updateTable('pipelines')
    .set({ is_default: 0 })
    .where('tenant_id', '=', tenantId)
    .where('id', '!=', exceptId)
    .where('is_default', '=', 1)
    .execute();
}
