import { z } from 'zod';
import { forecastCategories, stageKinds } from '../../domain/pipeline/pipeline.js';
import { Id, Name, TimestampOut, Version } from './common.js';
import {
  PipelineDefinition,
  Scorecard,
  StageRules,
  Stages,
} from '../../app/pipeline-definition.schema.js';

/** The definition schemas live in the app layer (pipeline files share them); same names here. */
export { PipelineFile } from '../../app/pipeline-definition.schema.js';
export const PipelineCreate = PipelineDefinition;

export const Stage = z
  .object({
    id: Id,
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    position: z.number().int(),
    kind: z.enum(stageKinds),
    probability: z.number().int(),
    forecastCategory: z.enum(forecastCategories),
    targetConversion: z.number().int().nullable(),
    expectedDwellDays: z.number().int().nullable(),
    cadenceDays: z.number().int().nullable(),
    guidance: z.string().nullable(),
    rules: StageRules,
  })
  .meta({ id: 'Stage' });

export const PipelinePatch = z
  .strictObject({
    version: Version,
    nameZh: Name.optional(),
    nameEn: Name.optional(),
    description: z.string().max(4000).nullable().optional(),
    allowSkip: z.boolean().optional(),
    isDefault: z.boolean().optional(),
    teamIds: z.array(Id).max(100).optional(),
    scorecard: Scorecard.nullable().optional(),
    stages: Stages.optional().describe('The full, ordered list of stages after the change'),
  })
  .meta({ id: 'PipelinePatch' });

export const Pipeline = z
  .object({
    id: Id,
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    description: z.string().nullable(),
    allowSkip: z.boolean(),
    isDefault: z.boolean(),
    archivedAt: TimestampOut.nullable(),
    teamIds: z.array(Id).readonly(),
    scorecard: Scorecard.nullable(),
    stages: z.array(Stage).readonly(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Pipeline' });

export const PipelineList = z.object({ items: z.array(Pipeline), nextCursor: z.null() }).meta({
  id: 'PipelineList',
  description: 'All pipelines of the tenant (never more than a page)',
});

export const PipelineListQuery = z.strictObject({
  archived: z.enum(['exclude', 'include']).default('exclude'),
});

/** One stage with the count and per-currency totals of its deals (summary and board). */
export const StageSummary = z
  .object({
    stageId: Id,
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    kind: z.enum(stageKinds),
    probability: z.number().int(),
    count: z.number().int(),
    amounts: z.array(
      z.object({
        currency: z.string(),
        amountMinor: z.number().int(),
        weightedMinor: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'StageSummary' });

export const PipelineSummary = z
  .object({ pipelineId: Id, stages: z.array(StageSummary) })
  .meta({ id: 'PipelineSummary' });
