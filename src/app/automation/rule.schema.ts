import { z } from 'zod';
import {
  actionTypes,
  automationEntities,
  comparisonOps,
  leadSettableFields,
  settableFields,
} from '../../domain/automation/rule.js';
import type {
  Action,
  Condition,
  FactValue,
  RuleBody,
  Trigger,
} from '../../domain/automation/rule.js';

/**
 * The stable JSON shape of a rule (docs/automation.md), checked at the edge: the HTTP
 * schemas use these, and so does every stored rule's way in (create, update, dry run).
 */

const Uuid = z.uuid();
const Text = z.string().trim().min(1).max(500);
const FieldName = z
  .string()
  .regex(/^(custom\.[a-z][a-z0-9_]{0,63}|[a-zA-Z]{1,40})$/)
  .describe('A deal field (`amountMinor`, `stageId`, `tags`, …) or `custom.<key>`');

export const FactValueSchema: z.ZodType<FactValue> = z.union([
  z.string().max(2000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(500)).max(100),
]);

export const TriggerSchema: z.ZodType<Trigger> = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('created') }),
    z.strictObject({ type: z.literal('field_changed'), fields: z.array(FieldName).min(1).max(20) }),
    z.strictObject({ type: z.literal('stage_entered'), stageId: Uuid }),
    z.strictObject({ type: z.literal('stage_left'), stageId: Uuid }),
    z.strictObject({ type: z.literal('deadline_reached') }),
    z.strictObject({ type: z.literal('inactive_for'), days: z.number().int().min(1).max(365) }),
    z.strictObject({
      type: z.literal('scheduled'),
      every: z.enum(['daily', 'weekly']),
      hourUtc: z.number().int().min(0).max(23),
      weekday: z.number().int().min(1).max(7).optional().describe('1 = Monday … 7 = Sunday'),
    }),
  ])
  .meta({ id: 'AutomationTrigger' });

const AmountOp = z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

export const ConditionSchema: z.ZodType<Condition> = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('field'),
      field: FieldName,
      op: z.enum(comparisonOps),
      value: FactValueSchema.optional(),
    }),
    z.strictObject({ kind: z.literal('pipeline'), pipelineIds: z.array(Uuid).min(1).max(50) }),
    z.strictObject({ kind: z.literal('stage'), stageIds: z.array(Uuid).min(1).max(50) }),
    z.strictObject({
      kind: z.literal('owner_team'),
      teamIds: z.array(Uuid).min(1).max(50),
      includeSubTeams: z.boolean(),
    }),
    z.strictObject({
      kind: z.literal('amount'),
      op: AmountOp,
      amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
    }),
  ])
  .meta({ id: 'AutomationCondition' });

const Role = z.enum(['admin', 'manager', 'rep', 'lead_ops']);
const Assignee = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('owner') }),
  z.strictObject({ to: z.literal('manager') }),
  z.strictObject({ to: z.literal('user'), userId: Uuid }),
]);
const Recipient = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('owner') }),
  z.strictObject({ to: z.literal('manager') }),
  z.strictObject({ to: z.literal('user'), userId: Uuid }),
  z.strictObject({ to: z.literal('role'), role: Role }),
]);

export const ActionSchema: z.ZodType<Action> = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal(actionTypes[0]),
      title: Text,
      dueInDays: z.number().int().min(0).max(365),
      assignee: Assignee,
    }),
    z.strictObject({ type: z.literal('notify'), recipient: Recipient, message: Text }),
    z.strictObject({ type: z.literal('assign'), userId: Uuid }),
    z.strictObject({
      type: z.literal('set_field'),
      // Which of these the rule's record type accepts is checked with the whole rule
      // (domain/automation/entity-fit.ts).
      field: z.union([
        z.enum(settableFields),
        z.enum(leadSettableFields),
        z.string().regex(/^custom\.[a-z][a-z0-9_]{0,63}$/),
      ]),
      value: FactValueSchema,
    }),
    z.strictObject({ type: z.literal('request_approval'), title: Text }),
    z.strictObject({ type: z.literal('webhook'), endpointId: Uuid }),
    z.strictObject({ type: z.literal('bot_message'), endpointId: Uuid, text: Text }),
    z.strictObject({
      type: z.literal('move_to_pool'),
      poolId: Uuid.optional().describe(
        "Leads only; default: the owner's home pool (docs/pools.md)",
      ),
    }),
  ])
  .meta({ id: 'AutomationAction' });

export const RuleBodySchema: z.ZodType<RuleBody> = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    entity: z.enum(automationEntities).default('opportunity'),
    enabled: z.boolean().default(true),
    trigger: TriggerSchema,
    conditions: z.array(ConditionSchema).max(20).default([]),
    actions: z.array(ActionSchema).min(1).max(10),
  })
  .meta({ id: 'AutomationRuleBody' });
