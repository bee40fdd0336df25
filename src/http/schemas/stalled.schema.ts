import { z } from 'zod';
import { stallCodes } from '../../domain/pipeline/stalled.js';
import { Id, ListQueryBase, Money, pageOf, TimestampOut } from './common.js';

const Days = z.number().int().min(0);
const Message = z.string().describe('Why, in the language of Accept-Language (zh-CN or en)');

const DwellOverExpected = z
  .object({
    code: z.literal('dwell_over_expected'),
    days: Days.describe('Whole days in the current stage'),
    expectedDays: Days.describe('The stage’s expected dwell'),
    message: Message,
  })
  .meta({ id: 'StallDwellOverExpected', description: 'In the stage longer than it expects' });

const DwellOverP75 = z
  .object({
    code: z.literal('dwell_over_p75'),
    days: Days.describe('Whole days in the current stage'),
    p75Days: Days.describe('75th percentile of days past deals of the tenant spent in the stage'),
    sampleSize: z.number().int().describe('Closed stage intervals behind the percentile (≥ 20)'),
    message: Message,
  })
  .meta({
    id: 'StallDwellOverP75',
    description: 'In the stage longer than 75% of the tenant’s deals of the last year',
  });

const RequiredActionsPending = z
  .object({
    code: z.literal('required_actions_pending'),
    actions: z
      .array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() }))
      .readonly()
      .describe('The required key actions not done'),
    daysInStage: Days,
    afterDays: Days.describe('Allowed days: the stage’s cadence, else 7'),
    message: Message,
  })
  .meta({
    id: 'StallRequiredActionsPending',
    description: 'Required key actions of the stage still not done',
  });

const NoRecentActivity = z
  .object({
    code: z.literal('no_recent_activity'),
    lastActivityAt: TimestampOut.nullable().describe('null: no activity ever logged'),
    cadenceDays: Days.describe('The stage’s follow-up cadence'),
    daysSince: Days.describe('Days since the last activity, or since creation if later'),
    message: Message,
  })
  .meta({
    id: 'StallNoRecentActivity',
    description: 'No activity within the follow-up cadence and no next step scheduled',
  });

export const StallFlag = z
  .discriminatedUnion('code', [
    DwellOverExpected,
    DwellOverP75,
    RequiredActionsPending,
    NoRecentActivity,
  ])
  .meta({ id: 'StallFlag', description: 'Why a deal is stalled, with the evidence' });

export const StalledOpportunity = z
  .object({
    opportunity: z.object({
      id: Id,
      name: z.string(),
      ownerId: Id,
      pipelineId: Id,
      stageId: Id,
      amount: Money,
      stageEnteredAt: TimestampOut,
      nextStepDate: z.string().nullable(),
      lastActivityAt: TimestampOut.nullable().describe('The latest activity logged on the deal'),
      daysInStage: Days.describe('Whole days in the current stage'),
    }),
    flags: z.array(StallFlag).readonly(),
  })
  .meta({ id: 'StalledOpportunity' });

export const StalledOpportunityPage = pageOf(StalledOpportunity, 'StalledOpportunityPage');

export const StalledListQuery = z.strictObject({
  ...ListQueryBase,
  pipelineId: Id.optional(),
  ownerId: Id.optional(),
  teamId: Id.optional().describe('Deals owned by members of this team or any team below it'),
  code: z.enum(stallCodes).optional().describe('Only deals carrying this flag'),
});
