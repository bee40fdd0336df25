import type { components } from '../../../api/schema';

/**
 * The structured rule editor's rows and their conversion to the rule JSON the API validates
 * (src/app/automation/rule.schema.ts). A row keeps the members of every kind the user tried
 * (switching a row's kind keeps what was typed), so conversion picks exactly the members the
 * row's kind has: the saved rule never carries a stray key the strict schema would refuse.
 * Row members are named as the schema names them, so the server's `conditions/0/amountMinor`
 * lands under the right input.
 */

export type ConditionBody = components['schemas']['AutomationCondition'];
export type ActionBody = components['schemas']['AutomationAction'];
export type FactValue = components['schemas']['AutomationDryRunResult']['facts']['fields'][string];

/** The record types a rule can watch; which kinds fit depends on it (domain entity-fit.ts). */
export type RuleEntity = 'opportunity' | 'lead';

export const conditionKinds = ['field', 'pipeline', 'stage', 'owner_team', 'amount'] as const;
export type ConditionKind = (typeof conditionKinds)[number];
const dealOnlyConditions: readonly ConditionKind[] = ['pipeline', 'stage', 'amount'];

export const actionKinds = [
  'create_task',
  'notify',
  'assign',
  'set_field',
  'request_approval',
  'webhook',
  'bot_message',
  'move_to_pool',
] as const;
export type ActionKind = (typeof actionKinds)[number];
const dealOnlyActions: readonly ActionKind[] = ['request_approval'];
/** Deals never sit in a public pool (domain entity-fit.ts). */
const leadOnlyActions: readonly ActionKind[] = ['move_to_pool'];

export function conditionKindsFor(entity: RuleEntity): readonly ConditionKind[] {
  return entity === 'opportunity'
    ? conditionKinds
    : conditionKinds.filter((kind) => !dealOnlyConditions.includes(kind));
}

export function actionKindsFor(entity: RuleEntity): readonly ActionKind[] {
  return entity === 'opportunity'
    ? actionKinds.filter((kind) => !leadOnlyActions.includes(kind))
    : actionKinds.filter((kind) => !dealOnlyActions.includes(kind));
}

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
export const amountOps = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type AmountOp = (typeof amountOps)[number];

/** How a field's value is typed in, which decides the value input of a `field` condition. */
export type FieldType =
  'text' | 'money' | 'number' | 'date' | 'list' | 'user' | 'pipeline' | 'stage' | 'status';

/** The documented deal fields (docs/automation.md), in the order the picker lists them. */
export const dealFields: Readonly<Record<string, FieldType>> = {
  name: 'text',
  ownerId: 'user',
  accountId: 'text',
  pipelineId: 'pipeline',
  stageId: 'stage',
  status: 'status',
  amountMinor: 'money',
  currency: 'text',
  expectedCloseDate: 'date',
  nextStep: 'text',
  nextStepDate: 'date',
  timeline: 'text',
  source: 'text',
  tags: 'list',
  competitors: 'list',
};

/** The lead fields conditions see (src/domain/automation/lead-facts.ts). */
export const leadFields: Readonly<Record<string, FieldType>> = {
  name: 'text',
  company: 'text',
  title: 'text',
  email: 'text',
  phone: 'text',
  industry: 'text',
  region: 'text',
  size: 'text',
  language: 'text',
  source: 'text',
  campaign: 'text',
  status: 'text',
  disqualifyReason: 'text',
  score: 'number',
  ownerId: 'user',
  lifecycle: 'text',
  deadlineAt: 'date',
  bantBudgetMinor: 'money',
  bantAuthority: 'text',
  bantNeed: 'text',
  bantTimeline: 'text',
};

export function fieldsFor(entity: RuleEntity): Readonly<Record<string, FieldType>> {
  return entity === 'opportunity' ? dealFields : leadFields;
}

/** Fields a `set_field` action may write (src/domain/automation/rule.ts), besides custom.<key>. */
export const settableFields: Readonly<Record<RuleEntity, readonly string[]>> = {
  opportunity: ['nextStep', 'nextStepDate', 'timeline', 'source', 'expectedCloseDate', 'tags'],
  lead: ['status', 'disqualifyReason', 'industry', 'region', 'campaign', 'language'],
};

export function fieldTypeOf(entity: RuleEntity, field: string | undefined): FieldType {
  return (field && fieldsFor(entity)[field]) || 'text';
}

