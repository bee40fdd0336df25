import { evaluateRules } from '../../domain/automation/evaluate.js';
import type { Evaluation } from '../../domain/automation/evaluate.js';
import type { AutomationEvent } from '../../domain/automation/event.js';
import type { AutomationRule } from '../../domain/automation/rule.js';
import { DomainError } from '../../domain/errors.js';
import { markEventDone, pendingEvents } from '../../store/automation-events.repo.js';
import { listRules } from '../../store/automation-rules.repo.js';
import { insertRun, runExists } from '../../store/automation-runs.repo.js';
import type { AutomationRun, RunOutcome } from '../../store/automation-runs.repo.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { nowIso } from '../context.js';
import { systemPrincipal } from '../tenants.service.js';
import { inTransaction } from '../transaction.js';
import type { Kysely } from 'kysely';
import { applyAction } from './actions.js';
import { causedBy } from './cause.js';
import { factsOf, loadWatched } from './records.js';
import { sweepTimeTriggers } from './sweep.service.js';

/**
 * Works through a tenant's pending automation events after their changes committed: loads
 * the record's facts (a deal's or a lead's), asks the pure evaluator which rules fire, and applies each firing rule's
 * actions together in one transaction with its run row — so a rule is applied whole or not
 * at all, and a failure rolls its actions back and is logged (in a transaction of its own)
 * with the error's code. The (rule, event) run key makes a reprocessed event apply nothing
 * twice. An event is marked done once every rule it fires has a run.
 */

export interface EngineReport {
  readonly events: number;
  readonly applied: number;
  readonly skipped: number;
  readonly failed: number;
}

const errorCode = (error: unknown): string =>
  error instanceof DomainError ? error.code : 'internal_error';

async function logRun(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  event: AutomationEvent,
  evaluation: Evaluation,
  result: { outcome: RunOutcome; reason: string | null; actions: AutomationRun['actions'] },
  id: string = ctx.newId(),
): Promise<void> {
  await insertRun(trx, tenantId, {
    id,
    ruleId: evaluation.ruleId,
    ruleVersion: evaluation.ruleVersion,
    eventId: event.id,
    eventType: event.type,
    entityType: event.entity.type,
    entityId: event.entity.id,
    ...result,
    depth: event.chain.length,
    createdAt: nowIso(ctx),
  });
}

/** Applies (or logs the skip of) one rule for one event; returns the outcome. */
async function runRule(
  ctx: AppContext,
  tenantId: string,
  rule: AutomationRule,
  event: AutomationEvent,
  evaluation: Evaluation,
): Promise<RunOutcome | null> {
  const db = ctx.store.db;
  if (await runExists(db, tenantId, rule.id, event.id)) return null;
  if (evaluation.outcome === 'skipped') {
    await inTransaction(ctx, (trx) =>
      logRun(trx, ctx, tenantId, event, evaluation, {
        outcome: 'skipped',
        reason: evaluation.reason,
        actions: [],
      }),
    );
    return 'skipped';
  }
  const runId = ctx.newId();
  const system = systemPrincipal(tenantId, `automation:${runId}`);
  try {
    await causedBy([...event.chain, rule.id], () =>
      inTransaction(ctx, async (trx) => {
        const done: { type: string; result: string }[] = [];
        for (const [index, action] of evaluation.actions.entries()) {
          const result = await applyAction({ trx, ctx, system, rule, event }, action, index);
          done.push({ type: action.type, result });
        }
        await logRun(
          trx,
          ctx,
          tenantId,
          event,
          evaluation,
          { outcome: 'applied', reason: null, actions: done },
          runId,
        );
      }),
    );
    return 'applied';
  } catch (error) {
    // Another worker ran the rule for this event meanwhile (the run key refused ours).
    if (await runExists(db, tenantId, rule.id, event.id)) return null;
    // Everything the rule did rolled back with its transaction; only the failure is kept.
    await inTransaction(ctx, (trx) =>
      logRun(
        trx,
        ctx,
        tenantId,
        event,
        evaluation,
        {
          outcome: 'failed',
          reason: errorCode(error),
          actions: evaluation.actions.map((action) => ({
            type: action.type,
            result: 'not applied',
          })),
        },
        runId,
      ),
    );
    return 'failed';
  }
}

/** Processes up to `limit` pending events of one tenant, oldest first. */
export async function processAutomationEvents(
  ctx: AppContext,
  tenantId: string,
  options: { limit?: number; afterBatch?: () => Promise<void> } = {},
): Promise<EngineReport> {
  const counts = { events: 0, applied: 0, skipped: 0, failed: 0 };
  const db = ctx.store.db;
  const rules = await listRules(db, tenantId, { enabledOnly: true });
  const limit = options.limit ?? 500;
  for (;;) {
    const events = await pendingEvents(db, tenantId, Math.min(limit - counts.events, 100));
    if (events.length === 0) break;
    for (const event of events) {
      const watched = await loadWatched(db, tenantId, event.entity);
      // A record deleted since the event fires nothing: its rules would act on the trash.
      if (watched) {
        const facts = await factsOf(db, tenantId, watched);
        for (const evaluation of evaluateRules(rules, event, facts)) {
          const rule = rules.find((candidate) => candidate.id === evaluation.ruleId);
          if (!rule) continue;
          const outcome = await runRule(ctx, tenantId, rule, event, evaluation);
          if (outcome) counts[outcome] += 1;
        }
      }
      await markEventDone(db, tenantId, event.id, nowIso(ctx));
      counts.events += 1;
    }
    await options.afterBatch?.();
    if (counts.events >= limit) break;
  }
  return counts;
}

/** One run of the automation job: raise due time triggers, then apply pending events. */
export async function runAutomation(
  ctx: AppContext,
  tenantId: string,
  options: { limit?: number; afterBatch?: () => Promise<void> } = {},
): Promise<EngineReport & { raised: number }> {
  const raised = await sweepTimeTriggers(ctx, tenantId);
  return { raised, ...(await processAutomationEvents(ctx, tenantId, options)) };
}
