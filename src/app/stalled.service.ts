import type { Kysely } from 'kysely';
import type { Money } from '../domain/money.js';
import { daysBefore, wholeDaysBetween } from '../domain/days.js';
import { notFound } from '../domain/errors.js';
import type { Stage } from '../domain/pipeline/pipeline.js';
import {
  detectStall,
  DWELL_HISTORY_DAYS,
  DWELL_SAMPLE_MAX,
  stallWindow,
} from '../domain/pipeline/stalled.js';
import type { StallCode, StallFlag, StallWindow } from '../domain/pipeline/stalled.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { dwellPercentiles } from '../store/dwell-stats.repo.js';
import { decodeCursor, encodeCursor } from '../store/pagination.js';
import type { Page } from '../store/pagination.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import { listStallCandidates, stalledOrder } from '../store/stalled.repo.js';
import type { StallCandidate } from '../store/stalled.repo.js';
import { usersInTeamSubtree } from '../store/teams.repo.js';
import type { Database } from '../store/schema.js';
import { findTenantById } from '../store/tenants.repo.js';
import { authorize, visibilityOf } from './access.js';
import type { AppContext } from './context.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './listing.js';
import { assertFilterReferences } from './references.js';
import { dbFor } from './transaction.js';

export interface StalledFilter {
  readonly pipelineId?: string;
  readonly ownerId?: string;
  /** Deals owned by anyone in this team or the teams below it. */
  readonly teamId?: string;
  /** Only deals carrying this flag (with all their flags). */
  readonly code?: StallCode;
}

export interface StalledDeal {
  readonly opportunity: {
    readonly id: string;
    readonly name: string;
    readonly ownerId: string;
    readonly pipelineId: string;
    readonly stageId: string;
    readonly amount: Money;
    readonly stageEnteredAt: string;
    readonly nextStepDate: string | null;
    readonly lastActivityAt: string | null;
    /** Whole days in the current stage. */
    readonly daysInStage: number;
  };
  readonly flags: readonly StallFlag[];
}

/**
 * Candidates read per query, and queries per page at most. The database returns only deals
 * inside a stage's window, which is exact for every flag but `required_actions_pending`
 * (SQL does not see which actions are done), so a page seldom needs a second read; the cap
 * keeps a request bounded even when it does, and the cursor resumes where the scan stopped.
 */
const BATCH = 50;
const MAX_READS = 8;

async function ownersOf(
  db: Kysely<Database>,
  tenantId: string,
  filter: StalledFilter,
): Promise<readonly string[] | undefined> {
  if (!filter.teamId) return filter.ownerId ? [filter.ownerId] : undefined;
  const team = await usersInTeamSubtree(db, tenantId, filter.teamId);
  return filter.ownerId ? team.filter((id) => id === filter.ownerId) : team;
}

function toStalledDeal(deal: StallCandidate, flags: readonly StallFlag[], now: Date): StalledDeal {
  const { id, name, ownerId, pipelineId, stageId, amount, stageEnteredAt, nextStepDate } = deal;
  return {
    opportunity: {
      id,
      name,
      ownerId,
      pipelineId,
      stageId,
      amount,
      stageEnteredAt,
      nextStepDate,
      lastActivityAt: deal.lastActivityAt,
      daysInStage: wholeDaysBetween(stageEnteredAt, now),
    },
    flags,
  };
}

const cursorOf = (deal: StallCandidate) =>
  encodeCursor(stalledOrder.key, deal.stageEnteredAt, deal.id);

/**
 * Stalled deals the principal can see, longest in their stage first (the deals a pipeline
 * review should start with), each with every flag and its evidence. Only deals with at
 * least one flag are listed; a page may hold fewer than `limit` deals while `nextCursor`
 * is set, when the scan cap was reached.
 */
export async function listStalled(
  ctx: AppContext,
  principal: Principal,
  filter: StalledFilter,
  list: { readonly limit?: number; readonly cursor?: string },
): Promise<Page<StalledDeal>> {
  authorize(principal, 'opportunities.read');
  // A bad cursor is the caller's mistake even when no stage could flag anything.
  if (list.cursor !== undefined) decodeCursor(list.cursor, stalledOrder.key);
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'pipelineId', table: 'pipelines', id: filter.pipelineId },
    { field: 'ownerId', table: 'users', id: filter.ownerId },
    { field: 'teamId', table: 'teams', id: filter.teamId },
  ]);
  const tenant = await findTenantById(db, principal.tenantId);
  if (!tenant) throw notFound('tenant');
  const now = ctx.clock.now();
  const pipelines = await loadPipelines(db, principal.tenantId, {
    ...(filter.pipelineId ? { ids: [filter.pipelineId] } : {}),
    includeArchived: true,
  });
  const stages = new Map<string, Stage>(
    pipelines.flatMap((p) => p.stages.filter((s) => s.kind === 'open').map((s) => [s.id, s])),
  );
  const stats = await dwellPercentiles(
    db,
    principal.tenantId,
    [...stages.keys()],
    daysBefore(now, DWELL_HISTORY_DAYS),
    DWELL_SAMPLE_MAX,
  );
  const windows = [...stages.values()]
    .map((stage) =>
      stallWindow(stage, stats.get(stage.id) ?? null, now, tenant.timeZone, filter.code),
    )
    .filter((window): window is StallWindow => window !== null);
  const ownerIds = await ownersOf(db, principal.tenantId, filter);
  const visibility = await visibilityOf(db, principal);
  const limit = Math.min(Math.max(list.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const batch = Math.max(limit, BATCH);
  const items: StalledDeal[] = [];
  let cursor = list.cursor ?? null;
  for (let read = 0; read < MAX_READS; read++) {
    const rows = await listStallCandidates(
      db,
      principal.tenantId,
      {
        ...(filter.pipelineId ? { pipelineId: filter.pipelineId } : {}),
        ...(ownerIds ? { ownerIds } : {}),
        windows,
      },
      { limit: batch, cursor, sort: stalledOrder, direction: 'asc' },
      visibility,
    );
    const scanned = rows.slice(0, batch);
    const more = rows.length > batch;
    for (const [index, deal] of scanned.entries()) {
      const stage = stages.get(deal.stageId);
      const flags = stage
        ? detectStall(deal, stage, stats.get(deal.stageId) ?? null, now, tenant.timeZone)
        : [];
      const wanted = filter.code === undefined || flags.some((f) => f.code === filter.code);
      if (flags.length > 0 && wanted) items.push(toStalledDeal(deal, flags, now));
      if (items.length === limit) {
        const rest = index < scanned.length - 1 || more;
        return { items, nextCursor: rest ? cursorOf(deal) : null };
      }
    }
    const last = scanned.at(-1);
    if (!more || !last) return { items, nextCursor: null };
    cursor = cursorOf(last);
  }
  return { items, nextCursor: cursor };
}
