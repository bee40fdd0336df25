import type { Kysely } from 'kysely';
import type { AutomationEvent } from '../../domain/automation/event.js';
import type { Action, AutomationRule, FactValue, Recipient } from '../../domain/automation/rule.js';
import { DomainError } from '../../domain/errors.js';
import type { BotPlatform } from '../../domain/outbox/delivery.js';
import type { Opportunity } from '../../domain/opportunities/opportunity.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { activeUsersWithRole, isActiveUser } from '../../store/automation-sweep.repo.js';
import { findEndpoint } from '../../store/outbox.repo.js';
import type { Database } from '../../store/schema.js';
import { managerOf } from '../../store/teams.repo.js';
import { requestApproval } from '../approval-requests.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications.service.js';
import { updateOpportunity } from '../opportunities.service.js';
import type { OpportunityPatch } from '../opportunities.service.js';
import { enqueueDelivery } from '../outbox/outbox.service.js';
import { createTask } from '../tasks.service.js';
import { applyLeadChange } from './lead-actions.js';
import { loadWatched } from './records.js';
import type { WatchedRecord } from './records.js';

/**
 * Applies one planned action, inside the engine's transaction for the rule, acting as the
 * system. Every action goes through the service a person would use (tasks, notifications,
 * the deal update path, approvals, the outbox), so validation, versioning and audit apply;
 * a refusal throws a DomainError whose code the run records. Returns one line for the log.
 */
export interface ActionScope {
  readonly trx: Kysely<Database>;
  readonly ctx: AppContext;
  readonly system: Principal;
  readonly rule: AutomationRule;
  readonly event: AutomationEvent;
}

const DAY_MS = 86_400_000;

export function invalid(path: string, code: string): DomainError {
  return new DomainError('validation_failed', {}, [{ path, code, message: code }]);
}

/** The record as it is now (an earlier action of the same rule may have changed it). */
async function currentRecord(scope: ActionScope): Promise<WatchedRecord> {
  const watched = await loadWatched(scope.trx, scope.system.tenantId, scope.event.entity);
  if (!watched) throw new DomainError('not_found', { entity: scope.event.entity.type });
  return watched;
}

/** The manager of the owner, or every admin when no one manages them (as approvals do). */
async function managersOf(scope: ActionScope, ownerId: string): Promise<string[]> {
  const manager = await managerOf(scope.trx, scope.system.tenantId, ownerId);
  return manager ? [manager] : activeUsersWithRole(scope.trx, scope.system.tenantId, 'admin');
}

/** Who a notice or task goes to; a lead waiting in a pool has no owner (nor their manager). */
export async function recipients(
  scope: ActionScope,
  ownerId: string | null,
  to: Recipient,
): Promise<string[]> {
  switch (to.to) {
    case 'owner':
      return ownerId ? [ownerId] : [];
    case 'manager':
      return ownerId ? managersOf(scope, ownerId) : [];
    case 'user':
      if (!(await isActiveUser(scope.trx, scope.system.tenantId, to.userId))) {
        throw new DomainError('reference_not_found', { field: 'userId' });
      }
      return [to.userId];
    case 'role':
      return activeUsersWithRole(scope.trx, scope.system.tenantId, to.role);
  }
}

const isDate = (value: FactValue) =>
  value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value));
const isText = (value: FactValue) =>
  value === null || (typeof value === 'string' && value.length <= 2000);

/** The update a `set_field` asks for, its value checked like the API would check it. */
function fieldPatch(field: string, value: FactValue, version: number): OpportunityPatch {
  if (field.startsWith('custom.')) {
    if (Array.isArray(value)) throw invalid(field, 'invalid_type');
    return {
      version,
      customFields: { [field.slice('custom.'.length)]: value as string | number | boolean | null },
    };
  }
  switch (field) {
    case 'nextStep':
    case 'timeline':
    case 'source':
      if (!isText(value)) throw invalid(field, 'invalid_type');
      return { version, [field]: value as string | null };
    case 'nextStepDate':
    case 'expectedCloseDate':
      if (!isDate(value)) throw invalid(field, 'invalid_date');
      return { version, [field]: value as string | null };
    case 'tags':
      if (!Array.isArray(value)) throw invalid(field, 'invalid_type');
      return { version, tags: value };
    default:
      throw invalid(field, 'not_settable');
  }
}

async function endpointFor(scope: ActionScope, id: string, bot: boolean) {
  const endpoint = await findEndpoint(scope.trx, scope.system.tenantId, id);
  const fits = endpoint && (bot ? endpoint.channel !== 'webhook' : endpoint.channel === 'webhook');
  if (!endpoint || !fits) throw new DomainError('reference_not_found', { field: 'endpointId' });
  return endpoint;
}

