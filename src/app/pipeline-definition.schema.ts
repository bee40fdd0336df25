import { z } from 'zod';
import { decisionRoles } from '../domain/accounts/contact.js';
import {
  forecastCategories,
  PIPELINE_KEY_PATTERN,
  stageKinds,
} from '../domain/pipeline/pipeline.js';
import { gateFields } from '../domain/pipeline/stage-rules.js';
import { Id, Name } from './schema-primitives.js';

/**
 * The shape of a pipeline definition, shared by the HTTP API (request bodies, OpenAPI) and
 * pipeline files (YAML/JSON applied from the CLI, the API or a template). One definition,
 * so a file that validates here is exactly a body the API would accept.
 */
const Key = z.string().regex(PIPELINE_KEY_PATTERN, 'lower-case letters, digits, - and _');
const Percent = z.number().int().min(0).max(100);
const Days = z.number().int().min(0).max(3650);

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

/** The rules as stored and returned: every list present, no optional members. */
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
      .array(z.strictObject({ key: Key, nameZh: Name, nameEn: Name, weight: Percent }))
      .min(1)
      .max(20)
      .readonly(),
  })
  .meta({ id: 'Scorecard' });

export const StageDefinition = z
  .strictObject({
    id: Id.optional().describe(
      'Keep an existing stage (its deals and history stay with it); omit for a new one',
    ),
    key: Key,
    nameZh: Name,
    nameEn: Name,
    kind: z.enum(stageKinds),
    probability: Percent.describe('Default win probability, percent'),
    forecastCategory: z.enum(forecastCategories),
    targetConversion: Percent.nullable().optional(),
    expectedDwellDays: Days.nullable().optional(),
    cadenceDays: Days.nullable().optional(),
    guidance: z.string().max(4000).nullable().optional(),
    ...StageRulesFields,
  })
  .meta({ id: 'StageDefinition' });

export const MIN_STAGES = 3;
export const MAX_STAGES = 30;
export const Stages = z.array(StageDefinition).min(MIN_STAGES).max(MAX_STAGES);

const definitionFields = {
  key: Key,
  nameZh: Name,
  nameEn: Name,
  description: z.string().max(4000).nullable().optional(),
  allowSkip: z.boolean().optional(),
  isDefault: z.boolean().optional(),
  teamIds: z
    .array(Id)
    .max(100)
    .optional()
    .describe('Only these teams may use it (default: everyone)'),
  scorecard: Scorecard.nullable()
    .optional()
    .describe('Evaluation scorecard (default: nine dimensions)'),
};

/** A whole pipeline as the API creates it (`PipelineCreate` in the OpenAPI document). */
export const PipelineDefinition = z
  .strictObject({ ...definitionFields, stages: Stages })
  .meta({ id: 'PipelineCreate' });

/** A stage in a pipeline file: no id, because files name stages by key. */
export const FileStage = StageDefinition.omit({ id: true }).meta({ id: 'PipelineFileStage' });

/**
 * A pipeline file (pipelines as code): the definition without stage ids. Applying it
 * creates the pipeline or makes the existing one with that key match it.
 */
export const PipelineFile = z
  .strictObject({
    ...definitionFields,
    isDefault: definitionFields.isDefault.describe(
      'true makes it the default pipeline; omitted leaves that as it is',
    ),
    stages: z.array(FileStage).min(MIN_STAGES).max(MAX_STAGES),
  })
  .meta({ id: 'PipelineFile', description: 'A pipeline as a file (YAML or JSON)' });

export type PipelineFileContent = z.infer<typeof PipelineFile>;
