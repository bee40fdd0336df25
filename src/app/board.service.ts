import type { Kysely } from 'kysely';
import {
  BOARD_CARD_CAP,
  checkBoardFilter,
  DEFAULT_CLOSED_DAYS,
  isOverdue,
  weightedMinor,
} from '../domain/board/board.js';
import type { BoardFilter } from '../domain/board/board.js';
import { calendarDate, daysBefore, wholeDaysBetween } from '../domain/days.js';
import { notFound } from '../domain/errors.js';
import type { Money } from '../domain/money.js';
import type { OpportunityStatus } from '../domain/opportunities/opportunity.js';
import type { Stage } from '../domain/pipeline/pipeline.js';
import { detectStall, DWELL_HISTORY_DAYS, DWELL_SAMPLE_MAX } from '../domain/pipeline/stalled.js';
import type { StallCode } from '../domain/pipeline/stalled.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { boardCards, boardColumns, boardSorts } from '../store/board.repo.js';
import type { BoardCardRow, BoardScope, BoardSortKey } from '../store/board.repo.js';
import { dwellPercentiles } from '../store/dwell-stats.repo.js';
import { tagsFor } from '../store/opportunity-tags.repo.js';
import type { Database } from '../store/schema.js';
import { doneActionsOf } from '../store/stalled.repo.js';
import { usersInTeamSubtree } from '../store/teams.repo.js';
import { findTenantById } from '../store/tenants.repo.js';
import { authorize, visibilityOf } from './access.js';
import type { AppContext } from './context.js';
import { stageSummaries } from './pipeline-summary.service.js';
import type { StageSummary } from './pipeline-summary.service.js';
import { getPipeline } from './pipelines.service.js';
import { assertFilterReferences } from './references.js';
import { dbFor } from './transaction.js';

export type BoardSort = BoardSortKey | `-${BoardSortKey}`;

/** The card orders a request may ask for (`-` for descending). */
export const boardSortValues = (Object.keys(boardSorts) as BoardSortKey[]).flatMap(
  (key): BoardSort[] => [key, `-${key}`],
) as [BoardSort, ...BoardSort[]];

export interface BoardRequest extends BoardFilter {
  /** `amount`, `-amount`, …: the card order (ties by id); default `-amount`. */
  readonly sort?: BoardSort;
  /** At most this many cards (1–5,000, default 5,000). */
  readonly limit?: number;
}

export interface BoardCard {
  readonly id: string;
  readonly name: string;
  readonly stageId: string;
  readonly status: OpportunityStatus;
  readonly amount: Money;
  readonly weightedAmount: Money;
  readonly expectedCloseDate: string | null;
  readonly owner: { readonly id: string; readonly name: string };
  readonly account: { readonly id: string; readonly name: string };
  readonly tags: readonly string[];
  readonly stalled: boolean;
  /** The stalled-deal flags (as GET /opportunities/stalled reports them). */
  readonly stallCodes: readonly StallCode[];
  readonly overdue: boolean;
  readonly daysInStage: number;
  readonly stageEnteredAt: string;
  readonly version: number;
}

export interface Board {
  readonly pipelineId: string;
  /** The tenant's calendar date the overdue flags were judged on. */
  readonly today: string;
  /** Every stage of the pipeline, in order, with the totals of every matching deal. */
  readonly columns: StageSummary[];
  readonly cards: BoardCard[];
  /** Matching deals (the sum of the column counts), cards or not. */
  readonly total: number;
  /** More deals match than the cards returned. */
  readonly truncated: boolean;
}

/** The owners a filter narrows to: named people, a team's subtree, or both (intersected). */
async function ownersOf(
  db: Kysely<Database>,
  tenantId: string,
  filter: BoardFilter,
): Promise<readonly string[] | undefined> {
  if (!filter.teamId) return filter.ownerIds;
  const team = await usersInTeamSubtree(db, tenantId, filter.teamId);
  return filter.ownerIds ? team.filter((id) => filter.ownerIds?.includes(id)) : team;
}

/** Checks a board filter for a principal: ranges (422), amounts need a currency, ids it may see. */
export async function assertBoardFilter(
  db: Kysely<Database>,
  principal: Principal,
  filter: BoardFilter,
): Promise<void> {
  checkBoardFilter(filter);
  await assertFilterReferences(db, principal, [
    ...(filter.ownerIds ?? []).map((id) => ({ field: 'ownerIds', table: 'users' as const, id })),
    { field: 'teamId', table: 'teams', id: filter.teamId },
  ]);
}

/**
 * One pipeline's board: the open deals the principal may see (and, with `include=closed`,
 * those won or lost lately) as compact cards, with every stage's totals. The same few
 * statements however many cards (no query per card): the cards, the column totals, the
 * cards' tags, the stages' dwell percentiles, and the key actions done on the deals the
 * stalled rules need them for.
 */
