import { n, same } from './floor.js';
import type { Floor } from './floor.js';

interface TrendJson {
  buckets: {
    snapshotDate: string | null;
    count: number;
    amountMinor: number;
    weightedMinor: number;
  }[];
}

export const trend: Floor = {
  describes:
    'one statement: the pipeline’s snapshot rows in the period summed per snapshot date ' +
    '(count, amount, weighted); the report keeps the last date of each week and splits it by ' +
    'stage and forecast category. (The generated tenant has no snapshots: the daily job is ' +
    'not run, so both read an empty range.)',
  statement: (q) => ({
    sql: `select ps.snapshot_date, sum(ps.deal_count) as deals, sum(ps.amount_minor) as amount,
        sum(ps.weighted_minor) as weighted
      from pipeline_snapshots ps
      where ps.tenant_id = ? and ps.pipeline_id = ? and ps.currency = ?
        and ps.snapshot_date >= ? and ps.snapshot_date <= ?
      group by ps.snapshot_date`,
    params: [q.tenantId, q.pipelineId, q.currency, q.from, q.to],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    for (const bucket of (json as TrendJson).buckets) {
      if (bucket.snapshotDate === null) continue;
      const row = rows.find((candidate) => String(candidate.snapshot_date) === bucket.snapshotDate);
      same(wrong, `count ${bucket.snapshotDate}`, n(row?.deals), bucket.count);
      same(wrong, `amount ${bucket.snapshotDate}`, n(row?.amount), bucket.amountMinor);
      same(wrong, `weighted ${bucket.snapshotDate}`, n(row?.weighted), bucket.weightedMinor);
    }
    return wrong;
  },
};
