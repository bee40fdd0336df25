import type { Opportunity, StageHistoryEntry } from '../opportunities/opportunity.js';
import { accountRef, createdAt, namedOwner } from './row-context.js';
import type { AccountRef, ParseContext } from './row-context.js';
import type { RowReader } from './row-reader.js';
import { findPipeline, findStage } from './references.js';

export type OpportunityDraft = Omit<Opportunity, 'id' | 'accountId'> & {
  readonly account: AccountRef;
  /** Where the deal's recorded history starts (the pipeline's first open stage). */
  readonly firstStageId: string;
};

/**
 * A deal from one row, created directly in its stage: imports are history, not moves, so
 * no gate is evaluated. A won or lost deal needs the day it closed, after the day it was
 * created; an open deal has no close date (map the source's to `expectedCloseDate`).
 */
export function parseOpportunityRow(reader: RowReader, ctx: ParseContext): OpportunityDraft | null {
  const account = accountRef(reader) ?? { name: null, creditCode: null };
  const pipelineKey = reader.reference('pipeline') ?? ctx.pipelineKey;
  const pipeline = findPipeline(ctx.pipelines, pipelineKey);
  if (!pipeline.ok) return reader.fail('pipeline', pipeline.code, pipelineKey ?? '');
  const stageText = reader.reference('stage');
  const stage = findStage(pipeline.value, stageText);
  const first = findStage(pipeline.value, null);
  if (!stage.ok || !first.ok) return reader.fail('stage', 'unknown_stage', stageText ?? '');
  const status = stage.value.kind;
  // No owner in the row: the importer (the CLI has none, so the file must say).
  const named = namedOwner(reader, ctx, status === 'open');
  const ownerId = named === undefined ? ctx.importerId : named;
  if (ownerId === null && named === undefined) reader.fail('owner', 'required');
  const currency = reader.currency('currency', ctx.currency);
  const amount = reader.amount('amount', currency) ?? 0;
  const budget = reader.amount('budget', currency);
  const created = createdAt(reader, ctx);
  const closedAt = reader.instant('closedAt');
  if (status === 'open' && closedAt !== null)
    reader.fail('closedAt', 'closed_at_on_open', closedAt);
  if (status !== 'open') {
    if (closedAt === null) {
      if (reader.raw('closedAt') === null) reader.fail('closedAt', 'required');
    } else if (closedAt < created) reader.fail('closedAt', 'closed_before_created', closedAt);
    else if (closedAt > ctx.now) reader.fail('closedAt', 'in_future', closedAt);
  }
  return {
    account,
    firstStageId: first.value.id,
    name: reader.text('name', 200, true) ?? '',
    primaryContactId: null,
    ownerId: ownerId ?? '',
    pipelineId: pipeline.value.id,
    stageId: stage.value.id,
    status,
    amount: { amountMinor: amount, currency },
    expectedCloseDate: reader.calendarDate('expectedCloseDate'),
    budget: budget === null ? null : { amountMinor: budget, currency },
    timeline: reader.text('timeline', 1000),
    nextStep: reader.text('nextStep', 1000),
    nextStepDate: reader.calendarDate('nextStepDate'),
    competitors: reader.list('competitors'),
    source: reader.text('source'),
    sourceLeadId: null,
    products: [],
    customFields: {},
    tags: [],
    deadlineAt: null,
    deadlineLevel: 0,
    stageEnteredAt: status === 'open' ? created : (closedAt ?? created),
    closedAt: status === 'open' ? null : closedAt,
    createdAt: created,
    updatedAt: ctx.now,
    deletedAt: null,
    version: 1,
  };
}

/**
 * The stage history an imported deal gets, so dwell and funnel analytics over imported
 * history hold: an open deal entered its stage when it was created; a closed one spent
 * created → closed in the pipeline's first open stage (the file does not say which open
 * stages it passed) and entered its won or lost stage when it closed.
 */
export function importedHistory(
  opportunity: Opportunity,
  firstStageId: string,
  newId: () => string,
  movedBy: string | null,
): StageHistoryEntry[] {
  const entry = (
    stageId: string,
    fromStageId: string | null,
    enteredAt: string,
    leftAt: string | null,
  ) => ({
    id: newId(),
    opportunityId: opportunity.id,
    pipelineId: opportunity.pipelineId,
    stageId,
    fromStageId,
    enteredAt,
    leftAt,
    movedBy,
    reason: null,
    amount: opportunity.amount,
  });
  if (opportunity.closedAt === null)
    return [entry(opportunity.stageId, null, opportunity.createdAt, null)];
  return [
    entry(firstStageId, null, opportunity.createdAt, opportunity.closedAt),
    entry(opportunity.stageId, firstStageId, opportunity.closedAt, null),
  ];
}
