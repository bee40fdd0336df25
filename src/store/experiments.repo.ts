import type { Kysely } from 'kysely';
import type {
  Experiment,
  ExperimentStatus,
  Population,
  PopulationFilter,
  RecordTraits,
  SubjectKind,
  Variant,
} from '../domain/experiments/experiment.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery, SortColumn } from './pagination.js';
import type { Database, ExperimentsTable } from './schema.js';

/** Experiments and their assignments (migration 0020); the report's facts: experiment-facts.repo.ts. */

function toExperiment(row: ExperimentsTable): Experiment {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    subject: row.subject as SubjectKind,
    population: row.population as Population,
    filter: fromJsonColumn(row.filter) as PopulationFilter,
    variants: fromJsonColumn(row.variants) as Variant[],
    status: row.status as ExperimentStatus,
    startedAt: row.started_at,
    stoppedAt: row.stopped_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function toRow(experiment: Experiment) {
  return {
    name: experiment.name,
    subject: experiment.subject,
    population: experiment.population,
    filter: toJsonColumn(experiment.filter),
    variants: toJsonColumn(experiment.variants),
    status: experiment.status,
    started_at: experiment.startedAt,
    stopped_at: experiment.stoppedAt,
    updated_at: experiment.updatedAt,
    version: experiment.version,
  };
}

export async function insertExperiment(db: Kysely<Database>, experiment: Experiment) {
  await db
    .insertInto('experiments')
    .values({
      ...toRow(experiment),
      tenant_id: experiment.tenantId,
      id: experiment.id,
      created_by: experiment.createdBy,
      created_at: experiment.createdAt,
    })
    .execute();
}

/** Saves if the stored version is still `expectedVersion`; false when someone saved first. */
export async function saveExperiment(
  db: Kysely<Database>,
  experiment: Experiment,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('experiments')
    .set(toRow(experiment))
    .where('tenant_id', '=', experiment.tenantId)
    .where('id', '=', experiment.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findExperiment(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Experiment | null> {
  const row = await db
    .selectFrom('experiments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toExperiment(row) : null;
}

const byId: SortColumn = { key: 'id', column: 'id' };

/** Newest first (ids are time-ordered). */
export async function listExperiments(
  db: Kysely<Database>,
  tenantId: string,
  options: { status: ExperimentStatus | null; limit: number; cursor: string | null },
): Promise<Page<Experiment>> {
  let query = db.selectFrom('experiments').selectAll().where('tenant_id', '=', tenantId);
  if (options.status) query = query.where('status', '=', options.status);
  const page: PageQuery = { ...options, sort: byId, direction: 'desc' };
  return toPage(await applyKeyset(query, 'experiments', page).execute(), page, toExperiment);
}

/** The running experiments of a population (few: overlapping ones are refused). */
export async function runningExperiments(
  db: Kysely<Database>,
  tenantId: string,
  population: Population,
): Promise<Experiment[]> {
  const rows = await db
    .selectFrom('experiments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'running')
    .where('population', '=', population)
    .execute();
  return rows.map(toExperiment);
}

/** Deletes an experiment with its assignments; false when it was not there. */
export async function deleteExperiment(db: Kysely<Database>, tenantId: string, id: string) {
  await db
    .deleteFrom('experiment_assignments')
    .where('tenant_id', '=', tenantId)
    .where('experiment_id', '=', id)
    .execute();
  const result = await db
    .deleteFrom('experiments')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface NewAssignment {
  readonly id: string;
  readonly recordId: string;
  readonly variantKey: string;
}

/** Stores assignments, skipping records already assigned: assigning twice changes nothing. */
export async function insertAssignments(
  db: Kysely<Database>,
  tenantId: string,
  experiment: Pick<Experiment, 'id' | 'population'>,
  assignments: readonly NewAssignment[],
  now: string,
): Promise<number> {
  if (assignments.length === 0) return 0;
  const result = await db
    .insertInto('experiment_assignments')
    .values(
      assignments.map((a) => ({
        tenant_id: tenantId,
        id: a.id,
        experiment_id: experiment.id,
        population: experiment.population,
        record_id: a.recordId,
        variant_key: a.variantKey,
        assigned_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'experiment_id', 'record_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export interface Assignment {
  readonly id: string;
  readonly recordId: string;
  readonly variantKey: string;
  readonly assignedAt: string;
}

export async function listAssignments(
  db: Kysely<Database>,
  tenantId: string,
  experimentId: string,
  options: { variantKey: string | null; limit: number; cursor: string | null },
): Promise<Page<Assignment>> {
  let query = db
    .selectFrom('experiment_assignments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('experiment_id', '=', experimentId);
  if (options.variantKey) query = query.where('variant_key', '=', options.variantKey);
  const page: PageQuery = { ...options, sort: byId, direction: 'asc' };
  const rows = await applyKeyset(query, 'experiment_assignments', page).execute();
  return toPage(rows, page, (row) => ({
    id: row.id,
    recordId: row.record_id,
    variantKey: row.variant_key,
    assignedAt: row.assigned_at,
  }));
}

/** The experiments a record takes part in, with its variant key (running or stopped). */
export async function experimentsOfRecord(
  db: Kysely<Database>,
  tenantId: string,
  recordId: string,
): Promise<{ experiment: Experiment; variantKey: string }[]> {
  const rows = await db
    .selectFrom('experiment_assignments as a')
    .innerJoin('experiments as e', (join) =>
      join.onRef('e.id', '=', 'a.experiment_id').onRef('e.tenant_id', '=', 'a.tenant_id'),
    )
    .selectAll('e')
    .select('a.variant_key')
    .where('a.tenant_id', '=', tenantId)
    .where('a.record_id', '=', recordId)
    .orderBy('e.id')
    .execute();
  return rows.map(({ variant_key, ...row }) => ({
    experiment: toExperiment(row),
    variantKey: variant_key,
  }));
}

/**
 * A page of the open records an experiment starting now takes in: live open deals, or live
 * active leads not yet converted or disqualified, matching the filter, in id order.
 */
export async function openRecords(
  db: Kysely<Database>,
  tenantId: string,
  population: Population,
  filter: PopulationFilter,
  afterId: string | null,
  limit: number,
): Promise<(RecordTraits & { id: string })[]> {
  if (population === 'opportunities') {
    let query = db
      .selectFrom('opportunities as r')
      .leftJoin('users as u', (join) =>
        join.onRef('u.id', '=', 'r.owner_id').onRef('u.tenant_id', '=', 'r.tenant_id'),
      )
      .select(['r.id', 'r.pipeline_id', 'r.stage_id', 'u.team_id', 'r.source'])
      .where('r.tenant_id', '=', tenantId)
      .where('r.status', '=', 'open')
      .where('r.deleted_at', 'is', null);
    if (filter.pipelineId) query = query.where('r.pipeline_id', '=', filter.pipelineId);
    if (filter.stageId) query = query.where('r.stage_id', '=', filter.stageId);
    if (filter.teamId) query = query.where('u.team_id', '=', filter.teamId);
    if (filter.source) query = query.where('r.source', '=', filter.source);
    if (afterId) query = query.where('r.id', '>', afterId);
    const rows = await query.orderBy('r.id').limit(limit).execute();
    return rows.map((row) => ({
      id: row.id,
      pipelineId: row.pipeline_id,
      stageId: row.stage_id,
      teamId: row.team_id,
      source: row.source,
    }));
  }
  let query = db
    .selectFrom('leads as r')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'r.owner_id').onRef('u.tenant_id', '=', 'r.tenant_id'),
    )
    .select(['r.id', 'u.team_id', 'r.source'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.status', 'not in', ['converted', 'disqualified'])
    .where('r.deleted_at', 'is', null);
  if (filter.teamId) query = query.where('u.team_id', '=', filter.teamId);
  if (filter.source) query = query.where('r.source', '=', filter.source);
  if (afterId) query = query.where('r.id', '>', afterId);
  const rows = await query.orderBy('r.id').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    pipelineId: null,
    stageId: null,
    teamId: row.team_id,
    source: row.source,
  }));
}

/** The team of a record's owner, for the population filter; null without owner or team. */
export async function teamOf(
  db: Kysely<Database>,
  tenantId: string,
  userId: string | null,
): Promise<string | null> {
  if (!userId) return null;
  const row = await db
    .selectFrom('users')
    .select('team_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.team_id ?? null;
}

/**
 * The follow-up days per stage of the cadence variant a deal has in a running experiment,
 * or null when it has none (at most one: overlapping cadence experiments are refused).
 */
export async function runningCadenceOf(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<Readonly<Record<string, number>> | null> {
  const rows = await db
    .selectFrom('experiment_assignments as a')
    .innerJoin('experiments as e', (join) =>
      join.onRef('e.id', '=', 'a.experiment_id').onRef('e.tenant_id', '=', 'a.tenant_id'),
    )
    .select(['e.variants', 'a.variant_key'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.record_id', '=', opportunityId)
    .where('e.status', '=', 'running')
    .where('e.subject', '=', 'cadence')
    .execute();
  for (const row of rows) {
    const variants = fromJsonColumn(row.variants) as Variant[];
    const content = variants.find((variant) => variant.key === row.variant_key)?.content;
    if (content?.kind === 'cadence') return content.days;
  }
  return null;
}
