import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { BANDS } from '../../domain/analytics/mix.js';
import type { MixBands, MixCells, Tally } from '../../domain/analytics/mix.js';
import type { Database } from '../schema.js';
import { visibleCondition } from '../visibility.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * The mix cells (see `domain/analytics/mix.ts`) in three aggregate queries over the deals
 * created in the period: size bands, value tiers and deal sources from one pass over the
 * deals (each deal once per dimension, so plain sums), product lines (a deal once per line,
 * so distinct counts), and the leads of each source with how many became an in-scope deal.
 */
interface TallyRow {
  deals: unknown;
  amount: unknown;
  won: unknown;
  won_amount: unknown;
  lost: unknown;
}

const tallyOf = (row: TallyRow): Tally => ({
  deals: num(row.deals),
  amountMinor: num(row.amount),
  won: num(row.won),
  wonAmountMinor: num(row.won_amount),
  lost: num(row.lost),
});

/** The tally columns; `amount` is what is summed (the deal's or a product line's). */
function tallyColumns(deals: RawBuilder<unknown>, amount: RawBuilder<unknown>) {
  const status = sql`opportunities.status`;
  return sql`${deals} as deals, sum(${amount}) as amount,
    count(distinct case when ${status} = 'won' then opportunities.id end) as won,
    sum(case when ${status} = 'won' then ${amount} else 0 end) as won_amount,
    count(distinct case when ${status} = 'lost' then opportunities.id end) as lost`;
}

type Dimension = 'band' | 'tier' | 'source';

export async function mixCells(
  db: Kysely<Database>,
  scope: DealScope,
  question: { readonly start: string; readonly end: string; readonly bands: MixBands },
): Promise<MixCells> {
  const inScope = dealInScope(scope);
  const created = sql`${inScope} and opportunities.created_at >= ${question.start}
    and opportunities.created_at < ${question.end}`;

  const band = sql`case when opportunities.amount_minor >= ${question.bands.bigFromMinor} then 'big'
    when opportunities.amount_minor >= ${question.bands.mediumFromMinor} then 'medium'
    else 'standard' end`;
  // Each deal is in exactly one band, tier and source, so one pass over the period's deals
  // (with their account's tier) serves all three, with plain sums. The band is a column of
  // the CTE: PostgreSQL would not match a GROUP BY case expression whose bounds are bound
  // parameters.
  const tally = sql`count(*) as deals, sum(amount) as amount,
    sum(case when status = 'won' then 1 else 0 end) as won,
    sum(case when status = 'won' then amount else 0 end) as won_amount,
    sum(case when status = 'lost' then 1 else 0 end) as lost`;
  const byDimension = await sql<TallyRow & { dimension: Dimension; value: string | null }>`
    with deals as materialized (
      select opportunities.status, opportunities.amount_minor as amount, ${band} as band,
        opportunities.source, accounts.value_tier as tier
      from opportunities
      left join accounts on accounts.tenant_id = opportunities.tenant_id
        and accounts.id = opportunities.account_id
      where ${created}
    )
    select 'band' as dimension, band as value, ${tally} from deals group by band
    union all
    select 'tier', tier, ${tally} from deals group by tier
    union all
    select 'source', source, ${tally} from deals group by source`.execute(db);
  const rowsOf = (dimension: Dimension) =>
    byDimension.rows.filter((row) => row.dimension === dimension);

  // A deal without product lines joins as one row of nulls: the "without products" count.
  const products = await sql<
    TallyRow & { product_type: string | null; customisation: string | null }
  >`
    select p.product_type, p.customisation,
      ${tallyColumns(sql`count(distinct opportunities.id)`, sql`coalesce(p.amount_minor, 0)`)}
    from opportunities
    left join opportunity_products p on p.tenant_id = opportunities.tenant_id
      and p.opportunity_id = opportunities.id
    where ${created}
    group by p.product_type, p.customisation`.execute(db);

  const leads = await leadsBySource(db, scope, question);

  const bySource = new Map<string | null, MixCells['sources'][number]>();
  for (const row of rowsOf('source'))
    bySource.set(row.value, { source: row.value, leads: 0, convertedLeads: 0, ...tallyOf(row) });
  for (const row of leads) {
    const seen = bySource.get(row.source);
    bySource.set(row.source, {
      ...(seen ?? { deals: 0, amountMinor: 0, won: 0, wonAmountMinor: 0, lost: 0 }),
      source: row.source,
      leads: row.leads,
      convertedLeads: row.converted,
    });
  }
  const lines = products.rows.flatMap((row) =>
    row.product_type === null || row.customisation === null
      ? []
      : [{ productType: row.product_type, customisation: row.customisation, ...tallyOf(row) }],
  );
  const bare = products.rows.find((row) => row.product_type === null);
  return {
    bands: rowsOf('band').flatMap((row) => {
      const band = BANDS.find((name) => name === row.value);
      return band ? [{ band, ...tallyOf(row) }] : [];
    }),
    products: lines,
    dealsWithoutProducts: bare ? num(bare.deals) : 0,
    tiers: rowsOf('tier').map((row) => ({ tier: row.value, ...tallyOf(row) })),
    sources: [...bySource.values()],
  };
}

/**
 * Leads created in the period per source, and how many became an in-scope deal. Leads have
 * no pipeline or currency; under an owner or team filter a lead counts when one of the
 * owners holds it or it became one of their (in-scope) deals. The converted leads are found
 * in one pass over the in-scope deals, not by a probe per lead: SQLite's sampled statistics
 * on the source-lead index (mostly nulls) made each probe scan the pipeline's deals.
 */
async function leadsBySource(
  db: Kysely<Database>,
  scope: DealScope,
  question: { readonly start: string; readonly end: string },
): Promise<{ source: string; leads: number; converted: number }[]> {
  const visible = visibleCondition('leads', scope.visibility);
  const owners = scope.ownerIds;
  const counted =
    owners === null
      ? sql`1 = 1`
      : owners.length === 0
        ? sql`l.converted = 1`
        : sql`(l.converted = 1 or l.owner_id in (${sql.join(owners)}))`;
  const rows = await sql<{ source: string; leads: unknown; converted: unknown }>`
    select l.source, count(*) as leads, sum(l.converted) as converted
    from (
      select leads.source, leads.owner_id,
        case when c.lead_id is null then 0 else 1 end as converted
      from leads
      left join (
        select distinct opportunities.source_lead_id as lead_id from opportunities
        where ${dealInScope(scope)} and opportunities.source_lead_id is not null
      ) c on c.lead_id = leads.id
      where leads.tenant_id = ${scope.tenantId} and leads.deleted_at is null
        and leads.created_at >= ${question.start} and leads.created_at < ${question.end}
        ${visible === null ? sql`` : sql`and ${visible}`}
    ) l
    where ${counted}
    group by l.source`.execute(db);
  return rows.rows.map((row) => ({
    source: row.source,
    leads: num(row.leads),
    converted: num(row.converted),
  }));
}
