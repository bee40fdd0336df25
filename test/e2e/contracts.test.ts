import { existsSync } from 'node:fs';
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
import { wonDeal } from '../support/contracts.js';

/**
 * Contracts and receipts in Chromium (docs/l2c/contracts-and-receipts.md): a won deal's
 * "Create contract" with three monthly installments, then a partial receipt and one that
 * spans two installments posted on the Receipts page, and the statuses on the contract page.
 */
const TEST_TIMEOUT = 120_000;

describe.skipIf(browserSkipped)('contracts in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let dealId = '';

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 10 });
    const admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
    // ¥9,000.00, won at once in an ungated pipeline.
    dealId = (await wonDeal(admin, { amountMinor: 900_000 })).id;
  });

  afterAll(async () => {
    await ui?.close();
  });

  it(
    'creates a contract from a won deal, posts partial and multi-installment receipts',
    async () => {
      if (!ui) throw new Error('suite not set up');
      const page = await ui.open('en-US', `/opportunities/${dealId}`);
      await signIn(page, DEMO.adminEmail, DEMO.password);
      await page.getByTestId('create-contract').click();
      const dialog = page.getByRole('dialog');
      for (const [label, day] of [
        ['Start', '2026-01-01'],
        ['Ends', '2026-12-31'],
        ['First due', '2026-01-31'],
      ] as const) {
        const input = dialog.getByLabel(label, { exact: true });
        await input.click();
        await input.fill(day);
        await input.press('Enter');
      }
      // Enter in the last date field may already submit the form; else submit it.
      const submitted = await page
        .waitForURL(/\/contracts\//, { timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (!submitted) await dialog.getByTestId('contract-submit').click();
      await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
      const contractUrl = page.url();
      const statuses = () => page.getByTestId('installment-status').allTextContents();
      await expect.poll(statuses, { timeout: UI_TIMEOUT }).toEqual(['Open', 'Open', 'Open']);
      const number = (await page.locator('h1').textContent())?.replace('Contract ', '') ?? '';

      await page.goto('/receipts');
      const post = async (amount: string) => {
        await chooseOptions(page, 'Contract', [`${number} (CNY)`]);
        await page.getByLabel('Amount', { exact: true }).fill(amount);
        await page.getByTestId('receipt-post').click();
        await expect
          .poll(() => page.getByTestId('receipt-posted').textContent(), { timeout: UI_TIMEOUT })
          .toMatch(/^R-\d{6}$/);
      };
      await post('1000'); // part of the first ¥3,000.00 installment
      await page.goto(contractUrl);
      await expect.poll(statuses, { timeout: UI_TIMEOUT }).toEqual(['Partly paid', 'Open', 'Open']);

      await page.goto('/receipts');
      await post('4000'); // the rest of the first and ¥2,000.00 of the second
      await page.goto(contractUrl);
      await expect.poll(statuses, { timeout: UI_TIMEOUT }).toEqual(['Paid', 'Partly paid', 'Open']);
      expect(existsSync(await screenshot(page, 'contract-payment-plan'))).toBe(true);
    },
    TEST_TIMEOUT,
  );
});
