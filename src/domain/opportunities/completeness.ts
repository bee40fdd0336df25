import { criterionMet } from '../pipeline/gates.js';
import type { GateFacts, RuledStage } from '../pipeline/gates.js';
import type { Criterion } from '../pipeline/stage-rules.js';

export interface Completeness {
  /** 0–100: share of the fields the process expects by now that are filled in. */
  readonly score: number;
  readonly expected: number;
  readonly missing: readonly Criterion[];
}

/**
 * How complete a deal's record is for where it stands: every field criterion of the
 * stages it has passed and the one it is in (entry and exit), plus the entry of the next
 * stage — what a manager expects to see filled in by now.
 */
export function completeness(
  stages: readonly RuledStage[],
  currentStageId: string,
  facts: GateFacts,
): Completeness {
  const open = stages
    .filter((stage) => stage.kind === 'open')
    .sort((a, b) => a.position - b.position);
  const current = stages.find((stage) => stage.id === currentStageId);
  const upTo = current?.kind === 'open' ? current.position : Number.POSITIVE_INFINITY;
  const relevant = open.filter((stage) => stage.position <= upTo);
  const next = open.find((stage) => stage.position > upTo);
  const criteria = [
    ...relevant.flatMap((stage) => [...stage.rules.entry, ...stage.rules.exit]),
    ...(next ? next.rules.entry : []),
  ].filter((criterion) => criterion.type === 'field');
  const unique = [
    ...new Map(criteria.map((criterion) => [JSON.stringify(criterion), criterion])).values(),
  ];
  const missing = unique.filter((criterion) => !criterionMet(criterion, facts));
  const score =
    unique.length === 0
      ? 100
      : Math.round(((unique.length - missing.length) / unique.length) * 100);
  return { score, expected: unique.length, missing };
}
