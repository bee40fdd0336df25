import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { compareSources } from '../../domain/analytics/lead-to-cash.js';
import type { LeadToCashFigures, LeadToCashLegs } from '../../domain/analytics/lead-to-cash.js';
import type { DateRange } from '../../domain/analytics/receivables.js';
import { DAY_MS } from '../../domain/days.js';
import type { Database } from '../schema.js';
import { daysBetweenDates, localDateOf } from './local-date.js';
import { nearestRankSummaries, summaryOfRow } from './percentiles.sql.js';
import type { SummaryRow } from './percentiles.sql.js';
import { contractInScope, dealOfContract } from './receivables-scope.js';
import type { ReceivablesScope } from './receivables-scope.js';

const LEGS = ['leadToCash', 'leadToWon', 'wonToCash'] as const;

/**
 * The lead-to-cash cycle (see `domain/analytics/lead-to-cash.ts`): the cohort of fully
 * collected contracts of lead-converted won deals with their cash date in the period, its
 * three legs in local calendar days, and nearest-rank summaries per leg and source and per
 * leg overall — two queries over the same cohort.
 */
export async function leadToCashFiguresSql(
  db: Kysely<Database>,
  scope: ReceivablesScope,
  period: DateRange,
  timeZone: string,
): Promise<LeadToCashFigures> {
  // Local dates are exact for instants from ten years before the period to a year after it.
  const window = {
    startMs: Date.parse(period.from) - 3660 * DAY_MS,
    endMs: Date.parse(period.to) + 366 * DAY_MS,
  };
  const leadDate = localDateOf(db, sql`l.created_at`, timeZone, window);
  const wonDate = localDateOf(db, sql`opportunities.closed_at`, timeZone, window);
  const cohort = sql`
    with cash as (
      select i.contract_id, max(i.paid_on) as cash_date
      from payment_installments i
      where i.tenant_id = ${scope.tenantId} and i.contract_id in (
        -- Only contracts with a payment in the period can have their cash date in it.
        select p.contract_id from payment_installments p
        where p.tenant_id = ${scope.tenantId}
          and p.paid_on >= ${period.from} and p.paid_on <= ${period.to})
      group by i.contract_id
      having sum(case when i.status = 'paid' and i.paid_on is not null then 0 else 1 end) = 0
    ),
    -- Materialised: read by three legs, SQLite otherwise inlined it into each and planned two
    -- of them from every won deal of the tenant (7.6× the floor at 200,000 deals).
    cohort as materialized (
      select l.source,
        ${daysBetweenDates(db, leadDate, sql`cash.cash_date`)} as lead_to_cash,
        ${daysBetweenDates(db, leadDate, wonDate)} as lead_to_won,
        ${daysBetweenDates(db, wonDate, sql`cash.cash_date`)} as won_to_cash
      from cash
      join contracts on contracts.tenant_id = ${scope.tenantId} and contracts.id = cash.contract_id
      ${dealOfContract}
      join leads l on l.tenant_id = opportunities.tenant_id and l.id = opportunities.source_lead_id
      where ${contractInScope(scope)} and opportunities.status = 'won'
        and opportunities.closed_at is not null
        and cash.cash_date >= ${period.from} and cash.cash_date <= ${period.to}
    )`;
  const values = sql`${cohort}
    select 'leadToCash' as leg, source, lead_to_cash as value from cohort
    union all select 'leadToWon' as leg, source, lead_to_won as value from cohort
    union all select 'wonToCash' as leg, source, won_to_cash as value from cohort`;
  const bySource = await sql<SummaryRow & { leg: string; source: string | null }>`
    select * from (${nearestRankSummaries(values, ['leg', 'source'])}) s`.execute(db);
  const overall = await sql<SummaryRow & { leg: string }>`
    select * from (${nearestRankSummaries(values, ['leg'])}) s`.execute(db);
  const legs = (rows: readonly (SummaryRow & { leg: string })[]): LeadToCashLegs => {
    const of = (leg: string) =>
      summaryOfRow(
        rows.find((row) => row.leg === leg),
        1,
      );
    return { leadToCash: of(LEGS[0]), leadToWon: of(LEGS[1]), wonToCash: of(LEGS[2]) };
  };
  const sources = [...new Set(bySource.rows.map((row) => row.source))].sort(compareSources);
  return {
    sources: sources.map((source) => ({
      source,
      ...legs(bySource.rows.filter((row) => row.source === source)),
    })),
    all: legs(overall.rows),
  };
}
