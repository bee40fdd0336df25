import type { Kysely } from 'kysely';
import type { AutomationEvent } from '../../domain/automation/event.js';
import type { Action, AutomationRule, FactValue, Recipient } from '../../domain/automation/rule.js';
import { DomainError } from '../../domain/errors.js';
import type { BotPlatform } from '../../domain/outbox/delivery.js';
import type { Opportunity } from '../../domain/opportunities/opportunity.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { activeUsersWithRole, isActiveUser } from '../../store/automation.repo.js';
import { findEndpoint } from '../../store/outbox.repo.js';
import type { Database } from '../../store/schema.js';
import { managerOf } from '../../store/teams.repo.js';
import { requestApproval } from '../approval-requests.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications.service.js';
import { opportunityStore } from '../opportunity-store.js';
import { updateOpportunity } from '../opportunities.service.js';
import type { OpportunityPatch } from '../opportunities.service.js';
import { enqueueDelivery } from '../outbox/outbox.service.js';
import { createTask } from '../tasks.service.js';

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

function invalid(path: string, code: string): DomainError {
  return new DomainError('validation_failed', {}, [{ path, code, message: code }]);
}

/** The deal as it is now (an earlier action of the same rule may have changed it). */
async function currentDeal(scope: ActionScope): Promise<Opportunity> {
  const deal = await opportunityStore.load(scope.trx, scope.system.tenantId, scope.event.entity.id);
  if (!deal || deal.deletedAt !== null)
    throw new DomainError('not_found', { entity: 'opportunity' });
  return deal;
}

/** The manager of the owner, or every admin when no one manages them (as approvals do). */
async function managersOf(scope: ActionScope, ownerId: string): Promise<string[]> {
  const manager = await managerOf(scope.trx, scope.system.tenantId, ownerId);
  return manager ? [manager] : activeUsersWithRole(scope.trx, scope.system.tenantId, 'admin');
}

async function recipients(scope: ActionScope, deal: Opportunity, to: Recipient): Promise<string[]> {
  switch (to.to) {
    case 'owner':
      return [deal.ownerId];
    case 'manager':
      return managersOf(scope, deal.ownerId);
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
  const deal = await currentDeal(scope);
  // One key per (rule, event, action): a retried run never doubles a notice or a delivery.
  const key = `rule:${rule.id}:${event.id}:${index}`;
  switch (action.type) {
    case 'create_task': {
      const [assigneeId] =
        action.assignee.to === 'owner'
          ? [deal.ownerId]
          : await recipients(scope, deal, action.assignee);
      if (!assigneeId) throw new DomainError('reference_not_found', { field: 'assignee' });
      const dueAt = new Date(ctx.clock.now().getTime() + action.dueInDays * DAY_MS).toISOString();
      const task = await createTask(ctx, system, {
        title: action.title,
        dueAt,
        assigneeId,
        opportunityId: deal.id,
      });
      return `task ${task.id} → ${assigneeId}`;
    }
    case 'notify': {
      const users = await recipients(scope, deal, action.recipient);
      for (const userId of users) {
        await notify(trx, ctx, system.tenantId, {
          userId,
          subject: { type: 'opportunity', id: deal.id },
          facts: {
            kind: 'automation',
            entityType: 'opportunity',
            name: deal.name,
            ruleName: rule.name,
            message: action.message,
          },
          dedupeKey: `${key}:${userId}`,
        });
      }
      return `notified ${users.length}`;
    }
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
            opportunity: {
              id: deal.id,
              name: deal.name,
              ownerId: deal.ownerId,
              pipelineId: deal.pipelineId,
              stageId: deal.stageId,
              amountMinor: deal.amount.amountMinor,
              currency: deal.amount.currency,
            },
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
        payload: { title: rule.name, text: `${action.text}\n${deal.name}` },
        idempotencyKey: key,
      });
      return `delivery ${delivery.id}`;
    }
  }
}
