import type { Action, FactValue } from '../../domain/automation/rule.js';
import { DomainError } from '../../domain/errors.js';
import { leadStatuses } from '../../domain/leads/lead.js';
import type { LeadStatus, ScoredLead } from '../../domain/leads/lead.js';
import type { LeadPatch } from '../leads.service.js';
import { updateLead } from '../leads.service.js';
import { changeLeadOwnership } from '../pool-moves.service.js';
import type { ActionScope } from './actions.js';

/**
 * A lead rule's changes to the lead itself, each through the path a person would take:
 * `assign` and `move_to_pool` through the ownership service (so the pool's claim limit,
 * members, cooldown and scope apply, and the move lands in the ownership history and the
 * audit log), `set_field` through the lead update path (qualification rules, scoring,
 * versioning, audit). A refusal throws; the engine logs the rule's run as failed with it.
 */

function invalid(path: string, code: string): DomainError {
  return new DomainError('validation_failed', {}, [{ path, code, message: code }]);
}

const languageTag = /^[a-z]{2}(-[A-Za-z]{2,4})?$/;

/** The lead update a `set_field` asks for, its value checked as the lead API would. */
function leadFieldPatch(field: string, value: FactValue, version: number): LeadPatch {
  const text = (max: number) => {
    if (value !== null && (typeof value !== 'string' || value.trim().length > max))
      throw invalid(field, 'invalid_type');
    return value === null ? null : value.trim();
  };
  switch (field) {
    case 'status':
      if (typeof value !== 'string' || !(leadStatuses as readonly string[]).includes(value))
        throw invalid(field, 'invalid_value');
      return { version, status: value as LeadStatus };
    case 'disqualifyReason':
      return { version, disqualifyReason: text(1000) };
    case 'industry':
    case 'region':
    case 'campaign':
      return { version, [field]: text(200) };
    case 'language': {
      const tag = text(20);
      if (tag !== null && !languageTag.test(tag)) throw invalid(field, 'invalid_value');
      return { version, language: tag };
    }
    default:
      throw invalid(field, 'not_settable');
  }
}

export async function applyLeadChange(
  scope: ActionScope,
  lead: ScoredLead,
  action: Extract<Action, { type: 'assign' | 'set_field' | 'move_to_pool' }>,
): Promise<string> {
  const { ctx, system, rule } = scope;
  // The ownership history shows which rule moved the lead.
  const reason = `automation: ${rule.name}`.slice(0, 500);
  switch (action.type) {
    case 'assign': {
      if (lead.ownerId === action.userId) return `owner already ${action.userId}`;
      await changeLeadOwnership(ctx, system, lead.id, {
        version: lead.version,
        action: 'assign',
        toUserId: action.userId,
        reason,
      });
      return `owner → ${action.userId}`;
    }
    case 'move_to_pool': {
      // Already waiting in a pool: nothing to release. In the pool asked for (or no pool
      // named) that is done; another pool is not a move the pool rules offer (only an
      // owned lead is released), so it is refused like a person's release would be.
      if (lead.ownerId === null) {
        if (action.poolId === undefined || action.poolId === lead.poolId)
          return `already in pool ${lead.poolId ?? ''}`.trim();
        throw new DomainError('ownership_refused', { refusal: 'not_owned' }, [
          { path: 'action', code: 'not_owned', message: 'the record has no owner' },
        ]);
      }
      const moved = await changeLeadOwnership(ctx, system, lead.id, {
        version: lead.version,
        action: 'release',
        ...(action.poolId ? { toPoolId: action.poolId } : {}),
        reason,
      });
      return `pool → ${moved.poolId ?? ''}`;
    }
    case 'set_field':
      await updateLead(
        ctx,
        system,
        lead.id,
        leadFieldPatch(action.field, action.value, lead.version),
      );
      return `${action.field} set`;
  }
}
