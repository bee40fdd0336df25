import { z } from 'zod';
import { boardSortValues } from '../../app/board.service.js';
import { BOARD_CARD_CAP, MAX_CLOSED_DAYS } from '../../domain/board/board.js';
import { MAX_TAG_LENGTH } from '../../domain/opportunities/tags.js';
import { opportunityStatuses } from '../../domain/opportunities/opportunity.js';
import { stallCodes } from '../../domain/pipeline/stalled.js';
import { AmountMinor, Currency, DateOnly, Id, Money, TimestampOut } from './common.js';
import { StageSummary } from './pipeline.schema.js';

/**
 * The board's filters. The same fields (and rules) in a board's query string and in a
 * saved view's `filters` object; only the parsing differs (query strings carry text).
 */
const filterFields = {
  teamId: Id.describe('Deals owned by this team or a team below it'),
  closeFrom: DateOnly.describe('Expected close date on or after this date'),
  closeTo: DateOnly.describe('Expected close date on or before this date'),
  currency: Currency.describe('Deals in this currency (required with amountMin/amountMax)'),
  tag: z.string().trim().min(1).max(MAX_TAG_LENGTH).describe('Deals carrying this tag (any case)'),
  q: z.string().trim().min(1).max(200).describe('Text in the deal name'),
  include: z.enum(['closed']).describe('closed: also deals won or lost in the last closedDays'),
};
const OwnerIds = z.array(Id).max(100).readonly();
const closedDays = (n: z.ZodNumber) =>
  n.int().min(1).max(MAX_CLOSED_DAYS).describe('With include=closed: days back (default 30)');

export const BoardFilters = z
  .strictObject({
    ownerIds: OwnerIds.optional().describe('Deals owned by one of these people'),
    teamId: filterFields.teamId.optional(),
    closeFrom: filterFields.closeFrom.optional(),
    closeTo: filterFields.closeTo.optional(),
    amountMin: AmountMinor.optional(),
    amountMax: AmountMinor.optional(),
    currency: filterFields.currency.optional(),
    tag: filterFields.tag.optional(),
    q: filterFields.q.optional(),
    include: filterFields.include.optional(),
    closedDays: closedDays(z.number()).optional(),
  })
  .meta({ id: 'BoardFilters', description: 'The filters of GET /pipelines/{id}/board' });

export const BoardQuery = z.strictObject({
  ownerIds: z
    .union([Id, OwnerIds])
    .optional()
    .describe('Deals owned by one of these people (repeat the parameter for several)'),
  teamId: filterFields.teamId.optional(),
  closeFrom: filterFields.closeFrom.optional(),
  closeTo: filterFields.closeTo.optional(),
  amountMin: z.coerce.number().pipe(AmountMinor).optional(),
  amountMax: z.coerce.number().pipe(AmountMinor).optional(),
  currency: filterFields.currency.optional(),
  tag: filterFields.tag.optional(),
  q: filterFields.q.optional(),
  include: filterFields.include.optional(),
  closedDays: closedDays(z.coerce.number()).optional(),
  sort: z.enum(boardSortValues).optional().describe('Card order, ties by id; default -amount'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(BOARD_CARD_CAP)
    .optional()
    .describe(`At most this many cards (default and maximum ${BOARD_CARD_CAP})`),
});

export const BoardCard = z
  .object({
    id: Id,
    name: z.string(),
    stageId: Id,
    status: z.enum(opportunityStatuses),
    amount: Money,
    weightedAmount: Money.describe('amount × the stage probability'),
    expectedCloseDate: z.string().nullable(),
    owner: z.object({ id: Id, name: z.string() }),
    account: z.object({ id: Id, name: z.string() }),
    tags: z.array(z.string()).readonly(),
    stalled: z.boolean().describe('Flagged by the stalled-deal rules (see stallCodes)'),
    stallCodes: z.array(z.enum(stallCodes)).readonly(),
    overdue: z
      .boolean()
      .describe(
        'Open, and the expected close date is past (tenant calendar) or a follow-up is due',
      ),
    daysInStage: z.number().int(),
    stageEnteredAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'BoardCard' });

export const Board = z
  .object({
    pipelineId: Id,
    today: z.string().describe("The tenant's calendar date the overdue flags were judged on"),
    columns: z.array(StageSummary),
    cards: z.array(BoardCard),
    total: z.number().int().describe('Matching deals (the sum of the column counts)'),
    truncated: z.boolean().describe('More deals match than the cards returned'),
  })
  .meta({ id: 'Board' });
