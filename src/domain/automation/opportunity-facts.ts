import type { Opportunity } from '../opportunities/opportunity.js';
import type { FactValue } from './rule.js';

/**
 * A deal as conditions see it: flat fields by name. Custom fields appear as `custom.<key>`.
 * These names are the public vocabulary of `field` conditions and `field_changed` triggers
 * (docs/automation.md lists them).
 */
export const opportunityFactFields = [
  'name',
  'ownerId',
  'accountId',
  'pipelineId',
  'stageId',
  'status',
  'amountMinor',
  'currency',
  'expectedCloseDate',
  'nextStep',
  'nextStepDate',
  'timeline',
  'source',
  'tags',
  'competitors',
] as const;

export function opportunityFacts(deal: Opportunity): Record<string, FactValue> {
  const fields: Record<string, FactValue> = {
    name: deal.name,
    ownerId: deal.ownerId,
    accountId: deal.accountId,
    pipelineId: deal.pipelineId,
    stageId: deal.stageId,
    status: deal.status,
    amountMinor: deal.amount.amountMinor,
    currency: deal.amount.currency,
    expectedCloseDate: deal.expectedCloseDate,
    nextStep: deal.nextStep,
    nextStepDate: deal.nextStepDate,
    timeline: deal.timeline,
    source: deal.source,
    tags: [...deal.tags],
    competitors: [...deal.competitors],
  };
  for (const [key, value] of Object.entries(deal.customFields)) fields[`custom.${key}`] = value;
  return fields;
}
