import { n, same } from './floor.js';
import type { Floor } from './floor.js';

interface TargetsJson {
  period: { from: string; to: string };
  targets: {
    targetId: string;
    window: { from: string; to: string };
    won: { count: number; amountMinor: number };
  }[];
}

export const targets: Floor = {
  describes:
    'one statement: the targets in the report currency overlapping the period (for this ' +
    'pipeline or all pipelines), each with the deals won in the period by its user or by ' +
    'anyone in its team’s subtree (a recursive walk of the team tree). The floor reads the ' +
    'whole period; the report reads each target’s window (the days it shares with the period) ' +
    'and adds the open pipeline expected to close in it — the won figures are compared for ' +
    'targets whose window is the whole period',
  statement: (q) => ({
    sql: `with recursive tree(root, id, depth) as (
        select id, id, 0 from teams where tenant_id = ?
        union all
        select tree.root, t.id, tree.depth + 1 from teams t join tree on t.parent_id = tree.id
        where t.tenant_id = ? and tree.depth < 100
      ),
      members(subject_type, subject_id, user_id) as (
        select 'team', tree.root, u.id from tree join users u on u.tenant_id = ? and u.team_id = tree.id
        union all
        select 'user', u.id, u.id from users u where u.tenant_id = ?
      )
      select t.id, count(o.id) as won, coalesce(sum(o.amount_minor), 0) as amount
      from sales_targets t
      left join members m on m.subject_type = t.subject_type and m.subject_id = t.subject_id
      left join opportunities o on o.tenant_id = t.tenant_id and o.owner_id = m.user_id
        and (t.pipeline_id is null or o.pipeline_id = t.pipeline_id)
        and o.currency = t.currency and o.deleted_at is null and o.status = 'won'
        and o.closed_at >= ? and o.closed_at < ?
      where t.tenant_id = ? and t.currency = ? and (t.pipeline_id is null or t.pipeline_id = ?)
        and t.period_start <= ? and t.period_end >= ?
      group by t.id`,
    params: [
      q.tenantId,
      q.tenantId,
      q.tenantId,
      q.tenantId,
      q.start,
      q.end,
      q.tenantId,
      q.currency,
      q.pipelineId,
      q.to,
      q.from,
    ],
  }),
  check: (rows, json) => {
    const wrong: string[] = [];
    const report = json as TargetsJson;
    same(wrong, 'targets', rows.length, report.targets.length);
    for (const target of report.targets) {
      const row = rows.find((candidate) => candidate.id === target.targetId);
      const whole =
        target.window.from === report.period.from && target.window.to === report.period.to;
      if (!row) wrong.push(`target ${target.targetId} missing from the floor`);
      else if (whole) {
        same(wrong, `won ${target.targetId}`, n(row.won), target.won.count);
        same(wrong, `won amount ${target.targetId}`, n(row.amount), target.won.amountMinor);
      }
    }
    return wrong;
  },
};
