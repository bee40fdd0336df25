import type { RawStatement } from './raw-driver.js';

/**
 * The floor of each analytics report: the best single SQL statement I would write by hand
 * for the same figures, run through the raw driver in the same run. Where the figures can
 * be compared, `check` compares them with the report's JSON, so a fast floor that answers
 * a different question is caught. Reports without an entry are measured without a floor.
 */
export interface FloorQuestion {
  readonly tenantId: string;
  readonly pipelineId: string;
  readonly currency: string;
  /** The report period as UTC instants, [start, end). */
  readonly start: string;
  readonly end: string;
  /** "Now" for the standing figures: the end of today in the tenant's zone. */
  readonly at: string;
}

export type FloorRow = Record<string, unknown>;

export interface Floor {
  /** What the statement computes, for the notes. */
  readonly describes: string;
  statement(question: FloorQuestion): RawStatement;
  /** Differences between the floor's rows and the report's JSON (empty: the same figures). */
  check?(rows: readonly FloorRow[], json: unknown): string[];
}

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** The deals every report counts: live, in the pipeline and currency (an admin sees all). */
const SCOPE = `o.tenant_id = ? and o.pipeline_id = ? and o.deleted_at is null and o.currency = ?`;
const scope = (q: FloorQuestion) => [q.tenantId, q.pipelineId, q.currency];

interface FunnelJson {
  stages: {
    stage: { stageId: string };
    count: number;
    amountMinor: number;
    weightedMinor: number;
    reachedCount: number;
    reachedAmountMinor: number;
  }[];
  won: { count: number; amountMinor: number };
  lost: { count: number; amountMinor: number };
}

const funnel: Floor = {
  describes:
    'one statement, three GROUP BYs joined by UNION ALL: open deals per stage from `opportunities` ' +
    '(the standing funnel now needs no history), the deals created in the period grouped by the ' +
    'furthest stage their history reached, and the deals closed in the period by status',
  statement: (q) => ({
    sql: `select 'standing' as part, o.stage_id as k, count(*) as deals, sum(o.amount_minor) as amount,
        sum(o.amount_minor * s.probability) as product
      from opportunities o join stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
      where ${SCOPE} and o.status = 'open' and o.closed_at is null
      group by o.stage_id
      union all
      select 'reached', s.id, sum(f.n), sum(f.amount), null
      from (select (select max(case when hs.kind = 'won' then 1000 when hs.kind = 'open' then hs.position end)
                from stage_history sh join stages hs on hs.tenant_id = sh.tenant_id and hs.id = sh.stage_id
                where sh.tenant_id = o.tenant_id and sh.opportunity_id = o.id) as furthest,
              count(*) as n, sum(o.amount_minor) as amount
            from opportunities o
            where ${SCOPE} and o.created_at >= ? and o.created_at < ?
            group by 1) f
      join stages s on s.tenant_id = ? and s.pipeline_id = ? and s.kind = 'open'
        and f.furthest >= s.position
      group by s.id
      union all
      select o.status, null, count(*), sum(o.amount_minor), null
      from opportunities o
      where ${SCOPE} and o.status in ('won', 'lost') and o.closed_at >= ? and o.closed_at < ?
      group by o.status`,
    params: [
      ...scope(q),
      ...scope(q),
      q.start,
      q.end,
      q.tenantId,
      q.pipelineId,
      ...scope(q),
      q.start,
      q.end,
    ],
  }),
  check: (rows, json) => {
    const report = json as FunnelJson;
    const find = (part: string, key: string | null) =>
      rows.find((row) => row.part === part && (key === null || row.k === key));
    const wrong: string[] = [];
    const same = (what: string, floor: number, app: number) => {
      if (floor !== app) wrong.push(`${what}: floor ${floor}, report ${app}`);
    };
    for (const stage of report.stages) {
      const id = stage.stage.stageId;
      const standing = find('standing', id);
      const reached = find('reached', id);
      same(`count ${id}`, n(standing?.deals), stage.count);
      same(`amount ${id}`, n(standing?.amount), stage.amountMinor);
      same(`weighted ${id}`, Math.round(n(standing?.product) / 100), stage.weightedMinor);
      same(`reached ${id}`, n(reached?.deals), stage.reachedCount);
      same(`reached amount ${id}`, n(reached?.amount), stage.reachedAmountMinor);
    }
    for (const status of ['won', 'lost'] as const) {
      same(`${status} count`, n(find(status, null)?.deals), report[status].count);
      same(`${status} amount`, n(find(status, null)?.amount), report[status].amountMinor);
    }
    return wrong;
  },
};

interface OutcomesJson {
  winRate: { won: number; closed: number };
}

/** The win rate alone: the report also summarises won sizes and cycles and the open pipeline. */
const outcomes: Floor = {
  describes:
    'the win rate alone — won and closed counts in the period in one aggregate; the report also ' +
    'computes won-size and cycle percentiles and the qualified open pipeline (4 statements)',
  statement: (q) => ({
    sql: `select sum(case when o.status = 'won' then 1 else 0 end) as won, count(*) as closed
      from opportunities o
      where ${SCOPE} and o.status in ('won', 'lost') and o.closed_at >= ? and o.closed_at < ?`,
    params: [...scope(q), q.start, q.end],
  }),
  check: (rows, json) => {
    const report = json as OutcomesJson;
    const won = n(rows[0]?.won);
    const closed = n(rows[0]?.closed);
    return won === report.winRate.won && closed === report.winRate.closed
      ? []
      : [
          `won/closed: floor ${won}/${closed}, report ${report.winRate.won}/${report.winRate.closed}`,
        ];
  },
};

/** Hand-written floors by report name. */
export const floors: Readonly<Record<string, Floor>> = { funnel, outcomes };
