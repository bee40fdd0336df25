import type { AutomationEvent, RecordFacts } from './event.js';
import { sameValue } from './event.js';
import { MAX_CHAIN_DEPTH } from './rule.js';
import type { Action, AutomationRule, Condition, FactValue, RuleBody, Trigger } from './rule.js';

/**
 * The rules engine's pure core: which rules an event fires, which of their conditions hold,
 * and which actions follow. No I/O and no clock: the app layer loads the facts, calls this
 * and applies what it returns (or, for a dry run, only shows it).
 */

export type SkipReason = 'conditions_not_met' | 'loop' | 'depth_exceeded';

export interface ConditionResult {
  readonly index: number;
  readonly condition: Condition;
  readonly matched: boolean;
}

export interface Evaluation {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly outcome: 'planned' | 'skipped';
  readonly reason: SkipReason | null;
  readonly conditions: readonly ConditionResult[];
  /** The actions to apply, in order; empty when skipped. */
  readonly actions: readonly Action[];
}

/** Whether the event is one the trigger listens for (ignoring conditions). */
export function triggerMatches(trigger: Trigger, event: AutomationEvent): boolean {
  if (trigger.type !== event.type) return false;
  switch (trigger.type) {
    case 'field_changed':
      return trigger.fields.some((field) => event.changedFields.includes(field));
    case 'stage_entered':
      return event.toStageId === trigger.stageId;
    case 'stage_left':
      return event.fromStageId === trigger.stageId;
    case 'created':
    case 'deadline_reached':
    case 'inactive_for':
    case 'scheduled':
      return true;
  }
}

const asNumber = (value: FactValue): number | null =>
  typeof value === 'number'
    ? value
    : typeof value === 'string' && value !== '' && !Number.isNaN(Number(value))
      ? Number(value)
      : null;

/** Orders two facts: numbers numerically, strings (dates, ISO instants) lexically. */
function compare(left: FactValue, right: FactValue): number | null {
  const a = asNumber(left);
  const b = asNumber(right);
  if (a !== null && b !== null && typeof left === typeof right) return a - b;
  if (typeof left === 'string' && typeof right === 'string')
    return left < right ? -1 : left > right ? 1 : 0;
  if (a !== null && b !== null) return a - b;
  return null;
}

const isEmpty = (value: FactValue): boolean =>
  value === null || value === '' || (Array.isArray(value) && value.length === 0);

export function fieldMatches(actual: FactValue, op: Condition & { kind: 'field' }): boolean {
  const expected = op.value ?? null;
  switch (op.op) {
    case 'empty':
      return isEmpty(actual);
    case 'not_empty':
      return !isEmpty(actual);
    case 'eq':
      return sameValue(actual, expected);
    case 'ne':
      return !sameValue(actual, expected);
    case 'in':
      return Array.isArray(expected) && typeof actual === 'string' && expected.includes(actual);
    case 'contains':
      if (typeof expected !== 'string') return false;
      if (Array.isArray(actual)) return actual.includes(expected);
      return typeof actual === 'string' && actual.toLowerCase().includes(expected.toLowerCase());
    case 'gt':
      return ordered(actual, expected, (order) => order > 0);
    case 'gte':
      return ordered(actual, expected, (order) => order >= 0);
    case 'lt':
      return ordered(actual, expected, (order) => order < 0);
    case 'lte':
      return ordered(actual, expected, (order) => order <= 0);
  }
}

/** A comparison with a missing value never holds: "amount > 0" is false without one. */
function ordered(
  actual: FactValue,
  expected: FactValue,
  holds: (order: number) => boolean,
): boolean {
  if (isEmpty(actual) || isEmpty(expected)) return false;
  const order = compare(actual, expected);
  return order !== null && holds(order);
}

export function conditionMatches(condition: Condition, facts: RecordFacts): boolean {
  switch (condition.kind) {
    case 'field':
      return fieldMatches(facts.fields[condition.field] ?? null, condition);
    case 'pipeline':
      return condition.pipelineIds.includes(String(facts.fields['pipelineId'] ?? ''));
    case 'stage':
      return condition.stageIds.includes(String(facts.fields['stageId'] ?? ''));
    case 'owner_team': {
      const path = condition.includeSubTeams
        ? facts.ownerTeamPath
        : facts.ownerTeamPath.slice(0, 1);
      return condition.teamIds.some((team) => path.includes(team));
    }
    case 'amount': {
      if (condition.currency && facts.fields['currency'] !== condition.currency) return false;
      return fieldMatches(facts.fields['amountMinor'] ?? null, {
        kind: 'field',
        field: 'amountMinor',
        op: condition.op,
        value: condition.amountMinor,
      });
    }
  }
}

/** Every condition of a rule, judged; the rule holds when all do (none: always). */
export function explainConditions(
  rule: Pick<RuleBody, 'conditions'>,
  facts: RecordFacts,
): ConditionResult[] {
  return rule.conditions.map((condition, index) => ({
    index,
    condition,
    matched: conditionMatches(condition, facts),
  }));
}

/**
 * The rules an event fires: enabled rules of the event's record type whose trigger listens
 * for it (and, for a time trigger raised for one rule, only that rule). A rule in the event's
 * chain caused it, directly or through other rules, and is skipped as a loop; a chain at the
 * depth limit stops there. Rules whose trigger does not match are not in the answer at all.
 */
export function evaluateRules(
  rules: readonly AutomationRule[],
  event: AutomationEvent,
  facts: RecordFacts,
): Evaluation[] {
  return rules
    .filter(
      (rule) =>
        rule.enabled &&
        rule.entity === event.entity.type &&
        (event.ruleId === null || event.ruleId === rule.id) &&
        triggerMatches(rule.trigger, event),
    )
    .map((rule) => {
      const base = { ruleId: rule.id, ruleVersion: rule.version };
      if (event.chain.includes(rule.id)) {
        return { ...base, outcome: 'skipped', reason: 'loop', conditions: [], actions: [] };
      }
      if (event.chain.length >= MAX_CHAIN_DEPTH) {
        return {
          ...base,
          outcome: 'skipped',
          reason: 'depth_exceeded',
          conditions: [],
          actions: [],
        };
      }
      const conditions = explainConditions(rule, facts);
      const holds = conditions.every((result) => result.matched);
      return holds
        ? { ...base, outcome: 'planned', reason: null, conditions, actions: rule.actions }
        : { ...base, outcome: 'skipped', reason: 'conditions_not_met', conditions, actions: [] };
    });
}
