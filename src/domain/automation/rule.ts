/**
 * Automation rules: tenant data that says "when this happens to a record, and these
 * conditions hold, do these things". A rule is a trigger, a list of conditions (all must
 * hold) and a list of actions. The shape is stable and documented in docs/automation.md;
 * the HTTP layer validates it (app/automation/rule.schema.ts) before it is ever stored.
 */

/** The record types rules can watch: deals and leads (see docs/automation.md). */
export const automationEntities = ['opportunity', 'lead'] as const;
export type AutomationEntity = (typeof automationEntities)[number];

export const triggerTypes = [
  'created',
  'field_changed',
  'stage_entered',
  'stage_left',
  'deadline_reached',
  'inactive_for',
  'scheduled',
] as const;
export type TriggerType = (typeof triggerTypes)[number];

/** Triggers the time sweep raises (the others come from changes as they are saved). */
export const timeTriggerTypes: readonly TriggerType[] = [
  'deadline_reached',
  'inactive_for',
  'scheduled',
];

export type Trigger =
  | { readonly type: 'created' }
  /** Fires when any of `fields` changed (field names as in RecordFacts). */
  | { readonly type: 'field_changed'; readonly fields: readonly string[] }
  | { readonly type: 'stage_entered'; readonly stageId: string }
  | { readonly type: 'stage_left'; readonly stageId: string }
  /** The deal's follow-up deadline passed (once per deadline). */
  | { readonly type: 'deadline_reached' }
  /** No activity (nor stage move) for `days` days (once per quiet spell). */
  | { readonly type: 'inactive_for'; readonly days: number }
  /** Every day, or every week on `weekday` (1 = Monday … 7 = Sunday), from `hourUtc`. */
  | {
      readonly type: 'scheduled';
      readonly every: 'daily' | 'weekly';
      readonly hourUtc: number;
      readonly weekday?: number;
    };

export const comparisonOps = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'contains',
  'empty',
  'not_empty',
] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

/** A value a fact or a comparison can have. */
export type FactValue = string | number | boolean | null | readonly string[];

export type Condition =
  | {
      readonly kind: 'field';
      readonly field: string;
      readonly op: ComparisonOp;
      readonly value?: FactValue;
    }
  | { readonly kind: 'pipeline'; readonly pipelineIds: readonly string[] }
  | { readonly kind: 'stage'; readonly stageIds: readonly string[] }
  /** The owner is in one of the teams (or, with `includeSubTeams`, anywhere below one). */
  | {
      readonly kind: 'owner_team';
      readonly teamIds: readonly string[];
      readonly includeSubTeams: boolean;
    }
  /** The deal's amount (minor units), optionally only in one currency. */
  | {
      readonly kind: 'amount';
      readonly op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
      readonly amountMinor: number;
      readonly currency?: string;
    };

/** Who a task or a notice goes to. */
export type Recipient =
  | { readonly to: 'owner' }
  | { readonly to: 'manager' }
  | { readonly to: 'user'; readonly userId: string }
  | { readonly to: 'role'; readonly role: 'admin' | 'manager' | 'rep' | 'lead_ops' };

export const actionTypes = [
  'create_task',
  'notify',
  'assign',
  'set_field',
  'request_approval',
  'webhook',
  'bot_message',
  'move_to_pool',
] as const;
export type ActionType = (typeof actionTypes)[number];

/** Fields a `set_field` action may write (through the normal update path). */
export const settableFields = [
  'nextStep',
  'nextStepDate',
  'timeline',
  'source',
  'expectedCloseDate',
  'tags',
] as const;
export type SettableField = (typeof settableFields)[number];

/** Fields a `set_field` action may write on a lead (through the lead update path). */
export const leadSettableFields = [
  'status',
  'disqualifyReason',
  'industry',
  'region',
  'campaign',
  'language',
] as const;
export type LeadSettableField = (typeof leadSettableFields)[number];

export type Action =
  | {
      readonly type: 'create_task';
      readonly title: string;
      readonly dueInDays: number;
      readonly assignee: Exclude<Recipient, { to: 'role' }>;
    }
  | { readonly type: 'notify'; readonly recipient: Recipient; readonly message: string }
  /** Gives the deal to another owner. */
  | { readonly type: 'assign'; readonly userId: string }
  /** A settable field or a custom field (`custom.<key>`). */
  | { readonly type: 'set_field'; readonly field: string; readonly value: FactValue }
  | { readonly type: 'request_approval'; readonly title: string }
  | { readonly type: 'webhook'; readonly endpointId: string }
  | { readonly type: 'bot_message'; readonly endpointId: string; readonly text: string }
  /** Leads only: releases the lead to a public pool (`poolId`, else its home pool). */
  | { readonly type: 'move_to_pool'; readonly poolId?: string };

export interface RuleBody {
  readonly name: string;
  readonly entity: AutomationEntity;
  readonly enabled: boolean;
  readonly trigger: Trigger;
  readonly conditions: readonly Condition[];
  readonly actions: readonly Action[];
}

export interface AutomationRule extends RuleBody {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** A rule's own change may cause further changes, but never more than this many deep. */
export const MAX_CHAIN_DEPTH = 5;
