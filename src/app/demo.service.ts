import type { Kysely } from 'kysely';
import { generateDemoCatalog } from '../demo/catalog.js';
import { generateDemoChunks } from '../demo/generate.js';
import type { DemoChunk } from '../demo/generate.js';
import { generateLeadToCash, initialLeadToCashState } from '../demo/l2c.js';
import type { LeadToCashSpec } from '../demo/l2c.js';
import { generateOrganisation } from '../demo/organisation.js';
import { Random } from '../demo/random.js';
import { calendarDate } from '../domain/days.js';
import { notFound } from '../domain/errors.js';
import type { Tenant } from '../domain/tenancy/tenant.js';
import { toAccountRow } from '../store/accounts.repo.js';
import { toPriceBookEntryRow, toPriceBookRow } from '../store/price-books.repo.js';
import { toProductRow } from '../store/products.repo.js';
import { toActivityRow } from '../store/activities.repo.js';
import { bulkInsert } from '../store/bulk.repo.js';
import { toContactRow } from '../store/contacts.repo.js';
import { linkConvertedLeads, toLeadRow } from '../store/leads.repo.js';
import { toOpportunityRow, toProductRows } from '../store/opportunities.repo.js';
import { findDefaultPool } from '../store/pools.repo.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import type { Database } from '../store/schema.js';
import { toTaskRow } from '../store/tasks.repo.js';
import { setTeamManager, toTeamRow } from '../store/teams.repo.js';
import { insertHistoryRows } from '../store/stage-history.repo.js';
import { toUserRow } from '../store/users.repo.js';
import type { AppContext } from './context.js';
import { writeLeadToCash } from './demo-lead-to-cash.js';
import { hashPassword } from './passwords.js';
import { createTenant } from './tenants.service.js';
import { dbFor, inTransaction } from './transaction.js';

/** The demo tenant `npm start` creates on an empty database; printed at start-up. */
export const DEMO = {
  slug: 'demo',
  name: '示例科技有限公司',
  domain: 'demo.pipewright.dev',
  adminEmail: 'admin@demo.pipewright.dev',
  password: 'pipewright-demo',
} as const;

