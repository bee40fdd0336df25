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
 * The React app's foundation in Chromium: sign-in (wrong password, then right), the
 * manager's per-stage counts equal to the API's summary, a rep's "today" equal to the API's
 * stalled deals and due tasks, both languages, and deep links served by the SPA fallback.
 */
const OPPORTUNITIES = 60;
const REP = `rep1.east@${DEMO.domain}`;

interface StageSummary {
  stageId: string;
  nameZh: string;
  nameEn: string;
  count: number;
}
interface Page_<T> {
  items: T[];
}

describe.skipIf(browserSkipped)('home page in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let stages: StageSummary[] = [];
  let repStalled: string[] = [];

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: OPPORTUNITIES });
    const url = ui.server().url;
    const admin = await new ApiClient(url).signIn(DEMO.adminEmail, DEMO.password);
    const pipelines =
      await admin.get<Page_<{ id: string; isDefault: boolean }>>('/api/v1/pipelines');
    const pipeline = pipelines.body.items.find((p) => p.isDefault) ?? pipelines.body.items[0];
    if (!pipeline) throw new Error('the demo tenant has no pipeline');
    const summary = await admin.get<{ stages: StageSummary[] }>(
      `/api/v1/pipelines/${pipeline.id}/summary`,
    );
    expect(summary.status).toBe(200);
    stages = summary.body.stages;

    const rep = await new ApiClient(url).signIn(REP, DEMO.password);
    const me = await rep.get<{ user: { id: string } }>('/api/v1/me');
    const stalled = await rep.get<Page_<{ opportunity: { name: string } }>>(
      `/api/v1/opportunities/stalled?ownerId=${me.body.user.id}&limit=10`,
    );
    expect(stalled.status).toBe(200);
    repStalled = stalled.body.items.map((item) => item.opportunity.name);
  });

  afterAll(async () => {
    await ui?.close();
  });

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  async function heading(page: Page, text: string | RegExp): Promise<void> {
    await page.locator('h1', { hasText: text }).waitFor({ timeout: UI_TIMEOUT });
  }

  /** The stage rows as shown: stage id, name and count. */
  async function shownRows(
    page: Page,
  ): Promise<{ stageId: string; name: string; count: number }[]> {
    const table = page.getByTestId('pipeline-summary');
    await table.locator('tbody tr[data-stage]').first().waitFor();
    const rows = await table.locator('tbody tr[data-stage]').all();
    return Promise.all(
      rows.map(async (row) => ({
        stageId: (await row.getAttribute('data-stage')) ?? '',
        name: (await row.locator('td').first().textContent()) ?? '',
        count: Number(await row.locator('td.count').textContent()),
      })),
    );
  }

  it('signs a manager in after a wrong password and shows the summary the API returns', async () => {
    // A deep link while signed out: the SPA fallback serves the app, the guard keeps the target.
    const page = await suite().open('en-US', '/no-such-page/42');
    await heading(page, 'Sign in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/no-such-page/42');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await signIn(page, DEMO.adminEmail, 'not the password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The e-mail or password is incorrect.');

    await signIn(page, DEMO.adminEmail, DEMO.password);
    // Back where they were going: a page that does not exist says so, inside the shell.
    await heading(page, 'Page not found');
    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
    await heading(page, 'Home');

    const rows = await shownRows(page);
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(OPPORTUNITIES);
    expect(rows).toEqual(
      stages.map((s) => ({ stageId: s.stageId, name: s.nameEn, count: s.count })),
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(existsSync(await screenshot(page, 'home-manager'))).toBe(true);

    // The language switch re-renders everything in Chinese, and is remembered.
    await page.getByTestId('language').click();
    await heading(page, '首页');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect((await shownRows(page)).map((row) => row.name)).toEqual(stages.map((s) => s.nameZh));
    await page.reload();
    await heading(page, '首页');
    await page.getByTestId('language').click();
    await heading(page, 'Home');

    // Sign-out ends the session: the app is back at sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    await page.goto('/');
    await heading(page, 'Sign in');
  });

  it("shows a rep's day as the API sees it, in Chinese for a Chinese browser", async () => {
    const page = await suite().open('zh-CN');
    await heading(page, '登录');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await signIn(page, REP, 'not the password');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('邮箱或密码不正确。');

    await signIn(page, REP, DEMO.password);
    await heading(page, '首页');
    // A rep has no team view, and no Settings in the menu.
    expect(await page.getByTestId('pipeline-summary').count()).toBe(0);
    expect(await page.getByRole('link', { name: '设置' }).count()).toBe(0);

    const stalled = page.getByTestId('stalled-deals');
    if (repStalled.length === 0) {
      await stalled.getByText('您的商机都在正常推进。').waitFor();
    } else {
      await stalled.locator('[data-opportunity]').first().waitFor();
      const names = await stalled
        .locator('[data-opportunity] .ant-list-item-meta-title')
        .allTextContents();
      expect(names).toEqual(repStalled);
    }
    await page.getByTestId('due-tasks').locator('.ant-list, .ant-empty').first().waitFor();
    await page.getByTestId('claim-limit').waitFor();
    expect(existsSync(await screenshot(page, 'home-rep-zh'))).toBe(true);

    await page.getByTestId('language').click();
    await heading(page, 'Home');
    expect(await page.getByTestId('stalled-deals').locator('h2').textContent()).toBe(
      'Stalled deals',
    );
  });
});
