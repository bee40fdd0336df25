import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import {
  browserSkipped,
  chooseOptions,
  screenshot,
  signIn,
  startBrowserSuite,
  UI_TIMEOUT,
} from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';
import { seedContract, seedPayment } from '../support/l2c-seed.js';

const JOURNEY_TIMEOUT = 120_000;

/**
 * The customer lifecycle in Chromium: an account's "Customer value" card shows the cash
 * collected on its contracts (a reversed allocation not counted) and that it bought twice;
 * a rep opens an upsell from one of its contracts there, and an administrator sets the
 * renewal lead time in Settings — each read back from the API.
 */
describe.skipIf(browserSkipped)('customer value in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  let accountId = '';
  let contractId = '';

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 10 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
    const me = await admin.get<{ user: { id: string }; tenant: { id: string } }>('/api/v1/me');
    const [userId, tenantId] = [me.body.user.id, me.body.tenant.id];
    const account = await admin.post<{ id: string }>('/api/v1/accounts', {
      name: 'E2E 长城制造',
    });
    accountId = account.body.id;
    const db = ui.server().runtime.store.db;
    const contractOf = async (amountMinor: number, signedOn: string, number: string) => {
      const deal = await admin.post<{ id: string }>('/api/v1/opportunities', {
        name: `E2E deal ${number}`,
        accountId,
      });
      return seedContract(db, {
        tenantId,
        accountId,
        opportunityId: deal.body.id,
        ownerId: userId,
        amountMinor,
        signedOn,
        endDate: '2027-12-31',
        number,
      });
    };
    contractId = await contractOf(12_000_000, '2025-03-01', 'C-E2E001');
    await contractOf(8_000_000, '2026-02-01', 'C-E2E002');
    await seedPayment(
      db,
      { tenantId, contractId, accountId },
      { seq: 1, amountMinor: 6_000_000, dueDate: '2025-04-01' },
      [{ amountMinor: 5_000_000 }, { amountMinor: 1_000_000, reversed: true }],
    );
  });
  afterAll(async () => {
    await ui?.close();
  });

  async function open(path: string, heading: string): Promise<Page> {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('en-US', path);
    page.setDefaultNavigationTimeout(3 * UI_TIMEOUT);
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.locator('h2', { hasText: heading }).waitFor({ timeout: 3 * UI_TIMEOUT });
    return page;
  }

  it(
    'shows the lifetime value and opens an upsell from a contract',
    async () => {
      const page = await open(`/accounts/${accountId}`, 'Customer value');
      const card = page.getByTestId('customer-value');
      await expect
        .poll(() => card.getByTestId('customer-clv').getAttribute('data-minor'))
        .toBe('5000000');
      await expect
        .poll(() => card.getByTestId('customer-repeat').innerText())
        .toBe('Repeat customer');
      await screenshot(page, 'customer-value');

      await card.getByTestId('new-expansion').click();
      const dialog = page.getByRole('dialog');
      await chooseOptions(dialog, 'From contract', ['C-E2E001 (CNY)']);
      await dialog.getByLabel('Deal name', { exact: true }).fill('E2E more seats');
      await dialog.getByLabel('Amount', { exact: true }).fill('30000');
      await dialog.getByRole('button', { name: 'Create deal' }).click();
      await dialog.getByText('Deal created').waitFor();
      const list = await admin.get<{
        items: { name: string; dealKind: string; amount: { amountMinor: number } }[];
      }>(`/api/v1/contracts/${contractId}/expansions`);
      expect(list.body.items).toMatchObject([
        { name: 'E2E more seats', dealKind: 'upsell', amount: { amountMinor: 3_000_000 } },
      ]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'sets the renewal lead time in Settings',
    async () => {
      const page = await open('/settings/renewals', 'Renewals');
      const form = page.getByTestId('renewal-settings');
      await form.getByLabel('Renewal lead time (days)').fill('45');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByText('Saved').waitFor();
      const tenant = await admin.get<{ settings: { renewalLeadDays: number } }>('/api/v1/tenant');
      expect(tenant.body.settings.renewalLeadDays).toBe(45);
    },
    JOURNEY_TIMEOUT,
  );
});