export interface DemoOptions {
  readonly slug?: string;
  readonly seed?: number;
  readonly opportunities?: number;
  readonly historyDays?: number;
  /** Called after each chunk, for progress output on large runs. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoSeeded {
  readonly tenant: Tenant;
  readonly counts: Record<
    | 'users'
    | 'accounts'
    | 'contacts'
    | 'leads'
    | 'opportunities'
    | 'history'
    | 'activities'
    | 'tasks'
    | 'contracts'
    | 'receipts'
    | 'quotes',
    number
  >;
}

/**
 * Creates a tenant full of realistic, reproducible data: the same seed gives the same
 * records (ids included) relative to the clock. Written with bulk inserts, one transaction
 * per chunk, so it scales to a million deals; it bypasses per-record audit entries the way
 * an import would, since no user made these changes.
 */
export async function seedDemoTenant(
  ctx: AppContext,
  options: DemoOptions = {},
): Promise<DemoSeeded> {
  const slug = options.slug ?? DEMO.slug;
  const total = options.opportunities ?? 300;
  const random = new Random(options.seed ?? 20_261_123);
  const nowMs = ctx.clock.now().getTime();
  const domain = slug === DEMO.slug ? DEMO.domain : `${slug}.pipewright.dev`;
  const { tenant } = await createTenant(
    ctx,
    {
      slug,
      name: slug === DEMO.slug ? DEMO.name : slug,
      admin: { email: `admin@${domain}`, name: '系统管理员', password: DEMO.password },
    },
    `seed-${slug}`,
  );
  const db = dbFor(ctx);
  const [pipeline] = await loadPipelines(db, tenant.id, { includeArchived: false });
  const pool = await findDefaultPool(db, tenant.id);
  if (!pipeline || !pool) throw notFound('pipeline');

  const org = generateOrganisation(
    random,
    domain,
    nowMs - (options.historyDays ?? 540) * 86_400_000,
  );
  const passwordHash = await hashPassword(DEMO.password);
  // Its own Random: the catalogue must not shift the sequence the rest of the data uses.
  const catalog = generateDemoCatalog(
    new Random((options.seed ?? 20_261_123) + 21),
    tenant.defaultCurrency,
    nowMs,
  );
  await inTransaction(ctx, async (trx) => {
    await bulkInsert(
      trx,
      'teams',
      org.teams.map((team) => toTeamRow(tenant.id, { ...team, managerId: null })),
    );
    await bulkInsert(
      trx,
      'users',
      org.users.map((user) => toUserRow(tenant.id, user, passwordHash)),
    );
    for (const team of org.teams) await setTeamManager(trx, tenant.id, team.id, team.managerId);
    await bulkInsert(
      trx,
      'products',
      catalog.products.map((p) => toProductRow(tenant.id, p)),
    );
    await bulkInsert(trx, 'price_books', [toPriceBookRow(tenant.id, catalog.priceBook)]);
    await bulkInsert(
      trx,
      'price_book_entries',
      catalog.entries.map((e) => toPriceBookEntryRow(tenant.id, e)),
    );
  });

  const counts: DemoSeeded['counts'] = {
    users: org.users.length + 1,
    accounts: 0,
    contacts: 0,
    leads: 0,
    opportunities: 0,
    history: 0,
    activities: 0,
    tasks: 0,
    contracts: 0,
    receipts: 0,
    quotes: 0,
  };
  const chunks = generateDemoChunks(
    random,
    {
      opportunities: total,
      pipeline,
      poolId: pool.id,
      currency: tenant.defaultCurrency,
      nowMs,
      historyDays: options.historyDays ?? 540,
      chunkSize: 2000,
    },
    org,
  );
  // Lead-to-cash (contracts, receipts, quotes) from a Random of its own, like the catalogue.
  const l2cRandom = new Random((options.seed ?? 20_261_123) + 23);
  const l2cState = initialLeadToCashState();
  const l2cSpec: LeadToCashSpec = {
    clock: { today: calendarDate(ctx.clock.now(), tenant.timeZone), nowMs },
    catalog,
    lateStageIds: new Set(
      pipeline.stages
        .filter((stage) => stage.kind === 'open')
        .sort((a, b) => a.position - b.position)
        .slice(-2)
        .map((stage) => stage.id),
    ),
  };
  for (const generated of chunks) {
    const l2c = generateLeadToCash(l2cRandom, generated.opportunities, l2cSpec, l2cState);
    // A deal whose quote was accepted is worth the quote's net, as acceptQuote makes it.
    const chunk: DemoChunk = {
      ...generated,
      opportunities: generated.opportunities.map((o) => {
        const amountMinor = l2c.dealAmounts.get(o.id);
        return amountMinor === undefined ? o : { ...o, amount: { ...o.amount, amountMinor } };
      }),
    };
    await inTransaction(ctx, async (trx) => {
      await writeChunk(trx, tenant.id, chunk);
      await writeLeadToCash(trx, tenant.id, l2c);
    });
    counts.contracts += l2c.contracts.length;
    counts.receipts += l2c.receipts.length;
    counts.quotes += l2c.quotes.length;
    counts.accounts += chunk.accounts.length;
    counts.contacts += chunk.contacts.length;
    counts.leads += chunk.leads.length;
    counts.opportunities += chunk.opportunities.length;
    counts.history += chunk.history.length;
    counts.activities += chunk.activities.length;
    counts.tasks += chunk.tasks.length;
    options.onProgress?.(counts.opportunities, total);
  }
  return { tenant, counts };
}

async function writeChunk(
  trx: Kysely<Database>,
  tenantId: string,
  chunk: DemoChunk,
): Promise<void> {
  await bulkInsert(
    trx,
    'accounts',
    chunk.accounts.map((a) => toAccountRow(tenantId, a)),
  );
  await bulkInsert(
    trx,
    'contacts',
    chunk.contacts.map((c) => toContactRow(tenantId, c)),
  );
  // Leads and deals point at each other; the lead's side is filled in once both exist.
  await bulkInsert(
    trx,
    'leads',
    chunk.leads.map((l) => toLeadRow(tenantId, { ...l, convertedOpportunityId: null })),
  );
  await bulkInsert(
    trx,
    'opportunities',
    chunk.opportunities.map((o) => toOpportunityRow(tenantId, o)),
  );
  await bulkInsert(
    trx,
    'opportunity_products',
    chunk.opportunities.flatMap((o) => toProductRows(tenantId, o.id, o.products)),
  );
  await insertHistoryRows(trx, tenantId, chunk.history);
  await bulkInsert(
    trx,
    'activities',
    chunk.activities.map((a) => toActivityRow(tenantId, a)),
  );
  await bulkInsert(
    trx,
    'tasks',
    chunk.tasks.map((t) => toTaskRow(tenantId, t)),
  );
  const links = chunk.leads.flatMap((lead) =>
    lead.convertedOpportunityId
      ? [{ leadId: lead.id, opportunityId: lead.convertedOpportunityId }]
      : [],
  );
  await linkConvertedLeads(trx, tenantId, links);
}
