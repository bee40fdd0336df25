import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { InstantRange } from '../../domain/analytics/conversion.js';
import type { PerformanceCredit } from '../../domain/analytics/people.js';
import type { Database } from '../schema.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * Performance credit per rep (definition: `domain/analytics/people.ts`). Two branches so
 * deals without splits cost what an owner sum always did: won deals of the period without
 * performance lines credit their owner in full (one probe of the splits key per deal), and
 * performance lines of won deals credit their holders round(amount × share ÷ 10 000).
 */
export interface CreditHolder {
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
}

const noPerformanceSplit = sql`not exists (select 1 from opportunity_splits ps
  where ps.tenant_id = opportunities.tenant_id and ps.opportunity_id = opportunities.id
  and ps.split_type = 'performance')`;

export async function performanceCredit(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<Map<string, PerformanceCredit>> {
  const wonInRange = sql`opportunities.status = 'won' and opportunities.closed_at >= ${range.start}
    and opportunities.closed_at < ${range.end}`;
  const result = await sql<{ user_id: string; won_count: unknown; won_amount: unknown }>`
    select credited.user_id, count(*) as won_count, sum(credited.amount) as won_amount
    from (
      select opportunities.owner_id as user_id, opportunities.amount_minor as amount
      from opportunities
      where ${dealInScope(scope)} and ${wonInRange} and ${noPerformanceSplit}
      union all
      select s.user_id, (opportunities.amount_minor * s.share_bp + 5000) / 10000
      from opportunity_splits s
      join opportunities on opportunities.tenant_id = s.tenant_id and opportunities.id = s.opportunity_id
      where s.tenant_id = ${scope.tenantId} and s.split_type = 'performance'
        and ${dealInScope(scope)} and ${wonInRange}
    ) credited
    group by credited.user_id`.execute(db);
  return new Map(
    result.rows.map((row) => [
      row.user_id,
      { wonCount: num(row.won_count), wonAmountMinor: num(row.won_amount) },
    ]),
  );
}

/** Everyone holding performance credit of an in-scope deal, with their names. */
export async function creditHolders(
  db: Kysely<Database>,
  scope: DealScope,
): Promise<CreditHolder[]> {
  const result = await sql<CreditHolder>`
    select distinct s.user_id as id, users.name, users.email
    from opportunity_splits s
    join opportunities on opportunities.tenant_id = s.tenant_id and opportunities.id = s.opportunity_id
    left join users on users.tenant_id = s.tenant_id and users.id = s.user_id
    where s.tenant_id = ${scope.tenantId} and s.split_type = 'performance' and ${dealInScope(scope)}`.execute(
    db,
  );
  return result.rows;
}
