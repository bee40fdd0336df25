import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRenewalSweep } from '../../src/app/lifecycle/renewal-sweep.service.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, unique } from '../support/fixtures.js';
import { seedContract, seedPayment } from '../support/l2c-seed.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * The customer lifecycle (docs/l2c/lifecycle.md): the renewal sweep opens one renewal deal
 * per contract within the lead time — also when two sweeps race or one runs again — through
 * the ordinary create (audit, owner notified); the lead time is a tenant setting (0: off);
 * upsells and cross-sells grow from a contract on its customer; the lineage rules; and an
 * account's lifetime value counts collected cash without reversed allocations.
 */
interface Deal {
  id: string;
  name: string;
  accountId: string;
  ownerId: string;
  amount: { amountMinor: number; currency: string };
  expectedCloseDate: string | null;
  dealKind: string;
  originContractId: string | null;
  version: number;
}

describe.each(dialectsUnderTest())('customer lifecycle ($name)', (dialect) => {
  // 2026-05-01 09:00 in Asia/Shanghai.
  const clock = new ManualClock(Date.parse('2026-05-01T01:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  const db = () => server.runtime.store.db;

  const newAccount = async () =>
    (await created<{ id: string }>(t.client.post('/api/v1/accounts', { name: unique('acct') }))).id;
  const newDeal = async (accountId: string) =>
    created<Deal>(t.client.post('/api/v1/opportunities', { name: unique('deal'), accountId }));
  const contractOn = async (
    accountId: string,
    endDate: string,
    extra: { status?: 'active' | 'terminated'; amountMinor?: number; signedOn?: string } = {},
  ) =>
    seedContract(db(), {
      tenantId: t.tenant.id,
      accountId,
      opportunityId: (await newDeal(accountId)).id,
      ownerId: t.admin.id,
      amountMinor: extra.amountMinor ?? 12_000_000,
      endDate,
      ...(extra.status ? { status: extra.status } : {}),
      ...(extra.signedOn ? { signedOn: extra.signedOn } : {}),
    });
  const renewalsOf = async (contractId: string) =>
    (
      await t.client.get<{ items: Deal[] }>(
        `/api/v1/opportunities?originContractId=${contractId}&dealKind=renewal`,
      )
    ).body.items;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('opens one renewal per contract once within the lead time, however often it runs', async () => {
    const accountId = await newAccount();
    const contractId = await contractOn(accountId, '2026-08-15');
    const lapsed = await contractOn(accountId, '2026-04-01', { status: 'terminated' });
    const ctx = server.runtime.ctx;
    // 2026-05-01 + 90 days = 2026-07-30: not due yet.
    expect(await runRenewalSweep(ctx, t.tenant.id, { runId: 'early' })).toMatchObject({
      leadDays: 90,
      opened: 0,
    });
    clock.advance(20 * 86_400_000); // 2026-05-21: horizon 2026-08-19
    const [a, b] = await Promise.all([
      runRenewalSweep(ctx, t.tenant.id, { runId: 'a' }),
      runRenewalSweep(ctx, t.tenant.id, { runId: 'b' }),
    ]);
    expect(a.opened + b.opened).toBe(1);
    const again = await runRenewalSweep(ctx, t.tenant.id, { runId: 'again' });
    expect(again.opened).toBe(0);

    const renewals = await renewalsOf(contractId);
    expect(renewals).toHaveLength(1);
    const [deal] = renewals;
    const contract = await db()
      .selectFrom('contracts')
      .select(['number', 'renewal_opportunity_id', 'version'])
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow();
    expect(deal).toMatchObject({
      name: `${contract.number} 续约`,
      accountId,
      ownerId: t.admin.id,
      amount: { amountMinor: 12_000_000, currency: 'CNY' },
      expectedCloseDate: '2026-08-15',
      dealKind: 'renewal',
      originContractId: contractId,
    });
    expect(contract.renewal_opportunity_id).toBe(deal?.id);
    expect(contract.version).toBe(2);
    expect(await renewalsOf(lapsed)).toHaveLength(0);
    // Through the ordinary create: audited, and the owner is told, once.
    const audit = await sql<{ n: number }>`select count(*) as n from audit_log
      where tenant_id = ${t.tenant.id} and entity_id = ${deal?.id ?? ''} and action = 'create'`.execute(
      db(),
    );
    expect(Number(audit.rows[0]?.n)).toBe(1);
    const notices = await db()
      .selectFrom('notifications')
      .select(['user_id'])
      .where('tenant_id', '=', t.tenant.id)
      .where('subject_id', '=', deal?.id ?? '')
      .execute();
    expect(notices.map((n) => n.user_id)).toEqual([t.admin.id]);
  });

  it('follows the tenant’s lead time, 0 switching renewals off', async () => {
    const accountId = await newAccount();
    const contractId = await contractOn(accountId, '2026-12-31');
    const tenant = await t.client.get<{ version: number; settings: Record<string, unknown> }>(
      '/api/v1/tenant',
    );
    expect(tenant.body.settings.renewalLeadDays).toBe(90);
    const off = await t.client.patch<{ settings: { renewalLeadDays: number } }>('/api/v1/tenant', {
      version: tenant.body.version,
      settings: { ...tenant.body.settings, renewalLeadDays: 0 },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const ctx = server.runtime.ctx;
    expect(await runRenewalSweep(ctx, t.tenant.id, { runId: 'off' })).toEqual({
      leadDays: 0,
      opened: 0,
      alreadyRenewed: 0,
      refused: 0,
    });
    const bad = await t.client.patch('/api/v1/tenant', {
      version: tenant.body.version + 1,
      settings: { ...tenant.body.settings, renewalLeadDays: -1 },
    });
    expect(bad.status).toBe(400);
    const long = await t.client.patch('/api/v1/tenant', {
      version: tenant.body.version + 1,
      settings: { ...tenant.body.settings, renewalLeadDays: 365 },
    });
    expect(long.status, JSON.stringify(long.body)).toBe(200);
    const run = await runRenewalSweep(ctx, t.tenant.id, { runId: 'long' });
    expect(run.leadDays).toBe(365);
    expect(await renewalsOf(contractId)).toHaveLength(1);
  });

  it('grows upsells and cross-sells from a contract, on its customer', async () => {
    const accountId = await newAccount();
    const contractId = await contractOn(accountId, '2027-06-30');
    const upsell = await t.client.post<Deal>(`/api/v1/contracts/${contractId}/expansions`, {
      kind: 'upsell',
      name: 'More seats',
      amountMinor: 3_000_000,
      expectedCloseDate: '2026-09-30',
    });
    expect(upsell.status, JSON.stringify(upsell.body)).toBe(201);
    expect(upsell.body).toMatchObject({
      accountId,
      dealKind: 'upsell',
      originContractId: contractId,
      amount: { amountMinor: 3_000_000, currency: 'CNY' },
    });
    await created(
      t.client.post(`/api/v1/contracts/${contractId}/expansions`, {
        kind: 'cross_sell',
        name: 'Analytics add-on',
        amountMinor: 1_000_000,
      }),
    );
    const list = await t.client.get<{ items: Deal[] }>(
      `/api/v1/contracts/${contractId}/expansions`,
    );
    expect(list.body.items.map((d) => d.dealKind).sort()).toEqual(['cross_sell', 'upsell']);

    expect(
      (
        await t.client.post(`/api/v1/contracts/${contractId}/expansions`, {
          kind: 'renewal',
          name: 'x',
          amountMinor: 1,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.client.post(`/api/v1/contracts/${randomUUID()}/expansions`, {
          kind: 'upsell',
          name: 'x',
          amountMinor: 1,
        })
      ).status,
    ).toBe(404);
    expect((await t.client.get(`/api/v1/contracts/${randomUUID()}/expansions`)).status).toBe(404);
    // Another tenant cannot see the contract at all.
    const other = await createTestTenant(server);
    expect((await other.client.get(`/api/v1/contracts/${contractId}/expansions`)).status).toBe(404);
  });

  it('keeps a deal’s lineage consistent on create', async () => {
    const accountId = await newAccount();
    const contractId = await contractOn(accountId, '2027-06-30');
    const elsewhere = await newAccount();
    const wrongAccount = await t.client.post<{ errors: { code: string }[] }>(
      '/api/v1/opportunities',
      { name: 'x', accountId: elsewhere, dealKind: 'upsell', originContractId: contractId },
    );
    expect(wrongAccount.status, JSON.stringify(wrongAccount.body)).toBe(400);
    expect(wrongAccount.body.errors[0]?.code).toBe('origin_other_account');
    const newWithOrigin = await t.client.post<{ errors: { code: string }[] }>(
      '/api/v1/opportunities',
      { name: 'x', accountId, originContractId: contractId },
    );
    expect(newWithOrigin.status).toBe(400);
    expect(newWithOrigin.body.errors[0]?.code).toBe('origin_needs_kind');
    const unknown = await t.client.post('/api/v1/opportunities', {
      name: 'x',
      accountId,
      dealKind: 'renewal',
      originContractId: randomUUID(),
    });
    expect(unknown.status).toBe(422);
    const plain = await newDeal(accountId);
    expect(plain).toMatchObject({ dealKind: 'new', originContractId: null });
    // The kind is fixed once created: a PATCH does not take it.
    const patch = await t.client.patch(`/api/v1/opportunities/${plain.id}`, {
      version: plain.version,
      dealKind: 'upsell',
    });
    expect(patch.status).toBe(400);
  });

  it('adds up an account’s lifetime value without reversed allocations', async () => {
    const accountId = await newAccount();
    const first = await contractOn(accountId, '2026-12-31', {
      amountMinor: 1_000_000,
      signedOn: '2025-03-01',
    });
    await contractOn(accountId, '2027-12-31', { amountMinor: 2_000_000, signedOn: '2026-02-01' });
    const ids = { tenantId: t.tenant.id, contractId: first, accountId };
    await seedPayment(db(), ids, { seq: 1, amountMinor: 600_000, dueDate: '2025-04-01' }, [
      { amountMinor: 400_000 },
      { amountMinor: 150_000, reversed: true },
      { amountMinor: 100_000 },
    ]);
    await created(
      t.client.post(`/api/v1/contracts/${first}/expansions`, {
        kind: 'upsell',
        name: 'More',
        amountMinor: 1,
      }),
    );
    const lifetime = await t.client.get(`/api/v1/accounts/${accountId}/lifetime`);
    expect(lifetime.status, JSON.stringify(lifetime.body)).toBe(200);
    expect(lifetime.body).toMatchObject({
      accountId,
      currencies: [
        {
          currency: 'CNY',
          contracts: 2,
          contractValueMinor: 3_000_000,
          collectedMinor: 500_000,
          firstPurchaseOn: '2025-03-01',
          lastPurchaseOn: '2026-02-01',
        },
      ],
      contracts: 2,
      repeatCustomer: true,
    });
    const deals = (lifetime.body as { deals: { dealKind: string; open: number }[] }).deals;
    expect(deals.find((d) => d.dealKind === 'upsell')?.open).toBe(1);
    expect((await t.client.get(`/api/v1/accounts/${randomUUID()}/lifetime`)).status).toBe(404);
  });
});