export async function applyAction(
  scope: ActionScope,
  action: Action,
  index: number,
): Promise<string> {
  const { trx, ctx, system, rule, event } = scope;
  const watched = await currentRecord(scope);
  // One key per (rule, event, action): a retried run never doubles a notice or a delivery.
  const key = `rule:${rule.id}:${event.id}:${index}`;
  const { record } = watched;
  switch (action.type) {
    case 'create_task': {
      const [assigneeId] = await recipients(scope, record.ownerId, action.assignee);
      if (!assigneeId) throw new DomainError('reference_not_found', { field: 'assignee' });
      const dueAt = new Date(ctx.clock.now().getTime() + action.dueInDays * DAY_MS).toISOString();
      const task = await createTask(ctx, system, {
        title: action.title,
        dueAt,
        assigneeId,
        ...(watched.entity === 'lead' ? { leadId: record.id } : { opportunityId: record.id }),
      });
      return `task ${task.id} → ${assigneeId}`;
    }
    case 'notify': {
      const users = await recipients(scope, record.ownerId, action.recipient);
      for (const userId of users) {
        await notify(trx, ctx, system.tenantId, {
          userId,
          subject: { type: watched.entity, id: record.id },
          facts: {
            kind: 'automation',
            entityType: watched.entity,
            name: record.name,
            ruleName: rule.name,
            message: action.message,
          },
          dedupeKey: `${key}:${userId}`,
        });
      }
      return `notified ${users.length}`;
    }
    case 'assign':
    case 'set_field':
    case 'move_to_pool':
      if (watched.entity === 'lead') return applyLeadChange(scope, watched.record, action);
      return applyDealChange(scope, watched.record, action, key);
    case 'request_approval':
      if (watched.entity === 'lead') throw invalid('type', 'not_for_entity');
      return applyDealChange(scope, watched.record, action, key);
    case 'webhook': {
      await endpointFor(scope, action.endpointId, false);
      const delivery = await enqueueDelivery(trx, ctx, system.tenantId, {
        channel: 'webhook',
        target: action.endpointId,
        payload: {
          event: `automation.${event.type}`,
          data: {
            ruleId: rule.id,
            ruleName: rule.name,
            eventId: event.id,
            ...keyFacts(watched),
          },
        },
        idempotencyKey: key,
      });
      return `delivery ${delivery.id}`;
    }
    case 'bot_message': {
      const endpoint = await endpointFor(scope, action.endpointId, true);
      const delivery = await enqueueDelivery(trx, ctx, system.tenantId, {
        channel: endpoint.channel as BotPlatform,
        target: action.endpointId,
        payload: { title: rule.name, text: `${action.text}\n${record.name}` },
        idempotencyKey: key,
      });
      return `delivery ${delivery.id}`;
    }
  }
}

/** What a webhook tells of the record: its key facts, under its record type. */
function keyFacts(watched: WatchedRecord): Record<string, unknown> {
  if (watched.entity === 'lead') {
    const lead = watched.record;
    return {
      lead: {
        id: lead.id,
        name: lead.name,
        company: lead.company,
        ownerId: lead.ownerId,
        poolId: lead.poolId,
        status: lead.status,
        source: lead.source,
        score: lead.score,
      },
    };
  }
  const deal = watched.record;
  return {
    opportunity: {
      id: deal.id,
      name: deal.name,
      ownerId: deal.ownerId,
      pipelineId: deal.pipelineId,
      stageId: deal.stageId,
      amountMinor: deal.amount.amountMinor,
      currency: deal.amount.currency,
    },
  };
}

/** The deal's own changes: owner, a field, an approval — through the deal services. */
async function applyDealChange(
  scope: ActionScope,
  deal: Opportunity,
  action: Extract<Action, { type: 'assign' | 'set_field' | 'move_to_pool' | 'request_approval' }>,
  key: string,
): Promise<string> {
  const { trx, ctx, system } = scope;
  switch (action.type) {
    case 'move_to_pool':
      // Deals never sit in a pool; the rule's validation refuses this, a stored rule too.
      throw invalid('type', 'not_for_entity');
    case 'assign': {
      if (!(await isActiveUser(trx, system.tenantId, action.userId))) {
        throw new DomainError('reference_not_found', { field: 'userId' });
      }
      await updateOpportunity(ctx, system, deal.id, {
        version: deal.version,
        ownerId: action.userId,
      });
      return `owner → ${action.userId}`;
    }
    case 'set_field': {
      await updateOpportunity(
        ctx,
        system,
        deal.id,
        fieldPatch(action.field, action.value, deal.version),
      );
      return `${action.field} set`;
    }
    case 'request_approval': {
      const approval = await requestApproval(trx, ctx, system, {
        kind: 'rule',
        opportunityId: deal.id,
        title: action.title,
        amountMinor: null,
        dedupeKey: key,
      });
      return `approval ${approval.id}`;
    }
  }
}
