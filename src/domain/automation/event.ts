import type { AutomationEntity, FactValue, TriggerType } from './rule.js';

/**
 * Something that happened to one record, recorded in the transaction that made it happen
 * (or by the time sweep). `chain` lists the rules whose actions caused it, oldest first: a
 * rule never fires on an event it is in the chain of, which is what stops two rules from
 * ping-ponging a record between them forever.
 */
export interface AutomationEvent {
  readonly id: string;
  readonly type: TriggerType;
  readonly entity: { readonly type: AutomationEntity; readonly id: string };
  /** field_changed: the fields whose value changed. */
  readonly changedFields: readonly string[];
  /** stage_entered / stage_left: the stages the deal moved between. */
  readonly fromStageId: string | null;
  readonly toStageId: string | null;
  /** Time triggers are raised for one rule only; change events for every rule. */
  readonly ruleId: string | null;
  readonly chain: readonly string[];
  readonly occurredAt: string;
}

/**
 * What conditions are judged against: the record's fields as they are now (see
 * `opportunityFacts`) and its owner's team path, nearest team first.
 */
export interface RecordFacts {
  readonly fields: Readonly<Record<string, FactValue>>;
  readonly ownerTeamPath: readonly string[];
}

/** The fields of two fact sets that differ (compared by value, arrays in order). */
export function changedFieldsBetween(
  before: Readonly<Record<string, FactValue>>,
  after: Readonly<Record<string, FactValue>>,
): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !sameValue(before[key] ?? null, after[key] ?? null)).sort();
}

export function sameValue(left: FactValue, right: FactValue): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => item === right[index]);
  }
  return left === right;
}
