import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueNow } from '../../src/app/jobs.service.js';
import { workOnce } from '../../src/jobs/worker.js';
import type { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Quotes (docs/l2c/quotes.md): server-computed totals (ADR 0025), drafts and their versions,
 * revisions, the customer's answer moving the deal amount through the ordinary update,
 * one accepted quote per deal, discount sign-off through the shared approval service, and
 * the printable page.
 */
interface Line {
  name: string;
  productId: string | null;
  unitPriceMinor: number;
  netMinor: number;
  taxMinor: number;
  discountMinor: number;
}
interface Quote {
  id: string;
  opportunityId: string;
  number: string;
  revision: number;
  status: string;
  version: number;
  approvalId: string | null;
  subtotalMinor: number;
  lineDiscountMinor: number;
  overallDiscountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
  lines: Line[];
}
interface Problem {
  code: string;
}
interface Deal {
  id: string;
  version: number;
  amount: { amountMinor: number; currency: string };
}

/** The CNY example of docs/l2c/quotes.md (and src/domain/quotes/arithmetic.test.ts). */
const cnyLines = [
  {
    name: 'Sales cloud seat',
    productType: 'cornerstone',
    quantity: 3,
    unitPriceMinor: 198_000,
    discountBp: 1_000,
    taxRateBp: 600,
  },
  {
    name: 'Onboarding',
    productType: 'lighthouse',
    quantity: 1,
    unitPriceMinor: 33_333,
    taxRateBp: 1_300,
  },
];

describe.each(dialectsUnderTest())('quotes ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let client: ApiClient;
  let accountId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    client = t.client;
    const account = await created(client.post('/api/v1/accounts', { name: 'Acme <Trading> & Co' }));
    accountId = account.id;
  });
  afterAll(async () => server?.close());

  const newDeal = () =>
    created<Deal>(
      client.post('/api/v1/opportunities', {
        name: 'Quoted deal',
        accountId,
        amount: { amountMinor: 1, currency: 'CNY' },
      }),
    );
  const createQuote = async (dealId: string, body: Record<string, unknown> = {}) => {
    const response = await client.post<Quote>(`/api/v1/opportunities/${dealId}/quotes`, {
      lines: cnyLines,
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const act = async (quote: Quote, verb: string, status = 200) => {
    const response = await client.post<Quote>(`/api/v1/quotes/${quote.id}/${verb}`, {
      version: quote.version,
    });
    expect(response.status, `${verb}: ${JSON.stringify(response.body)}`).toBe(status);
    return response.body;
  };
  const refused = async (quote: Quote, verb: string, status: number, code: string) => {
    const response = await client.post<Problem>(`/api/v1/quotes/${quote.id}/${verb}`, {
      version: quote.version,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.code).toBe(code);
  };
  const dealOf = async (id: string) => (await client.get<Deal>(`/api/v1/opportunities/${id}`)).body;

  it('computes the totals on the server: line discounts, a largest-remainder overall discount, tax per line', async () => {
    const deal = await newDeal();
    const quote = await createQuote(deal.id, { overallDiscountBp: 500 });
    expect(quote).toMatchObject({
      status: 'draft',
      revision: 1,
      subtotalMinor: 627_333,
      lineDiscountMinor: 59_400,
      overallDiscountMinor: 28_397,
      netMinor: 539_536,
      taxMinor: 34_589,
      totalMinor: 574_125,
    });
    expect(quote.number).toMatch(/^Q-\d{6}$/);
    expect(quote.lines.map((l) => [l.netMinor, l.taxMinor])).toEqual([
      [507_870, 30_472],
      [31_666, 4_117],
    ]);
    const preview = await client.post<{
      totals: { totalMinor: number };
      effectiveDiscountBp: number;
    }>('/api/v1/quotes/preview', { currency: 'CNY', lines: cnyLines, overallDiscountBp: 500 });
    expect(preview.status).toBe(200);
    expect(preview.body.totals.totalMinor).toBe(574_125);
    expect(preview.body.effectiveDiscountBp).toBe(1_399);
    const second = await createQuote(deal.id);
    expect(second.number).not.toBe(quote.number);
    const list = await client.get<{ items: Quote[] }>(`/api/v1/opportunities/${deal.id}/quotes`);
    expect(list.body.items.map((q) => q.id).sort()).toEqual([quote.id, second.id].sort());
  });

  it('prices catalogue lines through the price book, volume tiers included', async () => {
    const product = await created(
      client.post('/api/v1/products', {
        code: `Q-SEAT-${Date.now().toString(36)}`,
        name: 'Seat licence',
        productType: 'cornerstone',
      }),
    );
    const book = await created(
      client.post('/api/v1/price-books', { name: 'Quote book', currency: 'CNY', channel: 'q' }),
    );
    const entry = await client.put(`/api/v1/price-books/${book.id}/entries`, {
      productId: product.id,
      unitPriceMinor: 10_000,
      volumeTiers: [{ minQuantity: 10, unitPriceMinor: 9_000 }],
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    const deal = await newDeal();
    const quote = await createQuote(deal.id, {
      priceBookId: book.id,
      lines: [{ productId: product.id, quantity: 12, discountBp: 500, taxRateBp: 600 }],
    });
    expect(quote.lines[0]).toMatchObject({
      productId: product.id,
      name: 'Seat licence',
      listUnitPriceMinor: 10_000,
      unitPriceMinor: 9_000,
      grossMinor: 108_000,
      discountMinor: 5_400,
      netMinor: 102_600,
      taxMinor: 6_156,
    });
    // A header-only edit keeps the stored price and the product reference.
    const edited = await client.patch<Quote>(`/api/v1/quotes/${quote.id}`, {
      version: quote.version,
      overallDiscountBp: 100,
    });
    expect(edited.body.lines[0]).toMatchObject({ productId: product.id, unitPriceMinor: 9_000 });
    const usd = await client.post<Problem>(`/api/v1/opportunities/${deal.id}/quotes`, {
      currency: 'USD',
      priceBookId: book.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect(usd.status).toBe(422);
    expect(usd.body.code).toBe('currency_mismatch');
  });

  it('edits drafts with versions (409 when stale), and only drafts', async () => {
    const deal = await newDeal();
    const quote = await createQuote(deal.id);
    const edited = await client.patch<Quote>(`/api/v1/quotes/${quote.id}`, {
      version: quote.version,
      overallDiscountBp: 1_000,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.version).toBe(quote.version + 1);
    expect(edited.body.lines).toHaveLength(2);
    expect(edited.body.overallDiscountMinor).toBe(56_793); // 567,933 × 10% → 56,793.3
    const stale = await client.patch<Problem>(`/api/v1/quotes/${quote.id}`, {
      version: quote.version,
      notes: 'late',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const badBp = await client.patch<Problem>(`/api/v1/quotes/${quote.id}`, {
      version: edited.body.version,
      overallDiscountBp: 10_001,
    });
    expect(badBp.status).toBe(400);
    const noBook = await client.patch<Problem>(`/api/v1/quotes/${quote.id}`, {
      version: edited.body.version,
      lines: [{ productId: '00000000-0000-7000-8000-000000000000', quantity: 1 }],
    });
    expect(noBook.status).toBe(400);
    expect(noBook.body.code).toBe('validation_failed');
    const tooLarge = await client.patch<Problem>(`/api/v1/quotes/${quote.id}`, {
      version: edited.body.version,
      lines: [
        {
          name: 'x',
          productType: 'cornerstone',
          quantity: 1_000_000,
          unitPriceMinor: 10_000_000_000_000,
        },
      ],
    });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.code).toBe('validation_failed');
    const sent = await act(edited.body, 'send');
    expect(sent.status).toBe('sent');
    const late = await client.patch<Problem>(`/api/v1/quotes/${quote.id}`, {
      version: sent.version,
      notes: 'too late',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('quote_status');
  });

  it('revises: same number, next revision, lines copied, the previous one superseded', async () => {
    const deal = await newDeal();
    const quote = await act(await createQuote(deal.id, { overallDiscountBp: 500 }), 'send');
    const revision = await act(quote, 'revise', 201);
    expect(revision).toMatchObject({
      number: quote.number,
      revision: 2,
      status: 'draft',
      totalMinor: quote.totalMinor,
    });
    expect(revision.lines.map((l) => l.name)).toEqual(quote.lines.map((l) => l.name));
    const old = await client.get<Quote>(`/api/v1/quotes/${quote.id}`);
    expect(old.body.status).toBe('superseded');
    await refused(old.body, 'revise', 409, 'quote_status');
    await refused(old.body, 'accept', 409, 'quote_status');
  });

  it('accepting sets the deal amount to the total net of tax, through the ordinary update; one accepted quote per deal', async () => {
    const deal = await newDeal();
    const first = await act(await createQuote(deal.id, { overallDiscountBp: 500 }), 'send');
    const other = await act(await createQuote(deal.id), 'send');
    const accepted = await act(first, 'accept');
    expect(accepted.status).toBe('accepted');
    const after = await dealOf(deal.id);
    expect(after.amount).toEqual({ amountMinor: 539_536, currency: 'CNY' });
    expect(after.version).toBe(deal.version + 1);
    // The change went through the deal's update: its audit trail shows the new amount.
    const audit = await client.get<{ items: { action: string; entityType: string }[] }>(
      `/api/v1/audit?entityType=opportunity&entityId=${deal.id}`,
    );
    expect(audit.body.items.map((e) => e.action)).toContain('update');
    await refused(other, 'accept', 409, 'quote_already_accepted');

    // A new revision of the accepted quote replaces it once the customer accepts that one.
    const revision = await act(accepted, 'revise', 201);
    expect((await client.get<Quote>(`/api/v1/quotes/${first.id}`)).body.status).toBe('accepted');
    const edited = await client.patch<Quote>(`/api/v1/quotes/${revision.id}`, {
      version: revision.version,
      overallDiscountBp: 0,
    });
    const acceptedAgain = await act(await act(edited.body, 'send'), 'accept');
    expect((await client.get<Quote>(`/api/v1/quotes/${first.id}`)).body.status).toBe('superseded');
    expect((await dealOf(deal.id)).amount.amountMinor).toBe(acceptedAgain.netMinor);
    await refused(acceptedAgain, 'reject', 409, 'quote_status');
  });

  it('lets only one of two concurrent acceptances of different quotes win', async () => {
    // The deal already has the quotes' amount: no deal update (whose version would refuse one
    // of them) happens, so only the lock on the deal's quote decisions keeps them apart. The
    // race is timing-dependent over HTTP: this catches a missing lock only sometimes.
    const deal = await created<Deal>(
      client.post('/api/v1/opportunities', {
        name: 'Race',
        accountId,
        amount: { amountMinor: 567_933, currency: 'CNY' },
      }),
    );
    const a = await act(await createQuote(deal.id), 'send');
    const b = await act(await createQuote(deal.id), 'send');
    const results = await Promise.all(
      [a, b].map((quote) =>
        client.post<Problem>(`/api/v1/quotes/${quote.id}/accept`, { version: quote.version }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const list = await client.get<{ items: Quote[] }>(`/api/v1/opportunities/${deal.id}/quotes`);
    expect(list.body.items.filter((q) => q.status === 'accepted')).toHaveLength(1);
  });

  it('keeps a second accepted quote on a deal out at the database too', async () => {
    // The race above is timing-dependent; the partial unique index quotes_one_accepted_idx
    // is not: a second 'accepted' row for the deal is refused whatever the service did.
    const deal = await newDeal();
    const first = await act(await act(await createQuote(deal.id), 'send'), 'accept');
    expect(first.status).toBe('accepted');
    const second = await act(await createQuote(deal.id), 'send');
    const db = server.runtime.ctx.store.db;
    await expect(
      db
        .updateTable('quotes')
        .set({ status: 'accepted' })
        .where('tenant_id', '=', t.tenant.id)
        .where('id', '=', second.id)
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('expires lapsed quotes from the quote_expiry job', async () => {
    const deal = await newDeal();
    const lapsed = await createQuote(deal.id, { validUntil: '2001-01-01' });
    const current = await createQuote(deal.id, { validUntil: '2099-01-01' });
    const ctx = server.runtime.ctx;
    await enqueueNow(ctx, t.tenant.id, 'quote_expiry');
    const reports = await workOnce(ctx, { schedule: false, workerId: 'quote-worker' });
    const run = reports.find(
      (report) => report.job.kind === 'quote_expiry' && report.job.tenantId === t.tenant.id,
    );
    expect(run?.ok, run?.error).toBe(true);
    expect(run?.result).toMatchObject({ expired: expect.any(Number) as number });
    const list = await client.get<{ items: Quote[] }>(`/api/v1/opportunities/${deal.id}/quotes`);
    const status = (id: string) => list.body.items.find((quote) => quote.id === id)?.status;
    expect(status(lapsed.id)).toBe('expired');
    expect(status(current.id)).toBe('draft');
  });

  it('rejects and expires; a lapsed quote cannot be sent; a closed deal takes no new quote', async () => {
    const deal = await newDeal();
    const rejected = await act(await act(await createQuote(deal.id), 'send'), 'reject');
    expect(rejected.status).toBe('rejected');
    const lapsed = await createQuote(deal.id, { validUntil: '2001-01-01' });
    await refused(lapsed, 'send', 409, 'quote_expired');
    expect((await act(lapsed, 'expire')).status).toBe('expired');
    const current = await createQuote(deal.id, { validUntil: '2099-01-01' });
    await refused(current, 'expire', 409, 'quote_status');

    const fresh = await dealOf(deal.id);
    const close = await client.post(`/api/v1/opportunities/${deal.id}/close`, {
      version: fresh.version,
      outcome: 'lost',
      reasons: ['price'],
    });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    const closed = await client.post<Problem>(`/api/v1/opportunities/${deal.id}/quotes`, {
      lines: cnyLines,
    });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('opportunity_closed');
    await refused(await act(current, 'send'), 'revise', 409, 'opportunity_closed');
  });

  it('a discount above the threshold goes through the shared approval service before sending', async () => {
    const admin = [{ approver: { type: 'admin' }, minAmountMinor: 0 }];
    const policy = await client.put('/api/v1/approvals/policy', {
      policy: {
        chains: { stage: admin, discount: admin, rule: admin },
        discountThresholdPercent: 12,
      },
      version: 0,
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    const deal = await newDeal();
    // Effective discount 13.99 % (line + overall against gross) > 12 %.
    const quote = await createQuote(deal.id, { overallDiscountBp: 500 });
    const pending = await act(quote, 'send');
    expect(pending.status).toBe('pending_approval');
    expect(pending.approvalId).not.toBeNull();
    const approval = await client.get<{
      id: string;
      version: number;
      kind: string;
      request: { discountBasisPoints: number; quoteId?: string; quoteLabel?: string };
    }>(`/api/v1/approvals/${pending.approvalId}`);
    expect(approval.body).toMatchObject({
      kind: 'discount',
      request: { discountBasisPoints: 1_399, quoteId: quote.id, quoteLabel: `${quote.number} r1` },
    });
    // Sending again while it waits is refused; approving clears it for sending.
    await refused(pending, 'send', 409, 'quote_status');
    const decided = await client.post(`/api/v1/approvals/${approval.body.id}/approve`, {
      version: approval.body.version,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const approved = (await client.get<Quote>(`/api/v1/quotes/${quote.id}`)).body;
    expect(approved.status).toBe('approved');
    expect((await act(approved, 'send')).status).toBe('sent');

    // A rejected discount sends the quote back to draft.
    const second = await act(await createQuote(deal.id, { overallDiscountBp: 500 }), 'send');
    const ask = await client.get<{ id: string; version: number }>(
      `/api/v1/approvals/${second.approvalId}`,
    );
    await client.post(`/api/v1/approvals/${ask.body.id}/reject`, {
      version: ask.body.version,
      comment: 'too deep',
    });
    expect((await client.get<Quote>(`/api/v1/quotes/${second.id}`)).body.status).toBe('draft');

    // Within the threshold, sending needs no one.
    const modest = await act(await createQuote(deal.id, { lines: [cnyLines[1]] }), 'send');
    expect(modest.status).toBe('sent');
    // The quote's approval is not the deal's: the deal's own discount check is untouched.
    const dealApprovals = await client.get<{ items: { request: { quoteId?: string } }[] }>(
      `/api/v1/approvals?opportunityId=${deal.id}&kind=discount`,
    );
    expect(dealApprovals.body.items.every((a) => a.request.quoteId !== undefined)).toBe(true);
  });

  it('prints a self-contained HTML page with every value escaped', async () => {
    const deal = await newDeal();
    const quote = await createQuote(deal.id, {
      lines: [{ ...cnyLines[0], name: '<script>alert(1)</script>' }],
      notes: 'Pay within "30" days & <b>thanks</b>',
    });
    const page = await client.get<string>(`/api/v1/quotes/${quote.id}/print`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('Acme &lt;Trading&gt; &amp; Co');
    expect(page.body).toContain('&lt;b&gt;thanks&lt;/b&gt;');
    expect(page.body).toContain('@media print');
    expect(page.body).toContain(quote.number);
    const zh = await client.get<string>(`/api/v1/quotes/${quote.id}/print?locale=zh-CN`);
    expect(zh.body).toContain('报价单');
    const foreign = await createTestTenant(server);
    expect((await foreign.client.get(`/api/v1/quotes/${quote.id}/print`)).status).toBe(404);
    expect((await foreign.client.get(`/api/v1/quotes/${quote.id}`)).status).toBe(404);
  });
});
