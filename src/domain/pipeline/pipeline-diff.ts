import type { Pipeline, Stage } from './pipeline.js';

/**
 * What applying a pipeline definition changes, for a dry run and for the report after a
 * real run. Stages are compared by id (a kept stage keeps its id), so a renamed stage is
 * "changed", not "removed and added".
 */
export type PipelineChange =
  | { readonly kind: 'created'; readonly stages: readonly string[] }
  | { readonly kind: 'field'; readonly field: string }
  | { readonly kind: 'stage_added'; readonly stage: string }
  | { readonly kind: 'stage_removed'; readonly stage: string }
  | { readonly kind: 'stage_changed'; readonly stage: string; readonly fields: readonly string[] }
  | { readonly kind: 'stages_reordered'; readonly order: readonly string[] };

const pipelineFields = [
  'nameZh',
  'nameEn',
  'description',
  'allowSkip',
  'isDefault',
  'teamIds',
  'scorecard',
] as const;

const stageFields = [
  'key',
  'nameZh',
  'nameEn',
  'kind',
  'probability',
  'forecastCategory',
  'targetConversion',
  'expectedDwellDays',
  'cadenceDays',
  'guidance',
] as const;

const ruleFields = ['actions', 'materials', 'entry', 'exit', 'approval'] as const;

/** JSON with sorted keys: the same rules read back from storage compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

function stageChanges(before: Stage, after: Stage): string[] {
  return [
    ...stageFields.filter((field) => !same(before[field], after[field])),
    ...ruleFields.filter((field) => !same(before.rules[field], after.rules[field])),
  ];
}

export function diffPipelines(before: Pipeline | null, after: Pipeline): PipelineChange[] {
  if (before === null) return [{ kind: 'created', stages: after.stages.map((s) => s.key) }];
  const changes: PipelineChange[] = pipelineFields
    .filter((field) =>
      field === 'teamIds'
        ? !same([...before.teamIds].sort(), [...after.teamIds].sort())
        : !same(before[field], after[field]),
    )
    .map((field) => ({ kind: 'field', field }));
  const beforeById = new Map(before.stages.map((stage) => [stage.id, stage]));
  const afterIds = new Set(after.stages.map((stage) => stage.id));
  for (const stage of before.stages) {
    if (!afterIds.has(stage.id)) changes.push({ kind: 'stage_removed', stage: stage.key });
  }
  for (const stage of after.stages) {
    const old = beforeById.get(stage.id);
    if (!old) {
      changes.push({ kind: 'stage_added', stage: stage.key });
      continue;
    }
    const fields = stageChanges(old, stage);
    if (fields.length > 0) changes.push({ kind: 'stage_changed', stage: stage.key, fields });
  }
  // Only the relative order of the stages on both sides counts: an insertion is not a move.
  const keptBefore = before.stages.filter((stage) => afterIds.has(stage.id)).map((s) => s.id);
  const keptAfter = after.stages.filter((stage) => beforeById.has(stage.id)).map((s) => s.id);
  if (!same(keptBefore, keptAfter)) {
    changes.push({ kind: 'stages_reordered', order: after.stages.map((stage) => stage.key) });
  }
  return changes;
}
