import type { AutomationEvent } from '../../domain/automation/event.js';
import { timeTriggerTypes } from '../../domain/automation/rule.js';
import type { AutomationRule } from '../../domain/automation/rule.js';
import {
  inactiveBefore,
  scheduledPeriod,
  timeEventKey,
} from '../../domain/automation/time-triggers.js';
import { insertEvent, listRules, openDealsForSweep } from '../../store/automation.repo.js';
import type { SweepCandidate } from '../../store/automation.repo.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { inTransaction } from '../transaction.js';

/**
 * Raises the time triggers: for every enabled rule with one, the open deals it is due for
 * get an event addressed to that rule, under a dedupe key per (rule, deal, period) — the
 * deadline itself, the start of the quiet spell, the scheduled day or week — so a sweep that
 * runs again fires nothing twice. Conditions are judged later by the engine, like any event.
 * A rule whose conditions name stages is swept over those stages only (the common case:
 * "no activity for 7 days in 初步接触").
 */
function stagesOf(rule: AutomationRule): readonly string[] | undefined {
  const stage = rule.conditions.find((condition) => condition.kind === 'stage');
  return stage?.kind === 'stage' ? stage.stageIds : undefined;
}

function duePeriod(rule: AutomationRule, deal: SweepCandidate, now: Date): string | null {
  const trigger = rule.trigger;
  switch (trigger.type) {
    case 'deadline_reached':
      return deal.deadlineAt && deal.deadlineAt <= now.toISOString()
        ? `deadline-${deal.deadlineAt}`
        : null;
    case 'inactive_for':
      return deal.lastTouchAt <= inactiveBefore(trigger.days, now)
        ? `quiet-${deal.lastTouchAt}`
        : null;
    case 'scheduled':
      return scheduledPeriod(trigger, now);
    case 'created':
    case 'field_changed':
    case 'stage_entered':
    case 'stage_left':
      return null;
  }
}

export async function sweepTimeTriggers(ctx: AppContext, tenantId: string): Promise<number> {
  const now = ctx.clock.now();
  const rules = await listRules(ctx.store.db, tenantId, {
    enabledOnly: true,
    triggerTypes: timeTriggerTypes,
  });
  let raised = 0;
  for (const rule of rules) {
    // Scheduled rules before their first moment of the period touch no deal at all.
    if (rule.trigger.type === 'scheduled' && scheduledPeriod(rule.trigger, now) === null) continue;
    const stageIds = stagesOf(rule);
    const deals = await openDealsForSweep(ctx.store.db, tenantId, {
      ...(rule.trigger.type === 'deadline_reached' ? { deadlineBefore: now.toISOString() } : {}),
      ...(rule.trigger.type === 'inactive_for'
        ? { enteredBefore: inactiveBefore(rule.trigger.days, now) }
        : {}),
      ...(stageIds ? { stageIds } : {}),
    });
    await inTransaction(ctx, async (trx) => {
      for (const deal of deals) {
        const period = duePeriod(rule, deal, now);
        if (period === null) continue;
        const event: AutomationEvent = {
          id: ctx.newId(),
          type: rule.trigger.type,
          entity: { type: 'opportunity', id: deal.id },
          changedFields: [],
          fromStageId: null,
          toStageId: null,
          ruleId: rule.id,
          chain: [],
          occurredAt: nowIso(ctx),
        };
        if (await insertEvent(trx, tenantId, event, timeEventKey(rule.id, deal.id, period)))
          raised += 1;
      }
    });
  }
  return raised;
}
