import type { Kysely } from 'kysely';
import { isCalendarDate } from '../domain/analytics/period.js';
import { DomainError, notFound, versionConflict } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  findForecastCall,
  insertForecastOverride,
  latestForecastOverrides,
  saveForecastCall,
} from '../store/forecast-calls.repo.js';
import type { ForecastOverride, OverrideQuery } from '../store/forecast-calls.repo.js';
import type { Database } from '../store/schema.js';
import { teamsInManagedSubtree, usersInManagedSubtree } from '../store/teams.repo.js';
import { assertVisible, authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

/**
 * Forecast calls. A rep calls each of their open deals commit / best case / pipeline /
 * omitted (null: the stage's category); the owner sets it, or a manager or admin who sees
 * the deal. Managers record their own call on a rep's or a team's forecast for a period as
 * an override: rows are only ever added, so the history of calls stays, and the latest per
 * subject, pipeline, currency, period and category is the one in force. Admins override and
 * read anyone's; a manager those of the people and teams in the teams they manage (and
 * below); nobody else does either (403).
 */
export const repCategories = ['commit', 'best_case', 'pipeline', 'omitted'] as const;
export const overrideCategories = ['commit', 'best_case', 'pipeline'] as const;

export interface ForecastCallInput {
  readonly category: (typeof repCategories)[number] | null;
  readonly version?: number;
}

export interface ForecastCall {
  readonly opportunityId: string;
  readonly category: (typeof repCategories)[number] | null;
  readonly version: number;
}

export async function setForecastCategory(
  ctx: AppContext,
  principal: Principal,
  opportunityId: string,
  input: ForecastCallInput,
): Promise<ForecastCall> {
  authorize(principal, 'opportunities.write');
  return inTransaction(ctx, async (trx) => {
    await assertVisible(trx, principal, 'opportunities', opportunityId, 'opportunity');
    const deal = await findForecastCall(trx, principal.tenantId, opportunityId);
    if (!deal) throw notFound('opportunity');
    const mayCall =
      deal.ownerId === principal.userId ||
      principal.role === 'manager' ||
      principal.role === 'admin';
    if (!mayCall) throw new DomainError('forbidden', { action: 'forecast.call' });
    if (deal.status !== 'open') throw new DomainError('opportunity_closed');
    if (input.version !== undefined && input.version !== deal.version)
      throw versionConflict('opportunity');
    const saved = await saveForecastCall(trx, principal.tenantId, {
      id: opportunityId,
      category: input.category,
      version: deal.version,
      at: nowIso(ctx),
    });
    if (!saved) throw versionConflict('opportunity');
    await recordAudit(trx, ctx, principal, {
      entityType: 'opportunity',
      entityId: opportunityId,
      action: 'update',
      before: { forecastCategory: deal.forecastCategory },
      after: { forecastCategory: input.category },
    });
    return { opportunityId, category: input.category, version: deal.version + 1 };
  });
}

/** Subjects a principal may override and read overrides of; null: any (admins). */
export async function managedSubjects(
  db: Kysely<Database>,
  principal: Principal,
): Promise<{ users: Set<string>; teams: Set<string> } | null> {
  if (principal.role === 'admin') return null;
  if (principal.role !== 'manager' || principal.userId === null)
    throw new DomainError('forbidden', { action: 'forecast.override' });
  return {
    users: new Set(await usersInManagedSubtree(db, principal.tenantId, principal.userId)),
    teams: new Set(await teamsInManagedSubtree(db, principal.tenantId, principal.userId)),
  };
}

export const manages = (
  managed: { users: Set<string>; teams: Set<string> } | null,
  subject: { subjectType: 'user' | 'team'; subjectId: string },
) =>
  managed === null ||
  (subject.subjectType === 'user' ? managed.users : managed.teams).has(subject.subjectId);

export interface OverrideInput {
  readonly subjectType: 'user' | 'team';
  readonly subjectId: string;
  readonly pipelineId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly category: (typeof overrideCategories)[number];
  readonly amountMinor: number;
  readonly currency: string;
  readonly note?: string | null;
}

function assertPeriod(start: string, end: string): void {
  const issues = [
    ...(isCalendarDate(start) ? [] : ['periodStart']),
    ...(isCalendarDate(end) ? [] : ['periodEnd']),
  ].map((path) => ({ path, code: 'invalid_date', message: `${path} must be a date` }));
  if (issues.length === 0 && start > end)
    issues.push({
      path: 'periodEnd',
      code: 'invalid_period',
      message: 'periodEnd is before periodStart',
    });
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
}

/** 422 unless the subject filter names a user or team of the tenant (either, untyped). */
async function assertSubject(db: Kysely<Database>, principal: Principal, query: OverrideQuery) {
  const check = (table: 'users' | 'teams') =>
    assertFilterReferences(db, principal, [{ field: 'subjectId', table, id: query.subjectId }]);
  if (query.subjectType === 'user') return check('users');
  if (query.subjectType === 'team') return check('teams');
  try {
    await check('users');
  } catch {
    await check('teams');
  }
}

export async function createForecastOverride(
  ctx: AppContext,
  principal: Principal,
  input: OverrideInput,
): Promise<ForecastOverride> {
  assertPeriod(input.periodStart, input.periodEnd);
  return inTransaction(ctx, async (trx) => {
    const managed = await managedSubjects(trx, principal);
    await assertReferences(trx, principal, [
      { field: 'pipelineId', table: 'pipelines', id: input.pipelineId },
      {
        field: 'subjectId',
        table: input.subjectType === 'user' ? 'users' : 'teams',
        id: input.subjectId,
      },
    ]);
    if (!manages(managed, input))
      throw new DomainError('forbidden', { action: 'forecast.override' });
    const override = {
      id: ctx.newId(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      pipelineId: input.pipelineId,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      category: input.category,
      amountMinor: input.amountMinor,
      currency: input.currency,
      note: input.note ?? null,
      setBy: principal.userId,
      setAt: nowIso(ctx),
    };
    await insertForecastOverride(trx, principal.tenantId, override);
    await recordAudit(trx, ctx, principal, {
      entityType: 'forecast_override',
      entityId: override.id,
      action: 'create',
      before: null,
      after: override,
    });
    const [stored] = await latestForecastOverrides(trx, principal.tenantId, {
      subjectType: override.subjectType,
      subjectId: override.subjectId,
      pipelineId: override.pipelineId,
      currency: override.currency,
      periodStart: override.periodStart,
      periodEnd: override.periodEnd,
    }).then((rows) => rows.filter((row) => row.id === override.id));
    return stored ?? { ...override, subjectName: null };
  });
}

/** The overrides in force that the principal may read (managers: their subjects only). */
export async function listForecastOverrides(
  ctx: AppContext,
  principal: Principal,
  query: OverrideQuery,
): Promise<ForecastOverride[]> {
  const db = dbFor(ctx);
  const managed = await managedSubjects(db, principal);
  if (query.periodStart !== undefined || query.periodEnd !== undefined)
    assertPeriod(query.periodStart ?? '0000-01-01', query.periodEnd ?? '9999-12-31');
  await assertFilterReferences(db, principal, [
    { field: 'pipelineId', table: 'pipelines', id: query.pipelineId },
  ]);
  if (query.subjectId !== undefined) await assertSubject(db, principal, query);
  const rows = await latestForecastOverrides(db, principal.tenantId, query);
  return rows.filter((row) => manages(managed, row));
}
