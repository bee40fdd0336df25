import type { components } from '../../../api/schema';

export type Pipeline = components['schemas']['Pipeline'];
export type Stage = components['schemas']['Stage'];
export type StageInput = components['schemas']['StageDefinitionInput'];
export type CriterionInput = components['schemas']['CriterionInput'];

/** The editor's form: the pipeline's PATCH body without its version. */
export interface PipelineForm {
  nameZh: string;
  nameEn: string;
  description: string | null;
  allowSkip: boolean;
  isDefault: boolean;
  stages: StageInput[];
}

/** The pipeline as the editor starts from: each stage as its definition, keeping its id. */
export function formOf(pipeline: Pipeline): PipelineForm {
  return {
    nameZh: pipeline.nameZh,
    nameEn: pipeline.nameEn,
    description: pipeline.description,
    allowSkip: pipeline.allowSkip,
    isDefault: pipeline.isDefault,
    stages: pipeline.stages.map((stage) => ({
      id: stage.id,
      key: stage.key,
      nameZh: stage.nameZh,
      nameEn: stage.nameEn,
      kind: stage.kind,
      probability: stage.probability,
      forecastCategory: stage.forecastCategory,
      targetConversion: stage.targetConversion,
      expectedDwellDays: stage.expectedDwellDays,
      cadenceDays: stage.cadenceDays,
      guidance: stage.guidance,
      actions: [...stage.rules.actions],
      materials: [...stage.rules.materials],
      entry: [...stage.rules.entry],
      exit: [...stage.rules.exit],
      approval: stage.rules.approval,
    })),
  };
}

/** Empty text inputs mean "none" to the API. */
export const emptyToNull = (value: unknown): unknown => (value === '' ? null : value);
