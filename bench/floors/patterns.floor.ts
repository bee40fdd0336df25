import { firstVisits } from './cohorts.js';
import { n, same } from './floor.js';
import type { Floor } from './floor.js';

interface PatternsJson {
  stages: { stage: { stageId: string }; decided: number; advanced: number }[];
}

export const patterns: Floor = {
  describes:
    'the compared deals alone — each stage’s decided cohort (first entry in the period, then ' +
    'advanced or closed) and how many advanced, from the conversion floor’s window pass. The ' +
    'report also splits them by every action, material, activity type and contact role with ' +
    'their dwell, and finds each team’s bottleneck (many statements), so the ratio overstates ' +
    'the overhead of these figures alone',
  statement: (q) => {
    const visits = firstVisits(q, q.start);
    return {
      sql: `select f.stage_id, count(*) as decided, sum(f.advanced) as advanced
        from (${visits.sql}) f
        where f.entered_at >= ? and f.entered_at < ? and (f.advanced = 1 or f.status <> 'open')
        group by f.stage_id`,
      params: [...visits.params, q.start, q.end],
    };
  },
  check: (rows, json) => {
    const wrong: string[] = [];
    for (const stage of (json as PatternsJson).stages) {
      const id = stage.stage.stageId;
      const row = rows.find((candidate) => candidate.stage_id === id);
      same(wrong, `decided ${id}`, n(row?.decided), stage.decided);
      same(wrong, `advanced ${id}`, n(row?.advanced), stage.advanced);
    }
    return wrong;
  },
};
