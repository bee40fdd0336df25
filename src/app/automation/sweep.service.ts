import type { AutomationEvent } from '../../domain/automation/event.js';
import { timeTriggerTypes } from '../../domain/automation/rule.js';
import type { AutomationRule } from '../../domain/automation/rule.js';
import {
  inactiveBefore,
  scheduledPeriod,
  timeEventKey,
} from '../../domain/automation/time-triggers.js';
import { insertEvent } from '../../store/automation-events.repo.js';
import { listRules } from '../../store/automation-rules.repo.js';
import { openDealsForSweep, openLeadsForSweep } from '../../store/automation-sweep.repo.js';
import type { SweepCandidate } from '../../store/automation-sweep.repo.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { inTransaction } from '../transaction.js';

/**
 * Raises the time triggers: for every enabled rule with one, the open deals (or the leads
 * still worked) it is due for get an event addressed to that rule, under a dedupe key per
 * (rule, record, period) — the
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

/** The records a time-triggered rule is swept over: open deals, or leads still worked. */
async function candidatesFor(
  ctx: AppContext,
  tenantId: string,
  rule: AutomationRule,
  now: Date,
): Promise<SweepCandidate[]> {
  const deadlineBefore =
    rule.trigger.type === 'deadline_reached' ? { deadlineBefore: now.toISOString() } : {};
  const quietSince =
    rule.trigger.type === 'inactive_for' ? inactiveBefore(rule.trigger.days, now) : null;
  if (rule.entity === 'lead') {
    return openLeadsForSweep(ctx.store.db, tenantId, {
      // A lead in a pool has no deadline and no one to be quiet; a schedule sees it too.
      ownedOnly: rule.trigger.type !== 'scheduled',
      ...deadlineBefore,
      ...(quietSince ? { ownedBefore: quietSince } : {}),
    });
  }
  const stageIds = stagesOf(rule);
  return openDealsForSweep(ctx.store.db, tenantId, {
    ...deadlineBefore,
    ...(quietSince ? { enteredBefore: quietSince } : {}),
    ...(stageIds ? { stageIds } : {}),
  });
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
    const deals = await candidatesFor(ctx, tenantId, rule, now);
    await inTransaction(ctx, async (trx) => {
      for (const deal of deals) {
        const period = duePeriod(rule, deal, now);
        if (period === null) continue;
        const event: AutomationEvent = {
          id: ctx.newId(),
          type: rule.trigger.type,
          entity: { type: rule.entity, id: deal.id },
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
