import { Document } from 'yaml';
import { DomainError } from '../domain/errors.js';
import type { FieldIssue } from '../domain/errors.js';
import type { Pipeline, Stage } from '../domain/pipeline/pipeline.js';
import { parseStructuredText, zodIssuesAt } from './file-positions.js';
import type { ParsedText } from './file-positions.js';
import { PipelineFile } from './pipeline-definition.schema.js';
import type { PipelineFileContent } from './pipeline-definition.schema.js';

/**
 * Pipelines as code: a pipeline file is the API's pipeline definition without stage ids
 * (stages are matched by key), written in YAML or JSON. This module reads one, with every
 * problem at its line and column, and writes one back from a stored pipeline.
 */
export interface PipelineFileRead {
  readonly content: PipelineFileContent;
  readonly parsed: ParsedText;
}

export const invalidFile = (issues: readonly FieldIssue[]): DomainError =>
  new DomainError('pipeline_invalid', {}, issues);

/** Parses and checks the shape of a file; throws `pipeline_invalid` with positioned issues. */
export function readPipelineFile(text: string): PipelineFileRead {
  const outcome = parseStructuredText(text);
  if (!outcome.ok) throw invalidFile(outcome.issues);
  const result = PipelineFile.safeParse(outcome.parsed.value);
  if (!result.success) throw invalidFile(zodIssuesAt(result.error.issues, outcome.parsed));
  return { content: result.data, parsed: outcome.parsed };
}

/** Leaves out what is empty or default, so an exported file reads like a hand-written one. */
function fileStage(stage: Stage): PipelineFileContent['stages'][number] {
  const { rules } = stage;
  return {
    key: stage.key,
    nameZh: stage.nameZh,
    nameEn: stage.nameEn,
    kind: stage.kind,
    probability: stage.probability,
    forecastCategory: stage.forecastCategory,
    ...(stage.targetConversion !== null ? { targetConversion: stage.targetConversion } : {}),
    ...(stage.expectedDwellDays !== null ? { expectedDwellDays: stage.expectedDwellDays } : {}),
    ...(stage.cadenceDays !== null ? { cadenceDays: stage.cadenceDays } : {}),
    ...(stage.guidance !== null ? { guidance: stage.guidance } : {}),
    ...(rules.actions.length > 0 ? { actions: [...rules.actions] } : {}),
    ...(rules.materials.length > 0 ? { materials: [...rules.materials] } : {}),
    ...(rules.entry.length > 0 ? { entry: [...rules.entry] } : {}),
    ...(rules.exit.length > 0 ? { exit: [...rules.exit] } : {}),
    ...(rules.approval !== null ? { approval: rules.approval } : {}),
  };
}

/**
 * The file that recreates a pipeline. `isDefault` is written only when true: applying a
 * file without it leaves the default as it is, so exporting and re-applying changes nothing.
 */
export function toPipelineFile(pipeline: Pipeline): PipelineFileContent {
  return {
    key: pipeline.key,
    nameZh: pipeline.nameZh,
    nameEn: pipeline.nameEn,
    ...(pipeline.description !== null ? { description: pipeline.description } : {}),
    allowSkip: pipeline.allowSkip,
    ...(pipeline.isDefault ? { isDefault: true } : {}),
    ...(pipeline.teamIds.length > 0 ? { teamIds: [...pipeline.teamIds] } : {}),
    ...(pipeline.scorecard !== null ? { scorecard: pipeline.scorecard } : {}),
    stages: pipeline.stages.map(fileStage),
  };
}

export const fileFormats = ['yaml', 'json'] as const;
export type FileFormat = (typeof fileFormats)[number];

export const FILE_HEADER =
  ' Pipewright pipeline file — pipewright pipelines apply <file> --tenant <slug>';

/** The file's text; long guidance stays on one line (no folding) so diffs stay readable. */
export function formatPipelineFile(content: PipelineFileContent, format: FileFormat): string {
  if (format === 'json') return `${JSON.stringify(content, null, 2)}\n`;
  const doc = new Document(content);
  doc.commentBefore = FILE_HEADER;
  return doc.toString({ lineWidth: 0 });
}
