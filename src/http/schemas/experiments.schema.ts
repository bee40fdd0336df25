import { z } from 'zod';
import {
  experimentStatuses,
  MAX_VARIANTS,
  MIN_VARIANTS,
  populations,
  subjectKinds,
  TOTAL_WEIGHT,
} from '../../domain/experiments/experiment.js';
import { Id, ListQueryBase, Name, TimestampOut, Version, pageOf } from './common.js';

const VariantKey = z
  .string()
  .regex(/^[a-z0-9_-]{1,20}$/)
  .describe('Short key, e.g. "a", "control", "short-script" (lower-case letters, digits, _ -)');

const TextContent = z
  .strictObject({
    kind: z.literal('text'),
    text: z.string().trim().min(1).max(10_000).describe('What the rep is shown'),
  })
  .describe('Script or template: the text the rep uses');

const CadenceContent = z
  .strictObject({
    kind: z.literal('cadence'),
    days: z
      .record(Id, z.number().int().min(1).max(365))
      .describe(
        'Stage id → follow-up days replacing the stage’s cadence; stages not named keep theirs',
      ),
  })
  .describe('Cadence: follow-up days per stage');

const VariantIn = z.strictObject({
  key: VariantKey,
  name: Name,
  weight: z
    .number()
    .int()
    .min(0)
    .max(TOTAL_WEIGHT)
    .describe('Share of records in basis points; the variants’ weights sum to 10000'),
  content: z.discriminatedUnion('kind', [TextContent, CadenceContent]),
});

const Filter = z
  .strictObject({
    pipelineId: Id.nullable().optional(),
    stageId: Id.nullable()
      .optional()
      .describe('Deals created in (or, at start, open in) this stage'),
    teamId: Id.nullable().optional().describe('The owner’s team'),
    source: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .describe('Which records take part; every field given must match. Leads: teamId and source only');

const designFields = {
  name: Name,
  subject: z
    .enum(subjectKinds)
    .describe('script or template: text shown to the rep; cadence: follow-up days per stage'),
  population: z.enum(populations).describe('cadence needs opportunities'),
  filter: Filter.optional(),
  variants: z
    .array(VariantIn)
    .min(MIN_VARIANTS)
    .max(MAX_VARIANTS)
    .describe('2–4 variants; the first is the control'),
};

export const ExperimentCreate = z.strictObject(designFields).meta({ id: 'ExperimentCreate' });

export const ExperimentPatch = z
  .strictObject({
    version: Version,
    name: Name.optional(),
    subject: designFields.subject.optional(),
    population: designFields.population.optional(),
    filter: Filter.optional(),
    variants: designFields.variants.optional(),
  })
  .meta({
    id: 'ExperimentPatch',
    description: 'A draft takes any change; a running or stopped experiment only a new name',
  });

export const ExperimentVersion = z
  .strictObject({ version: Version })
  .meta({ id: 'ExperimentVersion' });

const VariantOut = z.object({
  key: z.string(),
  name: z.string(),
  weight: z.number().int(),
  content: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), text: z.string() }),
    z.object({ kind: z.literal('cadence'), days: z.record(z.string(), z.number().int()) }),
  ]),
});

export const Experiment = z
  .object({
    id: Id,
    name: z.string(),
    subject: z.enum(subjectKinds),
    population: z.enum(populations),
    filter: z.object({
      pipelineId: Id.nullable(),
      stageId: Id.nullable(),
      teamId: Id.nullable(),
      source: z.string().nullable(),
    }),
    status: z.enum(experimentStatuses),
    variants: z.array(VariantOut),
    startedAt: TimestampOut.nullable(),
    stoppedAt: TimestampOut.nullable(),
    createdBy: Id.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Experiment' });

export const ExperimentPage = pageOf(Experiment, 'ExperimentPage');

export const ExperimentStarted = z
  .object({
    experiment: Experiment,
    assigned: z.number().int().describe('Open records assigned a variant by the start'),
  })
  .meta({ id: 'ExperimentStarted' });

export const ExperimentListQuery = z.strictObject({
  status: z.enum(experimentStatuses).optional(),
  ...ListQueryBase,
});

export const AssignmentListQuery = z.strictObject({
  variant: VariantKey.optional(),
  ...ListQueryBase,
});

export const Assignment = z
  .object({
    id: Id,
    recordId: Id.describe('The opportunity or lead (see the experiment’s population)'),
    variantKey: z.string(),
    assignedAt: TimestampOut,
  })
  .meta({ id: 'ExperimentAssignment' });

export const AssignmentPage = pageOf(Assignment, 'ExperimentAssignmentPage');

const Durations = z.object({
  n: z.number().int(),
  medianDays: z.number().nullable(),
  meanDays: z.number().nullable(),
});

const testFields = {
  pValue: z.number().describe('Two-sided, before adjustment'),
  adjustedPValue: z.number().describe('Holm-adjusted over the treatments (equal with one)'),
  significant: z.boolean().describe('adjustedPValue < 0.05'),
};

const ProportionComparison = z.object({
  variantKey: z.string(),
  test: z
    .object({
      difference: z.number().describe('Treatment rate minus control rate'),
      z: z.number(),
      ci95: z.array(z.number()).length(2).describe('95% interval of the difference'),
      ...testFields,
    })
    .nullable()
    .describe('null: not enough data'),
});

const RankComparison = z.object({
  variantKey: z.string(),
  test: z
    .object({ u: z.number(), z: z.number(), ...testFields })
    .nullable()
    .describe('null: not enough data'),
});

export const ExperimentReport = z
  .object({
    experimentId: Id,
    generatedAt: TimestampOut,
    controlKey: z.string(),
    verdict: z
      .enum(['significant', 'not_significant', 'not_enough_data'])
      .describe('On the win (conversion) rate, the primary metric'),
    variants: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        assigned: z.number().int(),
        won: z.number().int().describe('Won deals, or converted leads'),
        winRate: z.number().nullable(),
        timeToClose: Durations.describe('Days from creation to win (or conversion)'),
      }),
    ),
    winRate: z.array(ProportionComparison).describe('Two-proportion z-tests against the control'),
    timeToClose: z.array(RankComparison).describe('Mann–Whitney U tests against the control'),
    stages: z.array(
      z.object({
        stageId: Id,
        variants: z.array(
          z.object({
            key: z.string(),
            entered: z.number().int(),
            advanced: z.number().int(),
            conversion: z.number().nullable(),
            timeInStage: Durations,
          }),
        ),
        conversion: z.array(ProportionComparison),
        timeInStage: z.array(RankComparison),
      }),
    ),
    stageNames: z.record(z.string(), z.object({ en: z.string(), zh: z.string() })),
  })
  .meta({ id: 'ExperimentReport' });

export const RecordVariant = z
  .object({
    experimentId: Id,
    experimentName: z.string(),
    subject: z.enum(subjectKinds),
    variantKey: z.string(),
    variantName: z.string(),
    content: VariantOut.shape.content,
  })
  .meta({ id: 'RecordVariant' });
