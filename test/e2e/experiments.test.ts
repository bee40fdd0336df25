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
import { createUngatedDefaultPipeline } from '../support/fixtures.js';

/**
 * Experiments in Chromium: a manager designs a script experiment in the form and starts it;
 * deals then created over the API win far more often under variant B, and the report says
 * so ("Significant") with its p-values, in English and in Chinese.
 */
const MANAGER = `manager.east@${DEMO.domain}`;

interface Deal {
  id: string;
  version: number;
}

describe.skipIf(browserSkipped)('experiments in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  const name = `话术实验 ${Date.now()}`;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 0 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
    // An ungated default pipeline, so the generated deals can be won without key actions.
    await createUngatedDefaultPipeline(admin);
  });

  afterAll(async () => {
    await ui?.close();
  });

  it('creates and starts an experiment, then shows a significant report', async () => {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('en-US', '/experiments');
    await signIn(page, MANAGER, DEMO.password);
    await page.locator('h1', { hasText: 'Experiments' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByRole('button', { name: 'New experiment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByTestId('variant-0').getByLabel('Variant name').fill('Features first');
    await dialog.getByTestId('variant-0').getByLabel('Text shown to the rep').fill('先讲功能');
    await dialog.getByTestId('variant-1').getByLabel('Variant name').fill('Value first');
    await dialog.getByTestId('variant-1').getByLabel('Text shown to the rep').fill('先讲价值');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    const row = page.getByTestId('experiments').locator('tr', { hasText: name });
    await row.getByText('Draft').waitFor();
    await row.getByRole('button', { name: 'Start' }).click();
    await row.getByText('Running').waitFor();

    // Generated deals: every 5th in A wins, 3 of every 5 in B.
    const list = await admin.get<{ items: { id: string; name: string }[] }>('/api/v1/experiments');
    const experimentId = list.body.items.find((e) => e.name === name)?.id ?? '';
    const account = await admin.post<{ id: string }>('/api/v1/accounts', { name: '实验客户' });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    const accountId = account.body.id;
    const deals: Deal[] = [];
    for (let i = 0; i < 90; i += 1) {
      const deal = await admin.post<Deal>('/api/v1/opportunities', { name: `E2E ${i}`, accountId });
      expect(deal.status, JSON.stringify(deal.body)).toBe(201);
      deals.push(deal.body);
    }
    const assignments = await admin.get<{ items: { recordId: string; variantKey: string }[] }>(
      `/api/v1/experiments/${experimentId}/assignments?limit=200`,
    );
    const variantOf = new Map(assignments.body.items.map((a) => [a.recordId, a.variantKey]));
    const seen = new Map<string, number>();
    for (const deal of deals) {
      const key = variantOf.get(deal.id) ?? '';
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const wins = key === 'a' ? n % 5 === 0 : n % 5 < 3;
      const closed = await admin.post(`/api/v1/opportunities/${deal.id}/close`, {
        version: deal.version,
        outcome: wins ? 'won' : 'lost',
        reasons: wins ? [] : ['price'],
      });
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    }

    await row.getByRole('link', { name: 'Report' }).click();
    const verdict = page.getByTestId('verdict');
    await verdict.getByText(/^Significant/).waitFor();
    const variants = page.getByTestId('report-variants');
    await variants.getByText('Value first').waitFor();
    await variants.getByText('Significant', { exact: true }).waitFor();
    await screenshot(page, 'experiment-report');

    const zh = await ui.open('zh-CN', `/experiments/${experimentId}`);
    await signIn(zh, MANAGER, DEMO.password);
    await zh
      .getByTestId('verdict')
      .getByText(/^差异显著/)
      .waitFor({ timeout: UI_TIMEOUT });
    await zh.getByTestId('report-variants').getByText('显著', { exact: true }).waitFor();
  }, 180_000); // some 200 API requests generate the data
});
