import type { Lead } from '../leads/lead.js';
import { leadSources } from '../leads/lead.js';
import { companySizes } from '../accounts/account.js';
import { importableLeadStatuses } from './entities.js';
import { createdAt, freshOwnership, ownerOrPool } from './row-context.js';
import type { ParseContext } from './row-context.js';
import type { RowReader } from './row-reader.js';

export type LeadDraft = Omit<Lead, 'id'>;

/** A lead from one row; `source` defaults to `import`, `status` to `new`. */
export function parseLeadRow(reader: RowReader, ctx: ParseContext): LeadDraft {
  const currency = reader.currency('currency', ctx.currency);
  const budget = reader.amount('bantBudget', currency);
  const status = reader.choice('status', importableLeadStatuses) ?? 'new';
  const disqualifyReason = reader.text('disqualifyReason', 1000);
  // The same rule as the API: disqualifying is a decision the team learns from.
  if (status === 'disqualified' && !disqualifyReason) reader.fail('disqualifyReason', 'required');
  const at = createdAt(reader, ctx);
  const owner = ownerOrPool(reader, ctx);
  return {
    name: reader.text('name', 200, true) ?? '',
    company: reader.text('company'),
    title: reader.text('title'),
    email: reader.email('email'),
    phone: reader.text('phone', 40),
    industry: reader.text('industry'),
    region: reader.text('region'),
    size: reader.choice('size', companySizes),
    language: reader.text('language', 20),
    source: reader.choice('source', leadSources) ?? 'import',
    campaign: reader.text('campaign'),
    status,
    disqualifyReason,
    bantBudget: budget === null ? null : { amountMinor: budget, currency },
    bantAuthority: reader.text('bantAuthority', 1000),
    bantNeed: reader.text('bantNeed', 1000),
    bantTimeline: reader.text('bantTimeline', 1000),
    ...owner,
    ...freshOwnership(owner.ownerId, ctx.now),
    convertedOpportunityId: null,
    createdAt: at,
    updatedAt: ctx.now,
    deletedAt: null,
    version: 1,
  };
}
