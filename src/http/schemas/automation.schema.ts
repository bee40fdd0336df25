import { z } from 'zod';
import {
  ActionSchema,
  ConditionSchema,
  FactValueSchema,
  RuleBodySchema,
  TriggerSchema,
} from '../../app/automation/rule.schema.js';
import { automationEntities, triggerTypes } from '../../domain/automation/rule.js';
import { Id, TimestampOut, Version } from './common.js';

/** The automation rules API (docs/automation.md has the rule shape with examples). */

export const AutomationRuleCreate = RuleBodySchema;

export const AutomationRuleReplace = z
  .strictObject({ version: Version, rule: RuleBodySchema })
  .meta({ id: 'AutomationRuleReplace' });

export const AutomationRuleToggle = z
  .strictObject({ version: Version, enabled: z.boolean() })
  .meta({ id: 'AutomationRuleToggle' });

export const AutomationRule = z
  .object({
    id: Id,
    name: z.string(),
    entity: z.enum(automationEntities),
    enabled: z.boolean(),
    trigger: TriggerSchema,
    conditions: z.array(ConditionSchema).readonly(),
    actions: z.array(ActionSchema).readonly(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'AutomationRule' });

export const AutomationRuleTemplate = z
  .object({ key: z.string(), rule: RuleBodySchema })
  .meta({ id: 'AutomationRuleTemplate' });

export const AutomationTemplateQuery = z.strictObject({
  pipelineId: Id.optional().describe(
    'Build the templates for this pipeline (default: the default one)',
  ),
});

export const AutomationRunOutcome = z
  .enum(['applied', 'skipped', 'failed'])
  .describe(
    'applied: every action done; skipped: see reason; failed: nothing applied, reason is the error code',
  );

export const AutomationRun = z
  .object({
    id: Id,
    ruleId: Id,
    ruleVersion: z.number().int(),
    eventId: Id,
    eventType: z.enum(triggerTypes),
    entityType: z.enum(automationEntities),
    entityId: Id,
    outcome: AutomationRunOutcome,
    reason: z
      .string()
      .nullable()
      .describe('skipped: conditions_not_met, loop or depth_exceeded; failed: the error code'),
    actions: z.array(z.object({ type: z.string(), result: z.string() })).readonly(),
    depth: z.number().int().describe('How many rules caused the event (0: a person or a sweep)'),
    createdAt: TimestampOut,
  })
  .meta({ id: 'AutomationRun' });

export const AutomationRunPage = z
  .object({ items: z.array(AutomationRun), nextCursor: z.string().nullable() })
  .meta({ id: 'AutomationRunPage' });

export const AutomationRunQuery = z.strictObject({
  ruleId: Id.optional(),
  entityId: Id.optional().describe('The deal or lead the runs acted on'),
  outcome: AutomationRunOutcome.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

export const AutomationDryRun = z
  .strictObject({
    ruleId: Id.optional().describe('A saved rule'),
    rule: RuleBodySchema.optional().describe('Or a draft, not saved'),
    opportunityId: Id.optional().describe('The deal to try a deal rule on (required for one)'),
    leadId: Id.optional().describe('The lead to try a lead rule on (required for one)'),
  })
  .refine((body) => (body.ruleId === undefined) !== (body.rule === undefined), {
    message: 'give exactly one of ruleId and rule',
    path: ['rule'],
  })
  .meta({ id: 'AutomationDryRun' });

export const AutomationDryRunResult = z
  .object({
    matched: z.boolean().describe('Whether every condition holds, i.e. the actions would run'),
    conditions: z
      .array(
        z.object({ index: z.number().int(), condition: ConditionSchema, matched: z.boolean() }),
      )
      .readonly(),
    actions: z
      .array(
        z.object({
          index: z.number().int(),
          action: ActionSchema,
          recipients: z
            .array(Id)
            .readonly()
            .nullable()
            .describe('Who a task or a notice would go to'),
        }),
      )
      .readonly(),
    facts: z.object({
      fields: z.record(z.string(), FactValueSchema),
      ownerTeamPath: z.array(Id).readonly(),
    }),
  })
  .meta({ id: 'AutomationDryRunResult' });
