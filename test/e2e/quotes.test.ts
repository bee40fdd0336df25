import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import {
  browserSkipped,
  screenshot,
  signIn,
  startBrowserSuite,
  UI_TIMEOUT,
} from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';

/**
 * The Quotes card of the opportunity workspace in Chromium (docs/l2c/quotes.md): a quote
 * with a line discount, an overall discount and tax, its totals computed by the server while
 * typing, sent and accepted — and the deal amount follows; the card in Chinese.
 */
const TEST_TIMEOUT = 120_000;

interface Deal {
  id: string;
  amount: { amountMinor: number; currency: string };
}

describe.skipIf(browserSkipped)('quotes in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  let deal: Deal;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 20 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
    const deals = await admin.get<{ items: Deal[] }>('/api/v1/opportunities?status=open&limit=5');
    const first = deals.body.items.find((d) => d.amount.currency === 'CNY');
    if (!first) throw new Error('the demo tenant has no open CNY deal');
    deal = first;
  });

  afterAll(async () => {
    await ui?.close();
  });

  async function openDeal(locale: string): Promise<Page> {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open(locale, `/opportunities/${deal.id}`);
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.getByTestId('deal-quotes').waitFor({ timeout: UI_TIMEOUT });
    return page;
  }

  it(
    'drafts a discounted quote with live totals, sends and accepts it; the deal amount follows',
    async () => {
      const page = await openDeal('en-US');
      const card = page.getByTestId('deal-quotes');
      await card.getByTestId('quote-new').click();
      const editor = page.getByRole('dialog');
      await editor.getByRole('button', { name: 'Add a free line' }).click();
      const line = editor.getByTestId('quote-line');
      await line.getByLabel('Item').fill('Sales cloud seat');
      await line.getByLabel('Qty').fill('3');
      await line.getByLabel('Unit price (CNY)').fill('1980');
      await line.getByLabel('Discount %').fill('10');
      await line.getByLabel('Tax %').fill('6');
      await editor.getByLabel('Overall discount %').fill('5');
      // 3 × 1,980.00 − 10 % = 5,346.00; − 5 % = 5,078.70 net; + 6 % tax 304.72 = 5,383.42.
      await expect
        .poll(() => editor.getByTestId('quote-total').getAttribute('data-amount-minor'), {
          timeout: UI_TIMEOUT,
        })
        .toBe('538342');
      expect(await editor.getByTestId('quote-net').getAttribute('data-amount-minor')).toBe(
        '507870',
      );
      expect(existsSync(await screenshot(page, 'quote-editor'))).toBe(true);
      await editor.getByRole('button', { name: 'Save draft' }).click();
      await card.getByTestId('quote-send').waitFor({ timeout: UI_TIMEOUT });
      await card.getByTestId('quote-send').click();
      await card.getByTestId('quote-accept').waitFor({ timeout: UI_TIMEOUT });
      await card.getByTestId('quote-accept').click();
      await card.getByText('Accepted').waitFor({ timeout: UI_TIMEOUT });
      await expect
        .poll(
          async () =>
            (await admin.get<Deal>(`/api/v1/opportunities/${deal.id}`)).body.amount.amountMinor,
          { timeout: UI_TIMEOUT },
        )
        .toBe(507_870);
      expect(await page.getByRole('alert').count()).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows the card in Chinese',
    async () => {
      const page = await openDeal('zh-CN');
      const card = page.getByTestId('deal-quotes');
      await card.getByRole('heading', { name: '报价' }).waitFor();
      await card.getByText('已接受').waitFor({ timeout: UI_TIMEOUT });
      expect(existsSync(await screenshot(page, 'quotes'))).toBe(true);
    },
    TEST_TIMEOUT,
  );
});
