import { firstVisits } from './cohorts.js';
import { n } from './floor.js';
import type { Floor, FloorRow } from './floor.js';

interface ConversionJson {
  buckets: {
    stages: {
      stage: { stageId: string };
      cohort: number;
      advanced: number;
      won: number;
      lost: number;
      open: number;
    }[];
  }[];
}

/** Compares per-stage cohort counts (the rates are divided from them in TypeScript). */
export function cohortDifferences(
  rows: readonly FloorRow[],
  stages: ConversionJson['buckets'][number]['stages'],
  label = '',
): string[] {
  const wrong: string[] = [];
  for (const stage of stages) {
    const row = rows.find((candidate) => candidate.stage_id === stage.stage.stageId);
    for (const figure of ['cohort', 'advanced', 'won', 'lost', 'open'] as const)
      if (n(row?.[figure]) !== stage[figure])
        wrong.push(
          `${label}${figure} ${stage.stage.stageId}: floor ${n(row?.[figure])}, report ${stage[figure]}`,
        );
  }
  return wrong;
}

export const conversion: Floor = {
  describes:
    'one statement: the histories of the deals that entered a stage in the period (found by ' +
    '`stage_entered_at`), one window pass marking each deal’s first visit per stage and the ' +
    'highest stage it entered afterwards, grouped by stage — cohort, advanced, won, lost, open',
  statement: (q) => {
    const visits = firstVisits(q, q.start);
    return {
      sql: `select f.stage_id, count(*) as cohort, sum(f.advanced) as advanced,
          sum(case when f.status = 'won' then 1 else 0 end) as won,
          sum(case when f.status = 'lost' then 1 else 0 end) as lost,
          sum(case when f.status = 'open' then 1 else 0 end) as open
        from (${visits.sql}) f
        where f.entered_at >= ? and f.entered_at < ?
        group by f.stage_id`,
      params: [...visits.params, q.start, q.end],
    };
  },
  check: (rows, json) => cohortDifferences(rows, (json as ConversionJson).buckets[0]?.stages ?? []),
};