export async function pipelineBoard(
  ctx: AppContext,
  principal: Principal,
  pipelineId: string,
  { sort = '-amount', limit = BOARD_CARD_CAP, ...filter }: BoardRequest,
): Promise<Board> {
  authorize(principal, 'opportunities.read');
  const pipeline = await getPipeline(ctx, principal, pipelineId);
  const db = dbFor(ctx);
  await assertBoardFilter(db, principal, filter);
  const tenant = await findTenantById(db, principal.tenantId);
  if (!tenant) throw notFound('tenant');
  const now = ctx.clock.now();
  const today = calendarDate(now, tenant.timeZone);
  const ownerIds = await ownersOf(db, principal.tenantId, filter);
  const scope: BoardScope = {
    pipelineId: pipeline.id,
    ...(ownerIds ? { ownerIds } : {}),
    ...(filter.closeFrom ? { closeFrom: filter.closeFrom } : {}),
    ...(filter.closeTo ? { closeTo: filter.closeTo } : {}),
    ...(filter.amountMin !== undefined ? { amountMin: filter.amountMin } : {}),
    ...(filter.amountMax !== undefined ? { amountMax: filter.amountMax } : {}),
    ...(filter.currency ? { currency: filter.currency } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
    ...(filter.q ? { q: filter.q } : {}),
    closedSince:
      filter.include === 'closed'
        ? daysBefore(now, filter.closedDays ?? DEFAULT_CLOSED_DAYS)
        : null,
  };
  const visibility = await visibilityOf(db, principal);
  const descending = sort.startsWith('-');
  const rows = await boardCards(
    db,
    principal.tenantId,
    scope,
    visibility,
    {
      key: (descending ? sort.slice(1) : sort) as BoardSortKey,
      direction: descending ? 'desc' : 'asc',
    },
    Math.min(limit, BOARD_CARD_CAP) + 1,
  );
  const shown = rows.slice(0, Math.min(limit, BOARD_CARD_CAP));
  const totals = await boardColumns(db, principal.tenantId, scope, visibility);
  const stages = new Map<string, Stage>(pipeline.stages.map((stage) => [stage.id, stage]));
  const flagsOf = await stallFlagger(db, principal.tenantId, pipeline.stages, shown, now);
  const tags = await tagsFor(
    db,
    principal.tenantId,
    shown.map((row) => row.id),
  );
  const cards = shown.map((row): BoardCard => {
    const codes = flagsOf(row, tenant.timeZone);
    const probability = stages.get(row.stageId)?.probability ?? 0;
    return {
      id: row.id,
      name: row.name,
      stageId: row.stageId,
      status: row.status,
      amount: { amountMinor: row.amountMinor, currency: row.currency },
      weightedAmount: {
        amountMinor: weightedMinor(row.amountMinor, probability),
        currency: row.currency,
      },
      expectedCloseDate: row.expectedCloseDate,
      owner: { id: row.ownerId, name: row.ownerName },
      account: { id: row.accountId, name: row.accountName },
      tags: tags.get(row.id) ?? [],
      stalled: codes.length > 0,
      stallCodes: codes,
      overdue: isOverdue(row, today, now),
      daysInStage: wholeDaysBetween(row.stageEnteredAt, now),
      stageEnteredAt: row.stageEnteredAt,
      version: row.version,
    };
  });
  const columns = stageSummaries(pipeline.stages, totals);
  const total = columns.reduce((sum, column) => sum + column.count, 0);
  return {
    pipelineId: pipeline.id,
    today,
    columns,
    cards,
    total,
    truncated: rows.length > shown.length,
  };
}

/**
 * The stalled-deal rules of `stalled.ts`, fed as GET /opportunities/stalled feeds them:
 * the tenant's dwell percentiles of the open stages, and the key actions done — read only
 * for deals in stages with required actions, the one flag that needs them.
 */
async function stallFlagger(
  db: Kysely<Database>,
  tenantId: string,
  stages: readonly Stage[],
  rows: readonly BoardCardRow[],
  now: Date,
): Promise<(row: BoardCardRow, timeZone: string) => StallCode[]> {
  const open = new Map(
    stages.filter((stage) => stage.kind === 'open').map((stage) => [stage.id, stage]),
  );
  const stats = await dwellPercentiles(
    db,
    tenantId,
    [...open.keys()],
    daysBefore(now, DWELL_HISTORY_DAYS),
    DWELL_SAMPLE_MAX,
  );
  const needsActions = rows.filter(
    (row) =>
      row.status === 'open' &&
      (open.get(row.stageId)?.rules.actions.some((action) => action.required) ?? false),
  );
  const done = await doneActionsOf(
    db,
    tenantId,
    needsActions.map((row) => row.id),
  );
  return (row, timeZone) => {
    const stage = open.get(row.stageId);
    if (!stage) return [];
    const facts = { ...row, doneActions: done.get(row.id) ?? new Set<string>() };
    return detectStall(facts, stage, stats.get(row.stageId) ?? null, now, timeZone).map(
      (flag) => flag.code,
    );
  };
}
