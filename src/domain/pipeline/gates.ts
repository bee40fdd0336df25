import type { Stage } from './pipeline.js';
import type { Criterion, StageRules } from './stage-rules.js';

/** What the gate checks know about a deal; gathered by the app layer, judged here. */
export interface GateFacts {
  /** Standard fields by name and custom fields as `custom.<key>`. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly completedActions: ReadonlySet<string>;
  readonly attachmentTypes: ReadonlySet<string>;
  /** How many of the account's contacts hold each decision-chain role. */
  readonly contactRoles: Readonly<Partial<Record<string, number>>>;
  /** The latest scorecard's weighted score (0–100), or null if never scored. */
  readonly score: number | null;
  /** Stages whose entry an approver has signed off for this deal. */
  readonly approvedStages: ReadonlySet<string>;
}

export interface RuledStage extends Stage {
  readonly rules: StageRules;
}

export type UnmetReason =
  | { readonly code: 'criterion'; readonly gate: 'entry' | 'exit'; readonly criterion: Criterion }
  | { readonly code: 'skip_not_allowed' };

export interface Unmet {
  readonly stageId: string;
  readonly stageKey: string;
  readonly reason: UnmetReason;
}

export interface GateDecision {
  /** Everything standing in the way, all at once, so the rep can fix it in one go. */
  readonly unmet: readonly Unmet[];
  /** Stages on the way that need an approver's sign-off this deal does not have yet. */
  readonly approvalsNeeded: readonly RuledStage[];
  readonly direction: 'forward' | 'backward' | 'close_lost' | 'reopen' | 'none';
}

/** A field "has a value" the way a manager would read it: blank, empty, zero and false do not. */
export function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return value > 0;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && 'amountMinor' in value) return Number(value.amountMinor) > 0;
  return true;
}

export function criterionMet(criterion: Criterion, facts: GateFacts): boolean {
  switch (criterion.type) {
    case 'field':
      return hasValue(facts.fields[criterion.field]);
    case 'action':
      return facts.completedActions.has(criterion.action);
    case 'attachment':
      return facts.attachmentTypes.has(criterion.attachmentType);
    case 'contact_role':
      return (facts.contactRoles[criterion.role] ?? 0) >= criterion.min;
    case 'score':
      return facts.score !== null && facts.score >= criterion.min;
  }
}

/** A stage's exit standard: its exit criteria plus its required key actions. */
function exitCriteria(stage: RuledStage): Criterion[] {
  const requiredActions = stage.rules.actions
    .filter((action) => action.required)
    .map((action): Criterion => ({ type: 'action', action: action.key }));
  return [...stage.rules.exit, ...requiredActions];
}

function check(
  stage: RuledStage,
  gate: 'entry' | 'exit',
  criteria: readonly Criterion[],
  facts: GateFacts,
): Unmet[] {
  return criteria
    .filter((criterion) => !criterionMet(criterion, facts))
    .map((criterion) => ({
      stageId: stage.id,
      stageKey: stage.key,
      reason: { code: 'criterion', gate, criterion },
    }));
}

/**
 * Judges a stage move. Moving forward checks the exit standard of the stage being left and
 * the entry standard of every stage entered or skipped (a skipped stage must also meet its
 * exit standard: skipping is passing through); skipping open stages is refused outright
 * when the pipeline forbids it. Closing as won is moving forward through the remaining
 * open stages. Closing as lost, moving back and reopening are not gated (they need a
 * reason or a review instead, which the caller enforces).
 */
export function evaluateMove(
  stages: readonly RuledStage[],
  fromId: string,
  toId: string,
  facts: GateFacts,
  allowSkip: boolean,
): GateDecision {
  const from = stages.find((stage) => stage.id === fromId);
  const to = stages.find((stage) => stage.id === toId);
  if (!from || !to) throw new Error('both stages must belong to the pipeline');
  const none = { unmet: [], approvalsNeeded: [] };
  if (from.id === to.id) return { ...none, direction: 'none' };
  if (to.kind === 'lost') return { ...none, direction: 'close_lost' };
  if (from.kind !== 'open') return { ...none, direction: 'reopen' };
  if (to.kind === 'open' && to.position < from.position) return { ...none, direction: 'backward' };

  const open = stages
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.position - b.position);
  const limit = to.kind === 'open' ? to.position : Number.POSITIVE_INFINITY;
  const skipped = open.filter((stage) => stage.position > from.position && stage.position < limit);
  const unmet: Unmet[] = [...check(from, 'exit', exitCriteria(from), facts)];
  if (skipped.length > 0 && !allowSkip) {
    unmet.push({ stageId: to.id, stageKey: to.key, reason: { code: 'skip_not_allowed' } });
  }
  for (const stage of skipped) {
    unmet.push(
      ...check(stage, 'entry', stage.rules.entry, facts),
      ...check(stage, 'exit', exitCriteria(stage), facts),
    );
  }
  unmet.push(...check(to, 'entry', to.rules.entry, facts));
  const approvalsNeeded = [...skipped, to].filter(
    (stage) => stage.rules.approval !== null && !facts.approvedStages.has(stage.id),
  );
  return { unmet, approvalsNeeded, direction: 'forward' };
}
