import type { Kysely, Selectable } from 'kysely';
import type { CompanySize } from '../domain/accounts/account.js';
import type { Lead, LeadSource, LeadStatus, ScoredLead } from '../domain/leads/lead.js';
import type { CurrencyCode } from '../domain/money.js';
import type { Lifecycle } from '../domain/pools/pool-rules.js';
import { deadlineLevel } from './deadline-level.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Visibility } from '../domain/access/scope.js';
import { visibleCondition } from './visibility.js';
import type { Database, LeadsTable } from './schema.js';
import { deletedCondition, matchesText } from './search.js';
import type { DeletedFilter } from './search.js';

export function toLead(row: Selectable<Database['leads']>): ScoredLead {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    title: row.title,
    email: row.email,
    phone: row.phone,
    industry: row.industry,
    region: row.region,
    language: row.language,
    size: row.size as CompanySize | null,
    source: row.source as LeadSource,
    campaign: row.campaign,
    status: row.status as LeadStatus,
    disqualifyReason: row.disqualify_reason,
    bantBudget:
      row.bant_budget_minor === null || row.bant_budget_currency === null
        ? null
        : {
            amountMinor: row.bant_budget_minor,
            currency: row.bant_budget_currency as CurrencyCode,
          },
    bantAuthority: row.bant_authority,
    bantNeed: row.bant_need,
    bantTimeline: row.bant_timeline,
    ownerId: row.owner_id,
    poolId: row.pool_id,
    convertedOpportunityId: row.converted_opportunity_id,
    lifecycle: row.lifecycle as Lifecycle,
    ownedSince: row.owned_since,
    deadlineAt: row.deadline_at,
    deadlineLevel: deadlineLevel(row.deadline_level),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    score: row.score,
  };
}

export function toLeadRow(tenantId: string, lead: Lead): LeadsTable {
  return {
    tenant_id: tenantId,
    id: lead.id,
    name: lead.name,
    company: lead.company,
    title: lead.title,
    email: lead.email,
    phone: lead.phone,
    industry: lead.industry,
    region: lead.region,
    language: lead.language,
    size: lead.size,
    source: lead.source,
    campaign: lead.campaign,
    status: lead.status,
    disqualify_reason: lead.disqualifyReason,
    bant_budget_minor: lead.bantBudget?.amountMinor ?? null,
    bant_budget_currency: lead.bantBudget?.currency ?? null,
    bant_authority: lead.bantAuthority,
    bant_need: lead.bantNeed,
    bant_timeline: lead.bantTimeline,
    owner_id: lead.ownerId,
    pool_id: lead.poolId,
    converted_opportunity_id: lead.convertedOpportunityId,
    lifecycle: lead.lifecycle,
    owned_since: lead.ownedSince,
    deadline_at: lead.deadlineAt,
    deadline_level: lead.deadlineLevel,
    created_at: lead.createdAt,
    updated_at: lead.updatedAt,
    deleted_at: lead.deletedAt,
    version: lead.version,
  };
}

export interface LeadFilter {
  readonly status?: LeadStatus;
  readonly source?: LeadSource;
  readonly ownerId?: string;
  readonly poolId?: string;
  readonly lifecycle?: Lifecycle;
  readonly campaign?: string;
  readonly q?: string;
  readonly createdFrom?: string;
  readonly createdTo?: string;
  /** Only leads scoring at least this much. */
  readonly minScore?: number;
  readonly deleted: DeletedFilter;
}

export async function listLeads(
  db: Kysely<Database>,
  tenantId: string,
  filter: LeadFilter,
  page: PageQuery,
  visibility: Visibility,
): Promise<Page<ScoredLead>> {
  let query = db.selectFrom('leads').selectAll().where('tenant_id', '=', tenantId);
  const visible = visibleCondition('leads', visibility);
  if (visible) query = query.where(visible);
  const deleted = deletedCondition('leads', filter.deleted);
  if (deleted) query = query.where(deleted);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.source) query = query.where('source', '=', filter.source);
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.poolId) query = query.where('pool_id', '=', filter.poolId);
  if (filter.lifecycle) query = query.where('lifecycle', '=', filter.lifecycle);
  if (filter.campaign) query = query.where('campaign', '=', filter.campaign);
  if (filter.createdFrom) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdTo) query = query.where('created_at', '<', filter.createdTo);
  if (filter.minScore !== undefined) query = query.where('score', '>=', filter.minScore);
  if (filter.q)
    query = query.where(matchesText('leads', ['name', 'company', 'email', 'phone'], filter.q));
  const rows = await applyKeyset(query, 'leads', page).execute();
  return toPage(rows, page, toLead);
}

/** Points converted leads at the opportunities they became (one indexed update per lead). */
export async function linkConvertedLeads(
  db: Kysely<Database>,
  tenantId: string,
  links: readonly { leadId: string; opportunityId: string }[],
): Promise<void> {
  for (const { leadId, opportunityId } of links) {
    await db
      .updateTable('leads')
      .set({ converted_opportunity_id: opportunityId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', leadId)
      .execute();
  }
}
