import type { ScoredLead } from '../leads/lead.js';
import type { FactValue } from './rule.js';

/**
 * A lead as conditions see it: flat fields by name, the public vocabulary of `field`
 * conditions and `field_changed` triggers on lead rules (docs/automation.md lists them).
 * `ownerId` is null while the lead waits in a public pool (`poolId` then names the pool).
 */
export const leadFactFields = [
  'name',
  'company',
  'title',
  'email',
  'phone',
  'industry',
  'region',
  'size',
  'language',
  'source',
  'campaign',
  'status',
  'disqualifyReason',
  'score',
  'ownerId',
  'poolId',
  'lifecycle',
  'deadlineAt',
  'bantBudgetMinor',
  'bantAuthority',
  'bantNeed',
  'bantTimeline',
] as const;

export function leadFacts(lead: ScoredLead): Record<string, FactValue> {
  return {
    name: lead.name,
    company: lead.company,
    title: lead.title,
    email: lead.email,
    phone: lead.phone,
    industry: lead.industry,
    region: lead.region,
    size: lead.size,
    language: lead.language,
    source: lead.source,
    campaign: lead.campaign,
    status: lead.status,
    disqualifyReason: lead.disqualifyReason,
    score: lead.score,
    ownerId: lead.ownerId,
    poolId: lead.poolId,
    lifecycle: lead.lifecycle,
    deadlineAt: lead.deadlineAt,
    bantBudgetMinor: lead.bantBudget?.amountMinor ?? null,
    bantAuthority: lead.bantAuthority,
    bantNeed: lead.bantNeed,
    bantTimeline: lead.bantTimeline,
  };
}
