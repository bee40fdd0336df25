import type { ApplyResult } from '../../app/pipeline-files.service.js';
import type { PipelineChange } from '../../domain/pipeline/pipeline-diff.js';

/** One line per change, marked like a diff: + added, - removed, ~ changed. */
function changeLine(change: PipelineChange): string {
  switch (change.kind) {
    case 'created':
      return `+ stages: ${change.stages.join(' → ')}`;
    case 'field':
      return `~ ${change.field}`;
    case 'stage_added':
      return `+ stage ${change.stage}`;
    case 'stage_removed':
      return `- stage ${change.stage}`;
    case 'stage_changed':
      return `~ stage ${change.stage}: ${change.fields.join(', ')}`;
    case 'stages_reordered':
      return `~ stage order: ${change.order.join(' → ')}`;
  }
}

/** What `pipelines apply` prints: the outcome, then the changes (what would change, dry). */
export function describeApply(result: ApplyResult): string[] {
  const { key, id } = result.pipeline;
  if (result.outcome === 'unchanged') return [`Pipeline ${key} is up to date; nothing to change.`];
  const verb =
    result.outcome === 'created'
      ? result.dryRun
        ? 'Would create'
        : 'Created'
      : result.dryRun
        ? 'Would update'
        : 'Updated';
  const headline = result.dryRun
    ? `${verb} pipeline ${key} (dry run: nothing was changed):`
    : `${verb} pipeline ${key} (${id}):`;
  return [headline, ...result.changes.map((change) => `  ${changeLine(change)}`)];
}