/** A condition row as the form holds it. */
export interface ConditionRow {
  kind?: ConditionKind;
  field?: string;
  op?: ComparisonOp;
  value?: FactValue;
  pipelineIds?: string[];
  stageIds?: string[];
  teamIds?: string[];
  includeSubTeams?: boolean;
  amountMinor?: number;
  currency?: string;
}

type PersonTo = 'owner' | 'manager' | 'user';
type Role = 'admin' | 'manager' | 'rep' | 'lead_ops';

/** An action row as the form holds it. */
export interface ActionRow {
  type?: ActionKind;
  /** move_to_pool: the pool; none: the owner's home pool. */
  poolId?: string;
  title?: string;
  dueInDays?: number;
  assignee?: { to?: PersonTo; userId?: string };
  recipient?: { to?: PersonTo | 'role'; userId?: string; role?: Role };
  message?: string;
  userId?: string;
  field?: string;
  value?: FactValue;
  endpointId?: string;
  text?: string;
}

/** Text members the user left empty go as "" so the server names the very input. */
const str = (value: string | undefined): string => value ?? '';

function valueOf(row: ConditionRow): { value?: FactValue } {
  if (row.op === 'empty' || row.op === 'not_empty') return {};
  if (row.op === 'in') {
    const list = Array.isArray(row.value) ? row.value : row.value == null ? [] : [row.value];
    return { value: list.map(String) };
  }
  return { value: row.value === undefined || row.value === '' ? null : row.value };
}

export function conditionOf(row: ConditionRow): ConditionBody {
  switch (row.kind ?? 'field') {
    case 'field':
      return { kind: 'field', field: str(row.field), op: row.op ?? 'eq', ...valueOf(row) };
    case 'pipeline':
      return { kind: 'pipeline', pipelineIds: row.pipelineIds ?? [] };
    case 'stage':
      return { kind: 'stage', stageIds: row.stageIds ?? [] };
    case 'owner_team':
      return {
        kind: 'owner_team',
        teamIds: row.teamIds ?? [],
        includeSubTeams: row.includeSubTeams ?? false,
      };
    case 'amount':
      return {
        kind: 'amount',
        op: isAmountOp(row.op) ? row.op : 'gte',
        amountMinor: row.amountMinor ?? 0,
        ...(row.currency ? { currency: row.currency } : {}),
      };
  }
}

function isAmountOp(op: ComparisonOp | undefined): op is AmountOp {
  return (amountOps as readonly string[]).includes(op ?? '');
}

function personOf(to: { to?: PersonTo; userId?: string } | undefined) {
  switch (to?.to ?? 'owner') {
    case 'owner':
      return { to: 'owner' as const };
    case 'manager':
      return { to: 'manager' as const };
    case 'user':
      return { to: 'user' as const, userId: str(to?.userId) };
  }
}

export function actionOf(row: ActionRow): ActionBody {
  switch (row.type ?? 'create_task') {
    case 'create_task':
      return {
        type: 'create_task',
        title: str(row.title),
        dueInDays: row.dueInDays ?? 0,
        assignee: personOf(row.assignee),
      };
    case 'notify': {
      const recipient = row.recipient;
      return {
        type: 'notify',
        recipient:
          recipient?.to === 'role'
            ? { to: 'role', role: recipient.role ?? 'manager' }
            : personOf({ to: recipient?.to, userId: recipient?.userId }),
        message: str(row.message),
      };
    }
    case 'assign':
      return { type: 'assign', userId: str(row.userId) };
    case 'set_field':
      return { type: 'set_field', field: str(row.field), value: row.value ?? null };
    case 'request_approval':
      return { type: 'request_approval', title: str(row.title) };
    case 'webhook':
      return { type: 'webhook', endpointId: str(row.endpointId) };
    case 'bot_message':
      return { type: 'bot_message', endpointId: str(row.endpointId), text: str(row.text) };
    case 'move_to_pool':
      return { type: 'move_to_pool', ...(row.poolId ? { poolId: row.poolId } : {}) };
  }
}

/** A stored condition or action as a form row (the inverse of conditionOf / actionOf). */
export function conditionRowOf(condition: ConditionBody): ConditionRow {
  return { ...condition };
}

export function actionRowOf(action: ActionBody): ActionRow {
  return { ...action };
}
