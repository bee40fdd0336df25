import type { Kysely, Selectable } from 'kysely';
import type { Activity, ActivityType } from '../domain/activities/activity.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Visibility } from '../domain/access/scope.js';
import { visibleCondition } from './visibility.js';
import type { ActivitiesTable, Database } from './schema.js';
import { deletedCondition } from './search.js';
import type { DeletedFilter } from './search.js';

export function toActivity(row: Selectable<ActivitiesTable>): Activity {
  return {
    id: row.id,
    type: row.type as ActivityType,
    subject: row.subject,
    body: row.body,
    occurredAt: row.occurred_at,
    durationMinutes: row.duration_minutes,
    nextFollowUpAt: row.next_follow_up_at,
    ownerId: row.owner_id,
    leadId: row.lead_id,
    opportunityId: row.opportunity_id,
    accountId: row.account_id,
    contactId: row.contact_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
  };
}

export function toActivityRow(tenantId: string, activity: Activity): ActivitiesTable {
  return {
    tenant_id: tenantId,
    id: activity.id,
    type: activity.type,
    subject: activity.subject,
    body: activity.body,
    occurred_at: activity.occurredAt,
    duration_minutes: activity.durationMinutes,
    next_follow_up_at: activity.nextFollowUpAt,
    owner_id: activity.ownerId,
    lead_id: activity.leadId,
    opportunity_id: activity.opportunityId,
    account_id: activity.accountId,
    contact_id: activity.contactId,
    created_at: activity.createdAt,
    updated_at: activity.updatedAt,
    deleted_at: activity.deletedAt,
    version: activity.version,
  };
}

export interface LinkFilter {
  readonly leadId?: string;
  readonly opportunityId?: string;
  readonly accountId?: string;
  readonly contactId?: string;
}

export interface ActivityFilter extends LinkFilter {
  readonly type?: ActivityType;
  readonly ownerId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly deleted: DeletedFilter;
}

export async function listActivities(
  db: Kysely<Database>,
  tenantId: string,
  filter: ActivityFilter,
  page: PageQuery,
  visibility: Visibility,
): Promise<Page<Activity>> {
  let query = db.selectFrom('activities').selectAll().where('tenant_id', '=', tenantId);
  const visible = visibleCondition('activities', visibility);
  if (visible) query = query.where(visible);
  const deleted = deletedCondition('activities', filter.deleted);
  if (deleted) query = query.where(deleted);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.leadId) query = query.where('lead_id', '=', filter.leadId);
  if (filter.opportunityId) query = query.where('opportunity_id', '=', filter.opportunityId);
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.contactId) query = query.where('contact_id', '=', filter.contactId);
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<', filter.to);
  const rows = await applyKeyset(query, 'activities', page).execute();
  return toPage(rows, page, toActivity);
}
