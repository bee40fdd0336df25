import { n, same, SCOPE, scope } from './floor.js';
import type { Floor } from './floor.js';

interface MixJson {
  sizeBands: {
    band: string;
    deals: number;
    amountMinor: number;
    won: number;
    wonAmountMinor: number;
    lost: number;
  }[];
}

/** The report's default bounds (docs/analytics.md, `mix`). */
const BIG_FROM = 100_000_000;
const MEDIUM_FROM = 20_000_000;

export const mix: Floor = {
  describes:
    'the deal-size pyramid alone — the deals created in the period by size band (default ' +
    'bounds) with won, won amount and lost, in one GROUP BY; the report also groups them by ' +
    'product line, value tier and source and counts the period’s leads (5 statements)',
  statement: (q) => ({
    sql: `select b.band, count(*) as deals, sum(b.amount) as amount,
        sum(case when b.status = 'won' then 1 else 0 end) as won,
        sum(case when b.status = 'won' then b.amount else 0 end) as won_amount,
        sum(case when b.status = 'lost' then 1 else 0 end) as lost
      from (
        select o.status, o.amount_minor as amount,
          case when o.amount_minor >= ${BIG_FROM} then 'big'
            when o.amount_minor >= ${MEDIUM_FROM} then 'medium' else 'standard' end as band
        from opportunities o
        where ${SCOPE} and o.created_at >= ? and o.created_at < ?
      ) b
      group by b.band`,
    params: [...scope(q), q.start, q.end],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    for (const band of (json as MixJson).sizeBands) {
      const row = rows.find((candidate) => candidate.band === band.band);
      same(wrong, `${band.band} deals`, n(row?.deals), band.deals);
      same(wrong, `${band.band} amount`, n(row?.amount), band.amountMinor);
      same(wrong, `${band.band} won`, n(row?.won), band.won);
      same(wrong, `${band.band} won amount`, n(row?.won_amount), band.wonAmountMinor);
      same(wrong, `${band.band} lost`, n(row?.lost), band.lost);
    }
    return wrong;
  },
};
