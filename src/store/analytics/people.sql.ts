import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { emptyCounts, withRates } from '../../domain/analytics/conversion.js';
import type { ConversionCounts, InstantRange } from '../../domain/analytics/conversion.js';
import { weightedTotal } from '../../domain/analytics/facts.js';
import { difference } from '../../domain/analytics/people.js';
import type { PeopleFigures, TeamStage } from '../../domain/analytics/people.js';
import type { Database } from '../schema.js';
import { cohortConversionCounts, openStageIds } from './conversion.sql.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';
import { ownerAndTeamDwell } from './dwell.sql.js';
import { creditHolders, performanceCredit } from './performance-credit.sql.js';

/**
 * The people report (see `domain/analytics/people.ts`) from the shared cohort-conversion
 * and dwell queries grouped by owner, plus one query for the owners in scope with their
 * open pipeline and name. The team's conversion counts are the owners' summed (every deal
 * has exactly one owner); its median dwell is queried, medians do not add up. Performance
 * credit (splits, docs/deal-teams.md) comes from `performanceCredit.sql.ts`'s two queries:
 * its holders join the owners as people of the report.
 */
export interface OwnerName {
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
}

export interface PeopleResult {
  readonly figures: PeopleFigures;
  readonly owners: readonly OwnerName[];
}

function add(a: ConversionCounts, b: ConversionCounts): ConversionCounts {
  return {
    cohort: a.cohort + b.cohort,
    advanced: a.advanced + b.advanced,
    won: a.won + b.won,
    lost: a.lost + b.lost,
    open: a.open + b.open,
  };
}

export async function peopleFigures(
  db: Kysely<Database>,
  scope: DealScope,
  range: InstantRange,
): Promise<PeopleResult> {
  const stageIds = await openStageIds(db, scope);
  const cohorts = await cohortConversionCounts(db, scope, { buckets: [range], byOwner: true });
  const dwell = await ownerAndTeamDwell(db, scope, range);
  const carried = await sql<{
    owner_id: string;
    name: string | null;
    email: string | null;
    deals: unknown;
    amount: unknown;
    product: unknown;
  }>`
    select opportunities.owner_id, users.name, users.email,
      sum(case when opportunities.status = 'open' then 1 else 0 end) as deals,
      sum(case when opportunities.status = 'open' then opportunities.amount_minor else 0 end) as amount,
      sum(case when opportunities.status = 'open'
        then opportunities.amount_minor * coalesce(st.probability, 0) else 0 end) as product
    from opportunities
    left join users on users.tenant_id = opportunities.tenant_id and users.id = opportunities.owner_id
    left join stages st on st.tenant_id = opportunities.tenant_id and st.id = opportunities.stage_id
    where ${dealInScope(scope)}
    group by opportunities.owner_id, users.name, users.email
    order by opportunities.owner_id`.execute(db);
  const credit = await performanceCredit(db, scope, range);
  const holders = await creditHolders(db, scope);
  const carriedRows = [
    ...carried.rows,
    ...holders
      .filter((holder) => !carried.rows.some((row) => row.owner_id === holder.id))
      .map((holder) => ({
        owner_id: holder.id,
        name: holder.name,
        email: holder.email,
        deals: 0,
        amount: 0,
        product: 0,
      })),
  ];

  const stagesOf = (
    counts: (stageId: string) => ConversionCounts,
    dwell: (stageId: string) => { n: number; median: number | null } | undefined,
  ): TeamStage[] =>
    stageIds.map((stageId) => {
      const visits = dwell(stageId);
      return {
        stageId,
        conversion: withRates(stageId, counts(stageId)),
        dwell: { n: visits?.n ?? 0, median: visits?.median ?? null },
      };
    });
  const team = stagesOf(
    (stageId) =>
      cohorts.filter((row) => row.stageId === stageId).reduce<ConversionCounts>(add, emptyCounts),
    (stageId) => dwell.find((row) => row.stageId === stageId && row.ownerId === null),
  );
  // Plain JS sort by code unit, as the reference sorts: databases collate text differently.
  const rows = carriedRows.sort((a, b) =>
    a.owner_id < b.owner_id ? -1 : a.owner_id > b.owner_id ? 1 : 0,
  );
  return {
    owners: rows.map((row) => ({ id: row.owner_id, name: row.name, email: row.email })),
    figures: {
      team,
      people: rows.map((row) => ({
        ownerId: row.owner_id,
        credit: credit.get(row.owner_id) ?? { wonCount: 0, wonAmountMinor: 0 },
        pipeline: {
          count: num(row.deals),
          amountMinor: num(row.amount),
          weightedMinor: weightedTotal(num(row.product)),
        },
        stages: stagesOf(
          (stageId) => {
            const mine = cohorts.find((c) => c.stageId === stageId && c.ownerId === row.owner_id);
            // add() keeps only the counts (the row also carries its keys).
            return mine ? add(emptyCounts, mine) : emptyCounts;
          },
          (stageId) => dwell.find((d) => d.stageId === stageId && d.ownerId === row.owner_id),
        ).map((mine, index) => ({
          ...mine,
          toNextDiff: difference(mine.conversion.toNext, team[index]?.conversion.toNext ?? null),
          medianDiff: difference(mine.dwell.median, team[index]?.dwell.median ?? null),
        })),
      })),
    },
  };
}
