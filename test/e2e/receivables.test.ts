import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import { calendarDate } from '../../src/domain/days.js';
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
 * The Receivables tab in Chromium: aging, collections, DSO and the lead-to-cash cycle drawn
 * from the reports API, with the figures of the API's JSON in the tables, in English and in
 * Chinese, over the contracts, plans and receipts the demo tenant seeds for its won deals.
 */
interface Aging {
  currencies: { currency: string; totals: { total: number; over90: number } }[];
}
interface Collections {
  currencies: { periods: { from: string; plannedMinor: number }[] }[];
}

describe.skipIf(browserSkipped)('receivables dashboard in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  /** Contracts with an overdue installment not (fully) paid. */
  let unpaid = 0;

  beforeAll(async () => {
    // The demo tenant seeds contracts, plans, receipts and allocations for its won deals
    // (src/demo/l2c.ts): old installments mostly paid, some partly, some overdue in every
    // aging bucket. The suite reads those figures instead of writing its own.
    ui = await startBrowserSuite({ opportunities: 80, seed: 9 });
    const { url, runtime } = ui.server();
    admin = await new ApiClient(url).signIn(DEMO.adminEmail, DEMO.password);
    const owing = await runtime.store.db
      .selectFrom('payment_installments')
      .select('contract_id')
      .distinct()
      .where('status', 'in', ['open', 'partial'])
      .where('due_date', '<', calendarDate(new Date(), 'Asia/Shanghai'))
      .execute();
    unpaid = owing.length;
    expect(unpaid).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
  });

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  async function report<T>(name: string, query: string): Promise<T> {
    const response = await admin.get<T>(`/api/v1/reports/${name}${query}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function drawn(page: Page, card: string): Promise<void> {
    await page
      .getByTestId(card)
      .locator('[data-testid=echart] canvas')
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
  }

  async function cell(page: Page, card: string, row: string, column: string): Promise<string> {
    const found = page.getByTestId(card).locator(`tbody tr[data-row="${row}"] td.${column}`);
    await found.waitFor();
    return (await found.textContent()) ?? '';
  }

  it('shows aging, collections, DSO and lead-to-cash with the API’s figures', async () => {
    const page = await suite().open('en-US', '/dashboards/receivables');
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.getByTestId('dashboard-receivables').waitFor();
    await expect.poll(() => page.getByRole('tab', { name: 'Receivables' }).count()).toBe(1);
    for (const card of ['chart-aging', 'chart-collections', 'chart-dso', 'chart-lead-to-cash'])
      await drawn(page, card);

    const aging = await report<Aging>('receivables-aging', '?currency=CNY');
    const totals = aging.currencies[0]?.totals;
    // The demo's overdue installments are owed, some of them for more than 90 days.
    expect(totals?.total).toBeGreaterThan(0);
    expect(totals?.over90).toBeGreaterThan(0);
    const money = (minor: number) =>
      new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(minor / 100);
    expect(await cell(page, 'chart-aging', 'total', 'total')).toBe(money(totals?.total ?? 0));
    expect(await cell(page, 'chart-aging', 'total', 'over90')).toBe(money(totals?.over90 ?? 0));

    const collections = await report<Collections>('collections', '?currency=CNY&grain=month');
    const month = collections.currencies[0]?.periods.at(-1);
    expect(await cell(page, 'chart-collections', month?.from ?? '', 'planned')).toBe(
      money(month?.plannedMinor ?? 0),
    );
    await page.getByTestId('chart-dso').locator('tbody tr[data-row="dso"]').waitFor();
    // The demo's paid-up contracts include deals converted from leads.
    const cycle = await report<{ all: { leadToCash: { n: number } } }>('lead-to-cash', '');
    expect(cycle.all.leadToCash.n).toBeGreaterThan(0);
    expect(await cell(page, 'chart-lead-to-cash', 'All sources', 'deals')).toBe(
      String(cycle.all.leadToCash.n),
    );
    expect(existsSync(await screenshot(page, 'dashboard-receivables'))).toBe(true);
  });

  it('speaks Chinese', async () => {
    const page = await suite().open('zh-CN', '/dashboards/receivables');
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.getByRole('tab', { name: '应收回款' }).waitFor();
    await page.getByText('应收账龄').first().waitFor();
    await page.getByText('实际回款与计划回款').first().waitFor();
    expect(await cell(page, 'chart-aging', 'total', 'by')).toBe('合计');
  });
});
