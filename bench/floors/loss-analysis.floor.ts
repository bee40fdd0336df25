import { n, same, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface Side {
  deals: number;
  amountMinor: number;
  reviewed: number;
  unreviewed: number;
  byStage: { stageId: string; count: number; amountMinor: number }[];
}

/** Reviewed deals by the stage lost (won) at; the report also unnests reasons and competitors. */
export const lossAnalysis: Floor = {
  describes:
    'the deals closed in the period by outcome and by the stage of their latest review of ' +
    'that outcome (one correlated `order by … limit 1` probe per deal on ' +
    '`opportunity_reviews_opp_idx`; no review = unreviewed), in one GROUP BY. The report also ' +
    'unnests the reasons and splits by competitor (the reason × stage × competitor cube): 6 ' +
    'statements',
  statement: (q) => ({
    sql: `select x.status, x.reviewed, x.stage_id, count(*) as deals, sum(x.amount) as amount
      from (
        select o.status, o.amount_minor as amount,
          case when exists (select 1 from opportunity_reviews r
            where r.tenant_id = o.tenant_id and r.opportunity_id = o.id and r.outcome = o.status)
            then 1 else 0 end as reviewed,
          (select r.stage_id from opportunity_reviews r
            where r.tenant_id = o.tenant_id and r.opportunity_id = o.id and r.outcome = o.status
            order by r.created_at desc, r.id desc limit 1) as stage_id
        from opportunities o
        where ${SCOPE} and o.status in ('won', 'lost') and o.closed_at >= ? and o.closed_at < ?
      ) x
      group by x.status, x.reviewed, x.stage_id`,
    params: [...scope(q), q.start, q.end],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    for (const status of ['won', 'lost'] as const) {
      const side = (json as Record<'won' | 'lost', Side>)[status];
      const mine = rows.filter((row) => row.status === status);
      const total = (pick: (row: (typeof mine)[number]) => boolean, figure: 'deals' | 'amount') =>
        mine.filter(pick).reduce((sum, row) => sum + n(row[figure]), 0);
      same(
        wrong,
        `${status} deals`,
        total(() => true, 'deals'),
        side.deals,
      );
      same(
        wrong,
        `${status} amount`,
        total(() => true, 'amount'),
        side.amountMinor,
      );
      same(
        wrong,
        `${status} reviewed`,
        total((row) => n(row.reviewed) === 1, 'deals'),
        side.reviewed,
      );
      same(
        wrong,
        `${status} unreviewed`,
        total((row) => n(row.reviewed) === 0, 'deals'),
        side.unreviewed,
      );
      for (const stage of side.byStage) {
        const row = mine.find((r) => n(r.reviewed) === 1 && r.stage_id === stage.stageId);
        same(wrong, `${status} at ${stage.stageId}`, n(row?.deals), stage.count);
        same(wrong, `${status} amount at ${stage.stageId}`, n(row?.amount), stage.amountMinor);
      }
    }
    return wrong;
  },
};
