import type { Activity, ActivityType } from '../domain/activities/activity.js';
import { isOutreach } from '../domain/pools/outreach.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { listActivities, toActivity, toActivityRow } from '../store/activities.repo.js';
import type { ActivityFilter } from '../store/activities.repo.js';
import type { Page } from '../store/pagination.js';
import { authorize, visibilityOf } from './access.js';
import type { AppContext } from './context.js';
import { assertMayReachOut, restartFollowUpClocks } from './follow-up.js';
import {
  createEntity,
  getEntity,
  restoreEntity,
  softDeleteEntity,
  updateEntity,
} from './entity.js';
import { rescoreLeads } from './lead-scoring.service.js';
import { assertLinked, linkReferences, linksFrom } from './links.js';
import type { LinkInput } from './links.js';
import { pageQuery } from './listing.js';
import type { ListInput } from './listing.js';
import { assertFilterReferences, assertReferences } from './references.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

export interface ActivityInput extends LinkInput {
  readonly type: ActivityType;
  readonly subject: string;
  readonly body?: string | null;
  /** Defaults to now: most activities are logged right after they happen. */
  readonly occurredAt?: string;
  readonly durationMinutes?: number | null;
  readonly nextFollowUpAt?: string | null;
}

export type ActivityPatch = Partial<ActivityInput> & { readonly version: number };

export const activityStore = tableStore('activity', 'activities', toActivity, toActivityRow);

export const activitySorts = {
  occurredAt: { key: 'occurredAt', column: 'occurred_at' },
  createdAt: { key: 'createdAt', column: 'created_at' },
} as const;

export async function createActivity(
  ctx: AppContext,
  principal: Principal,
  input: ActivityInput,
): Promise<Activity> {
  authorize(principal, 'activities.write');
  return createEntity(
    ctx,
    principal,
    activityStore,
    async (trx, { id, now }) => {
      const links = linksFrom(input);
      assertLinked(links);
      await assertReferences(trx, principal, linkReferences(links));
      await assertMayReachOut(
        trx,
        principal.tenantId,
        { type: input.type, ...links },
        ctx.clock.now(),
      );
      return {
        id,
        type: input.type,
        subject: input.subject,
        body: input.body ?? null,
        occurredAt: input.occurredAt ?? now,
        durationMinutes: input.durationMinutes ?? null,
        nextFollowUpAt: input.nextFollowUpAt ?? null,
        ownerId: principal.userId,
        ...links,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        version: 1,
      };
    },
    async (trx, activity) => {
      // Outreach that happened restarts the follow-up clocks of what it touched.
      await restartFollowUpClocks(trx, principal.tenantId, activity, ctx.clock.now());
      // Activity on a lead is part of its score (engagement and recency).
      await rescoreLeads(trx, ctx, principal.tenantId, [activity.leadId]);
    },
  );
}

export async function updateActivity(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: ActivityPatch,
): Promise<Activity> {
  authorize(principal, 'activities.write');
  return inTransaction(ctx, async (trx) => {
    let before: string | null = null;
    const activity = await updateEntity(
      ctx,
      principal,
      activityStore,
      id,
      version,
      async (inner, current) => {
        await assertReferences(inner, principal, linkReferences(patch));
        const next = applyPatch(current, patch);
        assertLinked(next);
        // An edit must not smuggle in outreach the rules forbid (a note turned into a call,
        // or a call moved to a silenced contact); what was already checked is not re-counted.
        const wasOutreach = isOutreach(current.type);
        const newContact = !wasOutreach || next.contactId !== current.contactId;
        if (isOutreach(next.type) && (newContact || next.accountId !== current.accountId)) {
          await assertMayReachOut(
            inner,
            principal.tenantId,
            {
              type: next.type,
              contactId: newContact ? next.contactId : null,
              accountId: next.accountId,
            },
            ctx.clock.now(),
          );
        }
        before = current.leadId;
        return next;
      },
    );
    // Moved to another lead, or re-dated: both leads' scores may change.
    await rescoreLeads(trx, ctx, principal.tenantId, [before, activity.leadId]);
    return activity;
  });
}

export async function getActivity(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Activity> {
  return getEntity(ctx, principal, activityStore, id);
}

export async function listActivitiesPage(
  ctx: AppContext,
  principal: Principal,
  filter: ActivityFilter,
  list: ListInput<keyof typeof activitySorts>,
): Promise<Page<Activity>> {
  const db = dbFor(ctx);
  await assertFilterReferences(db, principal, [
    { field: 'ownerId', table: 'users', id: filter.ownerId },
    { field: 'leadId', table: 'leads', id: filter.leadId },
    { field: 'opportunityId', table: 'opportunities', id: filter.opportunityId },
    { field: 'accountId', table: 'accounts', id: filter.accountId },
    { field: 'contactId', table: 'contacts', id: filter.contactId },
  ]);
  return listActivities(
    db,
    principal.tenantId,
    filter,
    pageQuery(list, activitySorts),
    await visibilityOf(db, principal),
  );
}

export async function deleteActivity(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'activities.write');
  await softDeleteEntity(ctx, principal, activityStore, id, {
    after: (trx, deleted) => rescoreLeads(trx, ctx, principal.tenantId, [deleted.leadId]),
  });
}

export async function restoreActivity(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Activity> {
  authorize(principal, 'activities.write');
  return restoreEntity(ctx, principal, activityStore, id, {
    after: (trx, restored) => rescoreLeads(trx, ctx, principal.tenantId, [restored.leadId]),
  });
}
