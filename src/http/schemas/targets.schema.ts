import { z } from 'zod';
import { sortValues } from '../../app/listing.js';
import { targetSorts } from '../../app/targets.service.js';
import { targetSubjectTypes } from '../../domain/analytics/targets.js';
import {
  AmountMinor,
  Currency,
  DateOnly,
  Id,
  ListQueryBase,
  TimestampOut,
  Version,
} from './common.js';

const SubjectType = z
  .enum(targetSubjectTypes as ['user', 'team'])
  .describe('Whose target: a user (rep) or a team (its whole subtree)');
const PositiveAmount = AmountMinor.describe('Target amount in minor units; must be > 0');

export const Target = z
  .object({
    id: Id,
    subjectType: SubjectType,
    subjectId: Id,
    pipelineId: Id.nullable().describe('null: the target counts deals of every pipeline'),
    periodStart: z.string().describe('First day of the target period, inclusive'),
    periodEnd: z.string().describe('Last day of the target period, inclusive'),
    amountMinor: z.number().int(),
    currency: z.string(),
    createdBy: Id.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Target' });

export const TargetCreate = z
  .strictObject({
    subjectType: SubjectType,
    subjectId: Id,
    pipelineId: Id.nullable().optional(),
    periodStart: DateOnly,
    periodEnd: DateOnly,
    amountMinor: PositiveAmount,
    currency: Currency,
  })
  .meta({ id: 'TargetCreate' });

export const TargetPatch = z
  .strictObject({
    version: Version,
    pipelineId: Id.nullable().optional(),
    periodStart: DateOnly.optional(),
    periodEnd: DateOnly.optional(),
    amountMinor: PositiveAmount.optional(),
    currency: Currency.optional(),
  })
  .meta({ id: 'TargetPatch' });

export const TargetListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(targetSorts)).optional(),
  subjectType: SubjectType.optional(),
  subjectId: Id.optional(),
  pipelineId: Id.optional(),
  currency: Currency.optional(),
  from: DateOnly.optional().describe('Only targets whose period ends on or after this date'),
  to: DateOnly.optional().describe('Only targets whose period starts on or before this date'),
});
