import type { FieldIssue } from '../errors.js';
import type { StageKind } from './pipeline.js';

export interface StageDraft {
  readonly key: string;
  readonly kind: StageKind;
  readonly probability: number;
}

const issue = (path: string, code: string, message: string): FieldIssue => ({
  path,
  code,
  message,
});

/**
 * A pipeline must read as a path: open stages first, then at least one won and one lost
 * stage, unique keys, and probabilities that agree with the kind (a won stage is 100%).
 * Returns every problem at once so an admin fixes the file in one pass.
 */
export function validateStages(stages: readonly StageDraft[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  let closedSeen = false;
  stages.forEach((stage, index) => {
    const path = `stages/${index}`;
    if (seen.has(stage.key))
      issues.push(issue(`${path}/key`, 'duplicate_key', `duplicate stage key "${stage.key}"`));
    seen.add(stage.key);
    if (stage.kind === 'open' && closedSeen) {
      issues.push(
        issue(
          `${path}/kind`,
          'open_after_closed',
          'open stages must come before won and lost stages',
        ),
      );
    }
    if (stage.kind !== 'open') closedSeen = true;
    if (stage.kind === 'won' && stage.probability !== 100) {
      issues.push(
        issue(`${path}/probability`, 'won_probability', 'a won stage has probability 100'),
      );
    }
    if (stage.kind === 'lost' && stage.probability !== 0) {
      issues.push(
        issue(`${path}/probability`, 'lost_probability', 'a lost stage has probability 0'),
      );
    }
  });
  for (const kind of ['open', 'won', 'lost'] as const) {
    if (!stages.some((stage) => stage.kind === kind)) {
      issues.push(
        issue('stages', `missing_${kind}_stage`, `a pipeline needs at least one ${kind} stage`),
      );
    }
  }
  return issues;
}
