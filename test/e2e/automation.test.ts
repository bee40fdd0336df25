import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutomation } from '../../src/app/automation/engine.service.js';
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
 * The automation rules screen in Chromium: an admin writes a rule in the editor, dry-runs
 * it on a demo deal (matched conditions and planned actions, as the API answers), and after
 * a deal triggers it sees the run in the log.
 */
const JOURNEY_TIMEOUT = 150_000;

interface Page_<T> {
  items: T[];
}
interface Rule {
  id: string;
  name: string;
}

describe.skipIf(browserSkipped)('automation rules in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 20 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
  });
  afterAll(async () => {
    await ui?.close();
  });

  async function openSettings(): Promise<Page> {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('en-US', '/settings/automation');
    page.setDefaultNavigationTimeout(3 * UI_TIMEOUT);
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.getByTestId('automation-editor').waitFor({ timeout: 3 * UI_TIMEOUT });
    return page;
  }

  it(
    'creates a rule, dry-runs it on a demo deal, and shows its run after a deal triggers it',
    async () => {
      const deals = await admin.get<Page_<{ id: string; name: string; accountId: string }>>(
        '/api/v1/opportunities?limit=200&sort=name',
      );
      // A demo deal whose name no other deal shares, so the picker shows it once.
      const deal = deals.body.items.find(
        (candidate) => deals.body.items.filter((d) => d.name === candidate.name).length === 1,
      );
      if (!deal) throw new Error('the demo tenant has no deal with a unique name');
      const page = await openSettings();

      const editor = page.getByTestId('automation-editor');
      const name = `E2E notify ${Date.now().toString(36)}`;
      await editor.getByLabel('Name', { exact: true }).fill(name);
      await editor
        .getByLabel('Actions (JSON list)')
        .fill(
          JSON.stringify([{ type: 'notify', recipient: { to: 'owner' }, message: 'New deal' }]),
        );
      await editor.getByRole('button', { name: 'Save rule' }).click();
      await page.getByTestId('automation-rules').getByText(name).waitFor();
      const rules = await admin.get<Rule[]>('/api/v1/automation/rules');
      const saved = rules.body.find((rule) => rule.name === name);
      expect(saved).toBeDefined();

      // The dry run shows what the API answers for the same draft and deal.
      const dry = page.getByTestId('automation-dry-run');
      await chooseOptions(dry, 'Deal', [deal.name], deal.name);
      await dry.getByRole('button', { name: 'Dry run' }).click();
      const result = page.getByTestId('automation-dry-run-result');
      await result.getByText('All conditions hold: the actions would run.').waitFor();
      await expect(result.getByText('notify').count()).resolves.toBe(1);

      // A new deal triggers the rule; the engine runs (as the job would); the log shows it.
      const created = await admin.post<{ id: string }>('/api/v1/opportunities', {
        name: `E2E deal ${Date.now().toString(36)}`,
        accountId: deal.accountId,
      });
      expect(created.status).toBe(201);
      const me = await admin.get<{ tenant: { id: string } }>('/api/v1/me');
      if (!ui) throw new Error('suite not set up');
      const report = await runAutomation(ui.server().runtime.ctx, me.body.tenant.id);
      expect(report.applied).toBeGreaterThanOrEqual(1);
      await page.reload();
      const log = page.getByTestId('automation-runs');
      await log
        .getByText(name)
        .first()
        .waitFor({ timeout: 3 * UI_TIMEOUT });
      await expect(log.getByText('Applied').count()).resolves.toBeGreaterThanOrEqual(1);
      await screenshot(page, 'automation-rules');
    },
    JOURNEY_TIMEOUT,
  );
});
