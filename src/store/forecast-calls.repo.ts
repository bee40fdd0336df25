import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Forecast calls: the rep's category on a deal (`opportunities.forecast_category`) and the
 * managers' overrides (`forecast_overrides`, rows only ever added; the latest per subject,
 * pipeline, currency, period and category is the call in force).
 */
export interface ForecastOverride {
  readonly id: string;
  readonly subjectType: 'user' | 'team';
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly pipelineId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly category: 'commit' | 'best_case' | 'pipeline';
  readonly amountMinor: number;
  readonly currency: string;
  readonly note: string | null;
  readonly setBy: string | null;
  readonly setAt: string;
}

export interface OverrideQuery {
  readonly pipelineId?: string;
  readonly currency?: string;
  /** Exactly this period (local dates). */
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly subjectType?: 'user' | 'team';
  readonly subjectId?: string;
}

export interface ForecastCallRow {
  readonly id: string;
  readonly ownerId: string;
  readonly status: string;
  readonly forecastCategory: string | null;
  readonly version: number;
}

export async function findForecastCall(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<ForecastCallRow | null> {
  const row = await db
    .selectFrom('opportunities')
    .select(['id', 'owner_id', 'status', 'forecast_category', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        ownerId: row.owner_id,
        status: row.status,
        forecastCategory: row.forecast_category,
        version: Number(row.version),
      }
    : null;
}

/** Sets the rep's call if the version still matches; false when it moved on meanwhile. */
export async function saveForecastCall(
  trx: Kysely<Database>,
  tenantId: string,
  call: { id: string; category: string | null; version: number; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('opportunities')
    .set({ forecast_category: call.category, version: call.version + 1, updated_at: call.at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', call.id)
    .where('version', '=', call.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertForecastOverride(
  trx: Kysely<Database>,
  tenantId: string,
  override: Omit<ForecastOverride, 'subjectName'>,
): Promise<void> {
  await trx
    .insertInto('forecast_overrides')
    .values({
      tenant_id: tenantId,
      id: override.id,
      subject_type: override.subjectType,
      subject_id: override.subjectId,
      pipeline_id: override.pipelineId,
      period_start: override.periodStart,
      period_end: override.periodEnd,
      category: override.category,
      amount_minor: override.amountMinor,
      currency: override.currency,
      note: override.note,
      set_by: override.setBy,
      set_at: override.setAt,
    })
    .execute();
}

/**
 * The overrides in force: the latest row (by set_at, then id, which is time-ordered) per
 * subject, pipeline, currency, period and category, with the subject's name.
 */
export async function latestForecastOverrides(
  db: Kysely<Database>,
  tenantId: string,
  query: OverrideQuery,
): Promise<ForecastOverride[]> {
  const where = [sql`fo.tenant_id = ${tenantId}`];
  if (query.pipelineId !== undefined) where.push(sql`fo.pipeline_id = ${query.pipelineId}`);
  if (query.currency !== undefined) where.push(sql`fo.currency = ${query.currency}`);
  if (query.periodStart !== undefined) where.push(sql`fo.period_start = ${query.periodStart}`);
  if (query.periodEnd !== undefined) where.push(sql`fo.period_end = ${query.periodEnd}`);
  if (query.subjectType !== undefined) where.push(sql`fo.subject_type = ${query.subjectType}`);
  if (query.subjectId !== undefined) where.push(sql`fo.subject_id = ${query.subjectId}`);
  const result = await sql<{
    id: string;
    subject_type: string;
    subject_id: string;
    subject_name: string | null;
    pipeline_id: string;
    period_start: string;
    period_end: string;
    category: string;
    amount_minor: unknown;
    currency: string;
    note: string | null;
    set_by: string | null;
    set_at: string;
  }>`
    select fo.id, fo.subject_type, fo.subject_id, coalesce(u.name, t.name) as subject_name,
      fo.pipeline_id, fo.period_start, fo.period_end, fo.category, fo.amount_minor,
      fo.currency, fo.note, fo.set_by, fo.set_at
    from forecast_overrides fo
    left join users u on fo.subject_type = 'user' and u.tenant_id = fo.tenant_id and u.id = fo.subject_id
    left join teams t on fo.subject_type = 'team' and t.tenant_id = fo.tenant_id and t.id = fo.subject_id
    where ${sql.join(where, sql` and `)}
      and not exists (
        select 1 from forecast_overrides newer
        where newer.tenant_id = fo.tenant_id and newer.subject_type = fo.subject_type
          and newer.subject_id = fo.subject_id and newer.pipeline_id = fo.pipeline_id
          and newer.currency = fo.currency and newer.period_start = fo.period_start
          and newer.period_end = fo.period_end and newer.category = fo.category
          and (newer.set_at > fo.set_at or (newer.set_at = fo.set_at and newer.id > fo.id)))
    order by fo.period_start desc, fo.subject_type, fo.subject_id, fo.category`.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    subjectType: row.subject_type === 'team' ? 'team' : 'user',
    subjectId: row.subject_id,
    subjectName: row.subject_name,
    pipelineId: row.pipeline_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    category: row.category as ForecastOverride['category'],
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    note: row.note,
    setBy: row.set_by,
    setAt: row.set_at,
  }));
}
