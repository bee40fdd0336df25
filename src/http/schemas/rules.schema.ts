import { z } from 'zod';
import { decisionRoles } from '../../domain/accounts/contact.js';
import { gateFields } from '../../domain/pipeline/stage-rules.js';
import { Name } from './common.js';

const Key = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _');

export const Criterion = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('field'),
      field: z.union([
        z.enum(gateFields),
        z.templateLiteral(['custom.', z.string().regex(/^[a-z][a-z0-9_]{0,39}$/)]),
      ]),
    }),
    z.strictObject({ type: z.literal('action'), action: Key }),
    z.strictObject({ type: z.literal('attachment'), attachmentType: Key }),
    z.strictObject({
      type: z.literal('contact_role'),
      role: z.enum(decisionRoles),
      min: z.number().int().min(1).max(50),
    }),
    z.strictObject({ type: z.literal('score'), min: z.number().int().min(0).max(100) }),
  ])
  .meta({
    id: 'Criterion',
    description: 'One objective standard a deal must meet at a stage gate',
  });

export const KeyAction = z
  .strictObject({ key: Key, nameZh: Name, nameEn: Name, required: z.boolean() })
  .meta({ id: 'KeyAction' });

export const SalesMaterial = z
  .strictObject({ key: Key, titleZh: Name, titleEn: Name, url: z.url().max(2000).nullable() })
  .meta({ id: 'SalesMaterial' });

export const ApprovalRule = z.strictObject({ approver: z.enum(['manager', 'admin']) }).meta({
  id: 'ApprovalRule',
  description: "manager: the owner's team manager (an admin if none)",
});

export const StageRulesFields = {
  actions: z.array(KeyAction).max(30).optional(),
  materials: z.array(SalesMaterial).max(30).optional(),
  entry: z.array(Criterion).max(30).optional().describe('Standards to enter the stage'),
  exit: z
    .array(Criterion)
    .max(30)
    .optional()
    .describe('Standards to leave it (required actions count too)'),
  approval: ApprovalRule.nullable().optional().describe('Entering needs this sign-off'),
};

export const StageRules = z
  .object({
    actions: z.array(KeyAction).readonly(),
    materials: z.array(SalesMaterial).readonly(),
    entry: z.array(Criterion).readonly(),
    exit: z.array(Criterion).readonly(),
    approval: ApprovalRule.nullable(),
  })
  .meta({ id: 'StageRules' });

export const Scorecard = z
  .strictObject({
    dimensions: z
      .array(
        z.strictObject({
          key: Key,
          nameZh: Name,
          nameEn: Name,
          weight: z.number().int().min(0).max(100),
        }),
      )
      .min(1)
      .max(20)
      .readonly(),
  })
  .meta({ id: 'Scorecard' });
