import { z } from 'zod';
import { overrideCategories, repCategories } from '../../app/forecast-calls.service.js';
import { AmountMinor, Currency, DateOnly, Id, LongText, TimestampOut, Version } from './common.js';

/** Request and response shapes of the forecast calls (rep categories, manager overrides). */
export const ForecastCallBody = z
  .strictObject({
    category: z
      .enum(repCategories)
      .nullable()
      .describe('The rep’s call for the deal; null: use the stage’s forecast category'),
    version: Version.optional(),
  })
  .meta({ id: 'ForecastCallUpdate' });

export const ForecastCall = z
  .object({
    opportunityId: Id,
    category: z.enum(repCategories).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ForecastCall' });

const SubjectType = z.enum(['user', 'team']).describe('Whose forecast: a rep’s or a team’s');

export const ForecastOverrideCreate = z
  .strictObject({
    subjectType: SubjectType,
    subjectId: Id,
    pipelineId: Id,
    periodStart: DateOnly.describe('First local date of the forecast period'),
    periodEnd: DateOnly.describe('Last local date, inclusive'),
    category: z.enum(overrideCategories),
    amountMinor: AmountMinor,
    currency: Currency,
    note: LongText.nullable().optional(),
  })
  .meta({ id: 'ForecastOverrideCreate' });

export const ForecastOverride = z
  .object({
    id: Id,
    subjectType: SubjectType,
    subjectId: Id,
    subjectName: z.string().nullable(),
    pipelineId: Id,
    periodStart: z.string(),
    periodEnd: z.string(),
    category: z.enum(overrideCategories),
    amountMinor: z.number().int(),
    currency: z.string(),
    note: z.string().nullable(),
    setBy: Id.nullable(),
    setAt: TimestampOut,
  })
  .meta({ id: 'ForecastOverride' });

export const ForecastOverrideList = z
  .object({ items: z.array(ForecastOverride) })
  .meta({ id: 'ForecastOverrideList' });

export const ForecastOverrideQuery = z.strictObject({
  pipelineId: Id.optional(),
  currency: Currency.optional(),
  periodStart: DateOnly.optional().describe('Only overrides for exactly this period'),
  periodEnd: DateOnly.optional(),
  subjectType: SubjectType.optional(),
  subjectId: Id.optional(),
});
