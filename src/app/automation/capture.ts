import type { Kysely } from 'kysely';
import { changedFieldsBetween } from '../../domain/automation/event.js';
import type { AutomationEvent } from '../../domain/automation/event.js';
import { leadFacts } from '../../domain/automation/lead-facts.js';
import { opportunityFacts } from '../../domain/automation/opportunity-facts.js';
import type { TriggerType } from '../../domain/automation/rule.js';
import type { ScoredLead } from '../../domain/leads/lead.js';
import type { Opportunity } from '../../domain/opportunities/opportunity.js';
import { insertEvent } from '../../store/automation-events.repo.js';
import { listensFor } from '../../store/automation-rules.repo.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { causeChain } from './cause.js';

/**
 * Records what a change to a deal means for automation, in the transaction of the change:
 * the event exists exactly when the change does, and the engine picks it up after the commit.
 * A tenant with no enabled rule for these triggers gets no event rows at all.
 *
 * - created: `before` is null.
 * - an update: field_changed with the fields that differ.
 * - a stage move: stage_left and stage_entered (and field_changed for the stage and the
 *   rest, so a rule on `stageId` or `status` sees it too).
 */
export async function recordDealEvents(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  before: Opportunity | null,
  after: Opportunity,
): Promise<void> {
  const changedFields = before
    ? changedFieldsBetween(opportunityFacts(before), opportunityFacts(after))
    : [];
  const types: TriggerType[] = [];
  if (!before) types.push('created');
  else {
    if (before.stageId !== after.stageId) types.push('stage_left', 'stage_entered');
    if (changedFields.length > 0) types.push('field_changed');
  }
  if (types.length === 0 || !(await listensFor(trx, tenantId, 'opportunity', types))) return;
  const chain = causeChain();
  const occurredAt = nowIso(ctx);
  for (const type of types) {
    const event: AutomationEvent = {
      id: ctx.newId(),
      type,
      entity: { type: 'opportunity', id: after.id },
      changedFields: type === 'field_changed' ? changedFields : [],
      fromStageId: before && before.stageId !== after.stageId ? before.stageId : null,
      toStageId: !before || before.stageId !== after.stageId ? after.stageId : null,
      ruleId: null,
      chain,
      occurredAt,
    };
    await insertEvent(trx, tenantId, event, null);
  }
}

/**
 * The same for a lead: created, or field_changed with the fields that differ — from the
 * lead services a person uses (create, edit, the ownership endpoint), so a claim, a release
 * or a status change (qualification) is seen like any edit. Leads have no stages.
 */
export async function recordLeadEvents(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  before: ScoredLead | null,
  after: ScoredLead,
): Promise<void> {
  const changedFields = before ? changedFieldsBetween(leadFacts(before), leadFacts(after)) : [];
  const type: TriggerType | null = !before
    ? 'created'
    : changedFields.length > 0
      ? 'field_changed'
      : null;
  if (!type || !(await listensFor(trx, tenantId, 'lead', [type]))) return;
  const event: AutomationEvent = {
    id: ctx.newId(),
    type,
    entity: { type: 'lead', id: after.id },
    changedFields,
    fromStageId: null,
    toStageId: null,
    ruleId: null,
    chain: causeChain(),
    occurredAt: nowIso(ctx),
  };
  await insertEvent(trx, tenantId, event, null);
}
