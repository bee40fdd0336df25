import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Band, MixBands, MixCells, Tally } from '../../domain/analytics/mix.js';
import type { Database } from '../schema.js';
import { visibleCondition } from '../visibility.js';
import { dealInScope, num } from './deal-scope.js';
import type { DealScope } from './deal-scope.js';

/**
 * The mix cells (see `domain/analytics/mix.ts`) in five aggregate queries over the deals
 * created in the period: size bands, value tiers, product lines, deal sources, and the
 * leads of each source with how many became an in-scope deal.
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

export async function mixCells(
  db: Kysely<Database>,
  scope: DealScope,
  question: { readonly start: string; readonly end: string; readonly bands: MixBands },
): Promise<MixCells> {
  const inScope = dealInScope(scope);
  const created = sql`${inScope} and opportunities.created_at >= ${question.start}
    and opportunities.created_at < ${question.end}`;
  const perDeal = tallyColumns(sql`count(*)`, sql`opportunities.amount_minor`);

  const band = sql`case when opportunities.amount_minor >= ${question.bands.bigFromMinor} then 'big'
    when opportunities.amount_minor >= ${question.bands.mediumFromMinor} then 'medium'
    else 'standard' end`;
  // Banded in a subquery (named like the table, so the tally columns read it): PostgreSQL
  // would not match a GROUP BY case expression whose bounds are bound parameters.
  const bands = await sql<TallyRow & { band: Band }>`
    select opportunities.band, ${perDeal}
    from (select ${band} as band, opportunities.id, opportunities.status, opportunities.amount_minor
      from opportunities where ${created}) opportunities
    group by opportunities.band`.execute(db);

  const tiers = await sql<TallyRow & { tier: string | null }>`
    select accounts.value_tier as tier, ${perDeal}
    from opportunities
    left join accounts on accounts.tenant_id = opportunities.tenant_id
      and accounts.id = opportunities.account_id
    where ${created}
    group by accounts.value_tier`.execute(db);

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

  const sources = await sql<TallyRow & { source: string | null }>`
    select opportunities.source, ${perDeal}
    from opportunities where ${created}
    group by opportunities.source`.execute(db);

  const leads = await leadsBySource(db, scope, question);

  const bySource = new Map<string | null, MixCells['sources'][number]>();
  for (const row of sources.rows)
    bySource.set(row.source, { source: row.source, leads: 0, convertedLeads: 0, ...tallyOf(row) });
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
    bands: bands.rows.map((row) => ({ band: row.band, ...tallyOf(row) })),
    products: lines,
    dealsWithoutProducts: bare ? num(bare.deals) : 0,
    tiers: tiers.rows.map((row) => ({ tier: row.tier, ...tallyOf(row) })),
    sources: [...bySource.values()],
  };
}

/**
 * Leads created in the period per source, and how many became an in-scope deal. Leads have
 * no pipeline or currency; under an owner or team filter a lead counts when one of the
 * owners holds it or it became one of their (in-scope) deals.
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
        case when exists (select 1 from opportunities
          where ${dealInScope(scope)} and opportunities.source_lead_id = leads.id) then 1 else 0 end
          as converted
      from leads
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
