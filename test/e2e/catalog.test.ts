import { existsSync } from 'node:fs';
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

/** A whole user journey on a busy 2-core machine: several page loads, each up to UI_TIMEOUT. */
const JOURNEY_TIMEOUT = 120_000;

interface Product {
  id: string;
  code: string;
  name: string;
}
interface Entry {
  unitPriceMinor: number;
  volumeTiers: { minQuantity: number; unitPriceMinor: number }[];
  product: Product;
}

/**
 * Settings → Products & price books in Chromium: an administrator adds a product, a price
 * book for a channel and a tiered price in it, and the price check shows the book a partner
 * buyer gets and the tier's unit price — each step read back from the API.
 */
describe.skipIf(browserSkipped)('products and price books in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 10 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
  });
  afterAll(async () => {
    await ui?.close();
  });

  async function open(): Promise<Page> {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('en-US', '/settings/catalog');
    page.setDefaultNavigationTimeout(3 * UI_TIMEOUT);
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.locator('h2', { hasText: 'Add a product' }).waitFor({ timeout: 3 * UI_TIMEOUT });
    return page;
  }

  it(
    'adds a product, a channel price book with a tiered price, and checks the price',
    async () => {
      const page = await open();
      // the demo catalogue is there
      await page.getByTestId('products').getByText('PW-CRM-STD').waitFor();

      const product = page.locator('form#product-create');
      await product.getByLabel('Code', { exact: true }).fill('E2E-SEAT');
      await product.getByLabel('Name', { exact: true }).fill('E2E seat');
      await product.getByLabel('Series', { exact: true }).fill('E2E');
      await product.getByLabel('Unit', { exact: true }).fill('seat');
      await product.getByRole('button', { name: 'Add' }).click();
      await page.getByTestId('products').locator('tr', { hasText: 'E2E-SEAT' }).waitFor();
      const products = await admin.get<{ items: Product[] }>('/api/v1/products?q=E2E-SEAT');
      expect(products.body.items).toHaveLength(1);

      const book = page.locator('form#price-book-create');
      await book.getByLabel('Name', { exact: true }).fill('E2E partner book');
      await book.getByLabel('Channel', { exact: true }).fill('e2e-partner');
      await book.getByRole('button', { name: 'Add' }).click();
      const row = page.getByTestId('price-books').locator('tr', { hasText: 'E2E partner book' });
      await row.waitFor();
      await row.getByRole('button', { name: 'Prices: E2E partner book' }).click();

      const entries = page.getByTestId('price-book-entries');
      await entries.locator('h2', { hasText: 'E2E partner book' }).waitFor();
      const price = entries.locator('form#price-entry');
      await chooseOptions(price, 'Product', ['E2E-SEAT E2E seat'], 'E2E-SEAT');
      await price.getByLabel('Unit price (CNY)', { exact: true }).fill('100');
      await price.getByRole('button', { name: 'Add a tier' }).click();
      await price.getByLabel('From quantity 1', { exact: true }).fill('10');
      await price.getByLabel('Tier unit price 1', { exact: true }).fill('90.5');
      await price.getByRole('button', { name: 'Set a price' }).click();
      await entries.locator('tr', { hasText: 'E2E-SEAT' }).waitFor();

      const books = await admin.get<{ items: { id: string; name: string }[] }>(
        '/api/v1/price-books?q=E2E',
      );
      const bookId = books.body.items[0]?.id ?? '';
      const listed = await admin.get<{ items: Entry[] }>(`/api/v1/price-books/${bookId}/entries`);
      expect(listed.body.items[0]).toMatchObject({
        unitPriceMinor: 100_00,
        volumeTiers: [{ minQuantity: 10, unitPriceMinor: 90_50 }],
      });

      const check = page.locator('form#price-check');
      await check.getByLabel('Channel', { exact: true }).fill('e2e-partner');
      await chooseOptions(check, 'Product', ['E2E-SEAT E2E seat'], 'E2E-SEAT');
      await check.getByLabel('Quantity', { exact: true }).fill('12');
      await check.getByRole('button', { name: 'Check' }).click();
      const result = page.getByTestId('price-check-result');
      await result.getByText('E2E partner book').waitFor();
      await result.getByText('Volume tier from 10 units').waitFor();
      expect(await result.textContent()).toContain('90.50');
      expect(existsSync(await screenshot(page, 'catalog'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );
});
