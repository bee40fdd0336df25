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

/**
 * The "Team & splits" section of the opportunity workspace in Chromium: a colleague added
 * as co-seller, a performance split whose running total refuses a save until it is 100 %,
 * then saved and checked through the API; the section in Chinese.
 */
const TEST_TIMEOUT = 120_000;

interface Deal {
  id: string;
  ownerId: string;
}
interface User {
  id: string;
  name: string;
  role: string;
  status: string;
}
interface Team {
  members: { userId: string; role: string }[];
  splits: { type: string; userId: string; shareBp: number }[];
}

describe.skipIf(browserSkipped)('opportunity team and splits in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  let deal: Deal;
  let owner: User;
  let colleague: User;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 20 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
    const deals = await admin.get<{ items: Deal[] }>('/api/v1/opportunities?status=open&limit=5');
    const users = await admin.get<{ items: User[] }>('/api/v1/users?limit=200');
    const first = deals.body.items[0];
    if (!first) throw new Error('the demo tenant has no open deal');
    deal = first;
    const found = users.body.items.find((user) => user.id === deal.ownerId);
    const other = users.body.items.find(
      (user) => user.id !== deal.ownerId && user.status === 'active' && user.role === 'rep',
    );
    if (!found || !other) throw new Error('the demo tenant has too few reps');
    [owner, colleague] = [found, other];
  });

  afterAll(async () => {
    await ui?.close();
  });

  async function openDeal(locale: string): Promise<Page> {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open(locale, `/opportunities/${deal.id}`);
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.getByTestId('deal-team').waitFor({ timeout: UI_TIMEOUT });
    return page;
  }

  it(
    'adds a co-seller and saves a performance split only once it adds up to 100 %',
    async () => {
      const page = await openDeal('en-US');
      const section = page.getByTestId('deal-team');
      await section.locator(`[data-member="${owner.id}"]`).waitFor();
      await chooseOptions(section, 'Colleague', [colleague.name], colleague.name);
      await chooseOptions(section, 'Role', ['Co-seller']);
      await section.getByRole('button', { name: 'Add to team' }).click();
      await section.locator(`[data-member="${colleague.id}"]`).waitFor();

      const performance = section.locator('[data-split-type=performance]');
      await performance.getByRole('checkbox').check();
      await performance.getByLabel(`Share of ${owner.name} (%)`).fill('70');
      await performance.getByLabel(`Share of ${colleague.name} (%)`).fill('20');
      // The running total says what is wrong, and the save waits for 100 %.
      await expect
        .poll(() => page.getByTestId('split-total-performance').textContent())
        .toBe('Total 90 %');
      expect(await section.getByTestId('save-splits').isDisabled()).toBe(true);
      await performance.getByLabel(`Share of ${colleague.name} (%)`).fill('30');
      await expect
        .poll(() => page.getByTestId('split-total-performance').textContent())
        .toBe('Total 100 %');
      await section.getByTestId('save-splits').click();

      await expect
        .poll(
          async () => (await admin.get<Team>(`/api/v1/opportunities/${deal.id}/team`)).body.splits,
          { timeout: UI_TIMEOUT },
        )
        .toHaveLength(2);
      const saved = (await admin.get<Team>(`/api/v1/opportunities/${deal.id}/team`)).body;
      expect(saved.splits).toEqual(
        expect.arrayContaining([
          { type: 'performance', shareBp: 7000, userId: owner.id },
          { type: 'performance', shareBp: 3000, userId: colleague.id },
        ]),
      );
      const team = (await admin.get<Team>(`/api/v1/opportunities/${deal.id}/team`)).body;
      expect(team.members).toContainEqual({
        userId: colleague.id,
        role: 'co_seller',
        addedBy: expect.any(String) as unknown,
        addedAt: expect.any(String) as unknown,
      });
      expect(await page.getByRole('alert').count()).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows the section in Chinese',
    async () => {
      const page = await openDeal('zh-CN');
      const section = page.getByTestId('deal-team');
      await section.getByRole('heading', { name: '团队与业绩分成' }).waitFor();
      await section.getByText('协同销售').first().waitFor();
      expect(await section.getByText('业绩分成', { exact: true }).count()).toBe(1);
      expect(existsSync(await screenshot(page, 'deal-team'))).toBe(true);
    },
    TEST_TIMEOUT,
  );
});
