import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { SalesTarget, TargetKey, TargetSubjectType } from '../domain/analytics/targets.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Database, SalesTargetsTable } from './schema.js';

export function toTarget(row: Selectable<SalesTargetsTable>): SalesTarget {
  return {
    id: row.id,
    subjectType: row.subject_type as TargetSubjectType,
    subjectId: row.subject_id,
    pipelineId: row.pipeline_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toTargetRow(tenantId: string, target: SalesTarget): SalesTargetsTable {
  return {
    tenant_id: tenantId,
    id: target.id,
    subject_type: target.subjectType,
    subject_id: target.subjectId,
    pipeline_id: target.pipelineId,
    period_start: target.periodStart,
    period_end: target.periodEnd,
    amount_minor: target.amountMinor,
    currency: target.currency,
    created_by: target.createdBy,
    created_at: target.createdAt,
    updated_at: target.updatedAt,
    version: target.version,
  };
}

export async function findTarget(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<SalesTarget | undefined> {
  const row = await db
    .selectFrom('sales_targets')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toTarget(row);
}

export async function insertTarget(
  db: Kysely<Database>,
  tenantId: string,
  target: SalesTarget,
): Promise<void> {
  await db.insertInto('sales_targets').values(toTargetRow(tenantId, target)).execute();
}

/** Saves if the stored version is still `expectedVersion`; false on a stale version. */
export async function saveTarget(
  db: Kysely<Database>,
  tenantId: string,
  target: SalesTarget,
  expectedVersion: number,
): Promise<boolean> {
  const { tenant_id: _t, id: _id, ...changes } = toTargetRow(tenantId, target);
  const result = await db
    .updateTable('sales_targets')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', target.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteTargetRow(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('sales_targets')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** The subject's targets that could collide with `key` (same subject, currency, scope, overlapping days). */
export async function collidingTargets(
  db: Kysely<Database>,
  tenantId: string,
  key: TargetKey,
): Promise<SalesTarget[]> {
  let query = db
    .selectFrom('sales_targets')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('subject_type', '=', key.subjectType)
    .where('subject_id', '=', key.subjectId)
    .where('currency', '=', key.currency)
    .where('period_start', '<=', key.periodEnd)
    .where('period_end', '>=', key.periodStart);
  query =
    key.pipelineId === null
      ? query.where('pipeline_id', 'is', null)
      : query.where('pipeline_id', '=', key.pipelineId);
  return (await query.execute()).map(toTarget);
}

export interface TargetFilter {
  readonly subjectType?: TargetSubjectType;
  readonly subjectId?: string;
  readonly pipelineId?: string;
  readonly currency?: string;
  /** Targets overlapping [from, to] (local dates, inclusive). */
  readonly from?: string;
  readonly to?: string;
}

/** Which subjects a reader may see: null for all; otherwise these users and these teams. */
export interface TargetAudience {
  readonly userIds: readonly string[];
  readonly teamIds: readonly string[];
}

export async function listTargets(
  db: Kysely<Database>,
  tenantId: string,
  filter: TargetFilter,
  audience: TargetAudience | null,
  page: PageQuery,
): Promise<Page<SalesTarget>> {
  let query = db.selectFrom('sales_targets').selectAll().where('tenant_id', '=', tenantId);
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.pipelineId) query = query.where('pipeline_id', '=', filter.pipelineId);
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.from) query = query.where('period_end', '>=', filter.from);
  if (filter.to) query = query.where('period_start', '<=', filter.to);
  if (audience !== null) query = query.where(audienceCondition(audience));
  const rows = await applyKeyset(query, 'sales_targets', page).execute();
  return toPage(rows, page, toTarget);
}

function audienceCondition(audience: TargetAudience) {
  const users =
    audience.userIds.length === 0
      ? sql<boolean>`1 = 0`
      : sql<boolean>`(sales_targets.subject_type = 'user' and sales_targets.subject_id in (${sql.join(audience.userIds)}))`;
  const teams =
    audience.teamIds.length === 0
      ? sql<boolean>`1 = 0`
      : sql<boolean>`(sales_targets.subject_type = 'team' and sales_targets.subject_id in (${sql.join(audience.teamIds)}))`;
  return sql<boolean>`(${users} or ${teams})`;
}

/** Every target overlapping a period in one currency, for one pipeline or all-pipeline targets. */
export async function targetsOverlapping(
  db: Kysely<Database>,
  tenantId: string,
  question: { pipelineId: string; currency: string; from: string; to: string },
): Promise<SalesTarget[]> {
  const rows = await db
    .selectFrom('sales_targets')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('currency', '=', question.currency)
    .where((eb) =>
      eb.or([eb('pipeline_id', 'is', null), eb('pipeline_id', '=', question.pipelineId)]),
    )
    .where('period_start', '<=', question.to)
    .where('period_end', '>=', question.from)
    .orderBy('subject_type')
    .orderBy('subject_id')
    .orderBy('period_start')
    .orderBy('id')
    .execute();
  return rows.map(toTarget);
}

/** Display names of target subjects, keyed `user:<id>` / `team:<id>`. */
export async function subjectNames(
  db: Kysely<Database>,
  tenantId: string,
  subjects: readonly { subjectType: string; subjectId: string }[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = (type: string) => [
    ...new Set(subjects.filter((s) => s.subjectType === type).map((s) => s.subjectId)),
  ];
  const users = ids('user');
  const teams = ids('team');
  if (users.length > 0)
    for (const row of await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', users)
      .execute())
      names.set(`user:${row.id}`, row.name);
  if (teams.length > 0)
    for (const row of await db
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', teams)
      .execute())
      names.set(`team:${row.id}`, row.name);
  return names;
}
