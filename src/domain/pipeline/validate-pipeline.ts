import type { FieldIssue } from '../errors.js';
import type { StageKind } from './pipeline.js';
import type { Scorecard } from './scorecard.js';
import { noRules } from './stage-rules.js';
import type { StageRules } from './stage-rules.js';

export interface StageDraft {
  readonly key: string;
  readonly kind: StageKind;
  readonly probability: number;
  /** Omitted in drafts without standards (e.g. a bare list of stages). */
  readonly rules?: StageRules;
}

const issue = (path: string, code: string, message: string): FieldIssue => ({
  path,
  code,
  message,
});

/**
 * A pipeline must read as a path: open stages first, then at least one won and one lost
 * stage, unique keys, probabilities that agree with the kind (a won stage is 100%), and
 * standards that refer to things that exist (key actions of this pipeline, the tenant's
 * custom fields). Returns every problem at once so an admin fixes the file in one pass.
 */
export function validateStages(
  stages: readonly StageDraft[],
  customFieldKeys: ReadonlySet<string> = new Set(),
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const actionKeys = new Set<string>();
  let closedSeen = false;
  const ruled = stages.map((stage) => ({ ...stage, rules: stage.rules ?? noRules }));
  ruled.forEach((stage, index) => {
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
    if (stage.kind === 'lost' && (stage.rules.entry.length > 0 || stage.rules.approval !== null)) {
      issues.push(
        issue(
          `${path}/entry`,
          'lost_not_gated',
          'losing a deal is never blocked: it needs a review instead',
        ),
      );
    }
    stage.rules.actions.forEach((action, i) => {
      if (actionKeys.has(action.key)) {
        issues.push(
          issue(
            `${path}/actions/${i}/key`,
            'duplicate_action',
            `duplicate action key "${action.key}"`,
          ),
        );
      }
      actionKeys.add(action.key);
    });
    const materialKeys = new Set<string>();
    stage.rules.materials.forEach((material, i) => {
      if (materialKeys.has(material.key)) {
        issues.push(
          issue(
            `${path}/materials/${i}/key`,
            'duplicate_material',
            `duplicate material key "${material.key}"`,
          ),
        );
      }
      materialKeys.add(material.key);
    });
  });
  ruled.forEach((stage, index) => {
    for (const gate of ['entry', 'exit'] as const) {
      stage.rules[gate].forEach((criterion, i) => {
        const path = `stages/${index}/${gate}/${i}`;
        if (criterion.type === 'action' && !actionKeys.has(criterion.action)) {
          issues.push(
            issue(path, 'unknown_action', `no key action "${criterion.action}" in this pipeline`),
          );
        }
        if (
          criterion.type === 'field' &&
          criterion.field.startsWith('custom.') &&
          !customFieldKeys.has(criterion.field.slice(7))
        ) {
          issues.push(
            issue(path, 'unknown_custom_field', `no custom field "${criterion.field.slice(7)}"`),
          );
        }
      });
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

export function validateScorecard(scorecard: Scorecard | null): FieldIssue[] {
  if (scorecard === null) return [];
  const issues: FieldIssue[] = [];
  const keys = new Set<string>();
  scorecard.dimensions.forEach((dimension, index) => {
    if (keys.has(dimension.key)) {
      issues.push(
        issue(
          `scorecard/dimensions/${index}/key`,
          'duplicate_dimension',
          `duplicate dimension "${dimension.key}"`,
        ),
      );
    }
    keys.add(dimension.key);
  });
  if (scorecard.dimensions.length > 0 && scorecard.dimensions.every((d) => d.weight === 0)) {
    issues.push(
      issue('scorecard/dimensions', 'zero_weights', 'at least one dimension needs a weight'),
    );
  }
  return issues;
}
