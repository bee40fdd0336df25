import { firstVisits } from './cohorts.js';
import { n, same, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface PeopleJson {
  people: {
    ownerId: string;
    openPipeline: { count: number; amountMinor: number; weightedMinor: number };
    stages: { stage: { stageId: string }; cohort: number; advanced: number; won: number }[];
  }[];
}

/** The owners' cohort conversion and open pipeline; the report adds dwell per owner and team. */
export const people: Floor = {
  describes:
    'one statement, two parts joined by UNION ALL: each owner’s cohort conversion per stage ' +
    '(the conversion floor’s window pass, grouped by owner) and each owner’s open pipeline ' +
    '(count, amount, weighted). The report also computes dwell visits and median dwell per ' +
    'owner and for the team (5 statements), so the ratio overstates the overhead of these alone',
  statement: (q) => {
    const visits = firstVisits(q, q.start);
    return {
      sql: `select 'cohort' as part, f.owner_id, f.stage_id, count(*) as deals, sum(f.advanced) as advanced,
          sum(case when f.status = 'won' then 1 else 0 end) as won, null as amount, null as product
        from (${visits.sql}) f
        where f.entered_at >= ? and f.entered_at < ?
        group by f.owner_id, f.stage_id
        union all
        select 'open', o.owner_id, null, count(*), null, null, sum(o.amount_minor),
          sum(o.amount_minor * s.probability)
        from opportunities o join stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
        where ${SCOPE} and o.status = 'open'
        group by o.owner_id`,
      params: [...visits.params, q.start, q.end, ...scope(q)],
    };
  },
  check: (rows, json) => {
    const wrong: string[] = [];
    for (const person of (json as PeopleJson).people) {
      const mine = rows.filter((row) => row.owner_id === person.ownerId);
      const open = mine.find((row) => row.part === 'open');
      same(wrong, `open ${person.ownerId}`, n(open?.deals), person.openPipeline.count);
      same(
        wrong,
        `open amount ${person.ownerId}`,
        n(open?.amount),
        person.openPipeline.amountMinor,
      );
      same(
        wrong,
        `open weighted ${person.ownerId}`,
        Math.round(n(open?.product) / 100),
        person.openPipeline.weightedMinor,
      );
      for (const stage of person.stages) {
        const row = mine.find((r) => r.part === 'cohort' && r.stage_id === stage.stage.stageId);
        const at = `${person.ownerId}/${stage.stage.stageId}`;
        same(wrong, `cohort ${at}`, n(row?.deals), stage.cohort);
        same(wrong, `advanced ${at}`, n(row?.advanced), stage.advanced);
        same(wrong, `won ${at}`, n(row?.won), stage.won);
      }
    }
    return wrong;
  },
};
