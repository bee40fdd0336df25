import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.service.js';
import { createOpportunity } from '../../src/app/opportunities.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { openRuntime } from '../../src/runtime.js';
import { cli, cliTenantDatabase } from '../support/cli.js';
import { seedContract, seedPayment } from '../support/l2c-seed.js';

/**
 * `pipewright renewals run` opens the renewal of a contract ending within the lead time once
 * (a second run opens nothing), and `pipewright report customer-value` serves the report.
 */
let db = '';
let remove = () => {};

beforeAll(async () => {
  ({ db, remove } = await cliTenantDatabase('renewals', 'correct horse battery'));
  const runtime = await openRuntime(db);
  try {
    const tenant = await findTenant(runtime.ctx, 'acme');
    if (!tenant) throw new Error('no tenant');
    const system = systemPrincipal(tenant.id, 'test-setup');
    const owner = await runtime.store.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    const account = await createAccount(runtime.ctx, system, {
      name: 'Renewing customer',
      ownerId: owner.id,
    });
    const deal = await createOpportunity(runtime.ctx, system, {
      name: 'First purchase',
      accountId: account.id,
      ownerId: owner.id,
    });
    // Ends in 30 days of the real clock: within the default 90-day lead time.
    const endDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const contractId = await seedContract(runtime.store.db, {
      tenantId: tenant.id,
      accountId: account.id,
      opportunityId: deal.id,
      ownerId: owner.id,
      amountMinor: 5_000_000,
      endDate,
      signedOn: new Date().toISOString().slice(0, 10),
      number: 'C-CLI001',
    });
    await seedPayment(
      runtime.store.db,
      { tenantId: tenant.id, contractId, accountId: account.id },
      { seq: 1, amountMinor: 5_000_000, dueDate: endDate },
      [{ amountMinor: 2_000_000 }],
    );
  } finally {
    await runtime.close();
  }
});
afterAll(() => remove());

describe('pipewright renewals', () => {
  it('opens a due renewal once', async () => {
    const first = await cli('renewals', 'run', '--tenant', 'acme', '--json', '--db', db);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ leadDays: 90, opened: 1 });
    const again = await cli('renewals', 'run', '--tenant', 'acme', '--db', db);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('opened 0');
    const missing = await cli('renewals', 'run', '--tenant', 'nobody', '--db', db);
    expect(missing.code).not.toBe(0);
  });

  it('serves the customer-value report', async () => {
    const report = await cli('report', 'customer-value', '--tenant', 'acme', '--json', '--db', db);
    expect(report.code, report.err).toBe(0);
    const body = JSON.parse(report.out) as {
      overall: { accounts: number; collectedMinor: number };
      accounts: { accountName: string }[];
    };
    expect(body.overall).toMatchObject({ accounts: 1, collectedMinor: 2_000_000 });
    expect(body.accounts[0]?.accountName).toBe('Renewing customer');
  });
});
