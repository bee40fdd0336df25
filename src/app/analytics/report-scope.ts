import type { Kysely } from 'kysely';
import { calendarDate } from '../../domain/days.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { isCalendarDate, periodOf } from '../../domain/analytics/period.js';
import type { Period } from '../../domain/analytics/period.js';
import type { Pipeline } from '../../domain/pipeline/pipeline.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import type { DealScope } from '../../store/analytics/deal-scope.js';
import { loadPipelines } from '../../store/pipelines.repo.js';
import type { Database } from '../../store/schema.js';
import { usersInTeamSubtree } from '../../store/teams.repo.js';
import { findTenantById } from '../../store/tenants.repo.js';
import { authorize, visibilityOf } from '../access.js';
import type { AppContext } from '../context.js';
import { assertFilterReferences } from '../references.js';
import { dbFor } from '../transaction.js';

/** The filters every report takes (API query, CLI options). */
export interface ReportFilter {
  /** Default: the tenant's default pipeline. */
  readonly pipelineId?: string;
  /** Local dates in the tenant's zone, inclusive. Default: the last 12 calendar months. */
  readonly from?: string;
  readonly to?: string;
  /** Deals owned by members of this team or any team below it. */
  readonly teamId?: string;
  readonly ownerId?: string;
  /** Default: the tenant's default currency. */
  readonly currency?: string;
}

/** A report's resolved question: which deals, which period, whose eyes. */
export interface ReportScope extends DealScope {
  readonly pipeline: Pipeline;
  readonly period: Period;
  readonly timeZone: string;
  readonly now: Date;
  /** Today in the tenant's zone. */
  readonly today: string;
  /**
   * The filters as given (targets and bottlenecks are per team; receivables reports span
   * every pipeline and currency unless one is named).
   */
  readonly filter?: {
    readonly teamId?: string;
    readonly ownerId?: string;
    readonly pipelineId?: string;
    readonly currency?: string;
  };
}

export interface ReportContext {
  readonly db: Kysely<Database>;
  readonly scope: ReportScope;
  readonly app: AppContext;
  readonly principal: Principal;
}

/** Longest period a report accepts: ten years of days keeps every bucket list bounded. */
export const MAX_PERIOD_DAYS = 3660;

function invalid(path: string, message: string): DomainError {
  return new DomainError('validation_failed', {}, [{ path, code: 'invalid_period', message }]);
}

/** The first day of the month eleven months before `date`'s: twelve calendar months. */
export function twelveMonthsEndingWith(date: string): string {
  const months = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - 11;
  const year = Math.floor(months / 12);
  return `${String(year).padStart(4, '0')}-${String((months % 12) + 1).padStart(2, '0')}-01`;
}

function resolvePeriod(filter: ReportFilter, today: string, timeZone: string): Period {
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value !== undefined && !isCalendarDate(value))
      throw invalid(field, `${field} must be a date (YYYY-MM-DD)`);
  }
  const to = filter.to ?? today;
  const from = filter.from ?? twelveMonthsEndingWith(to);
  if (from > to) throw invalid('from', 'from must not be after to');
  if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_DAYS * 86_400_000)
    throw invalid('to', `a period may span at most ${MAX_PERIOD_DAYS} days`);
  return periodOf(from, to, timeZone);
}

/**
 * Resolves a report's filters for a principal: checks every id names something the caller
 * may see (422 otherwise, like list filters), turns team and owner into the owners whose
 * deals count, and fixes the period in the tenant's calendar.
 */
export async function resolveReportScope(
  app: AppContext,
  principal: Principal,
  filter: ReportFilter,
): Promise<ReportContext> {
  authorize(principal, 'opportunities.read');
  const db = dbFor(app);
  await assertFilterReferences(db, principal, [
    { field: 'pipelineId', table: 'pipelines', id: filter.pipelineId },
    { field: 'ownerId', table: 'users', id: filter.ownerId },
    { field: 'teamId', table: 'teams', id: filter.teamId },
  ]);
  const tenant = await findTenantById(db, principal.tenantId);
  if (!tenant) throw notFound('tenant');
  const pipelines = await loadPipelines(db, principal.tenantId, { includeArchived: true });
  const pipeline =
    filter.pipelineId === undefined
      ? (pipelines.find((p) => p.isDefault && p.archivedAt === null) ??
        pipelines.find((p) => p.archivedAt === null))
      : pipelines.find((p) => p.id === filter.pipelineId);
  if (!pipeline) throw notFound('pipeline');
  const now = app.clock.now();
  const today = calendarDate(now, tenant.timeZone);
  let ownerIds: string[] | null = null;
  if (filter.teamId !== undefined)
    ownerIds = await usersInTeamSubtree(db, principal.tenantId, filter.teamId);
  if (filter.ownerId !== undefined)
    ownerIds = (ownerIds ?? [filter.ownerId]).filter((id) => id === filter.ownerId);
  return {
    db,
    app,
    principal,
    scope: {
      tenantId: principal.tenantId,
      pipelineId: pipeline.id,
      pipeline,
      currency: filter.currency ?? tenant.defaultCurrency,
      ownerIds,
      visibility: await visibilityOf(db, principal),
      period: resolvePeriod(filter, today, tenant.timeZone),
      timeZone: tenant.timeZone,
      now,
      today,
      filter: {
        teamId: filter.teamId,
        ownerId: filter.ownerId,
        pipelineId: filter.pipelineId,
        currency: filter.currency,
      },
    },
  };
}
