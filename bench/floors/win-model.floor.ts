import { n, same, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface WinModelJson {
  closedDeals: number;
  openDeals: {
    scored: number;
    unscored: number;
    amountMinor: number;
    bands: { fromBp: number; count: number; amountMinor: number }[];
  };
}

export const winModel: Floor = {
  describes:
    'one statement, two parts joined by UNION ALL: the in-scope open deals by predicted ' +
    'probability band (`win_predictions` of the active model, unscored apart) with count and ' +
    'amount, and the pipeline’s closed deals (the training sample’s size). The report also ' +
    'reads the active model’s stored metrics',
  statement: (q) => ({
    sql: `select 'open' as part, case when wp.probability_bp is null then -1
          when wp.probability_bp >= 10000 then 9 else wp.probability_bp / 1000 end as band,
        count(*) as deals, sum(o.amount_minor) as amount
      from opportunities o
      left join win_models m on m.tenant_id = o.tenant_id and m.pipeline_id = o.pipeline_id
        and m.status = 'active'
      left join win_predictions wp on wp.tenant_id = o.tenant_id and wp.opportunity_id = o.id
        and wp.model_id = m.id
      where ${SCOPE} and o.status = 'open'
      group by 2
      union all
      select 'closed', null, count(*), null from opportunities o
      where o.tenant_id = ? and o.pipeline_id = ? and o.status in ('won', 'lost') and o.deleted_at is null`,
    params: [...scope(q), q.tenantId, q.pipelineId],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = json as WinModelJson;
    const part = (name: string, band: number | null) =>
      rows.find((row) => row.part === name && (band === null || n(row.band) === band));
    same(wrong, 'closed deals', n(part('closed', null)?.deals), report.closedDeals);
    same(wrong, 'unscored', n(part('open', -1)?.deals), report.openDeals.unscored);
    const open = rows.filter((row) => row.part === 'open');
    same(
      wrong,
      'open amount',
      open.reduce((sum, row) => sum + n(row.amount), 0),
      report.openDeals.amountMinor,
    );
    for (const band of report.openDeals.bands) {
      const row = part('open', band.fromBp / 1000);
      same(wrong, `band ${band.fromBp} count`, n(row?.deals), band.count);
      same(wrong, `band ${band.fromBp} amount`, n(row?.amount), band.amountMinor);
    }
    return wrong;
  },
};
