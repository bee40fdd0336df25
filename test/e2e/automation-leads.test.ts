import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import {
  browserSkipped,
  chooseOptions,
  signIn,
  startBrowserSuite,
  UI_TIMEOUT,
} from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';

/**
 * Lead rules on the automation screen: the admin switches the rule to leads (stage triggers
 * disappear), dry-runs it on a chosen lead, and the API stores a lead rule.
 */
const JOURNEY_TIMEOUT = 120_000;

describe.skipIf(browserSkipped)('automation rules on leads in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 5 });
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
    'builds a lead rule, dry-runs it on a chosen lead and saves it as a lead rule',
    async () => {
      const leadName = `E2E lead ${Date.now().toString(36)}`;
      const lead = await admin.post<{ id: string }>('/api/v1/leads', {
        name: leadName,
        source: 'website',
      });
      expect(lead.status).toBe(201);
      const page = await openSettings();
      const editor = page.getByTestId('automation-editor');
      const name = `E2E lead rule ${Date.now().toString(36)}`;
      await editor.getByLabel('Name', { exact: true }).fill(name);
      await chooseOptions(editor, 'Record type', ['Leads']);
      // Leads have no stages: the stage triggers are not offered.
      await editor.getByLabel('When', { exact: true }).click();
      await page.locator('.ant-select-item-option[title="Lead created"]').waitFor();
      expect(await page.locator('.ant-select-item-option[title="Stage entered"]').count()).toBe(0);
      await page.keyboard.press('Escape');
      await editor.getByTestId('action-0').getByLabel('Message', { exact: true }).fill('New lead');

      const dry = page.getByTestId('automation-dry-run');
      await chooseOptions(dry, 'Lead', [leadName], leadName);
      await dry.getByRole('button', { name: 'Dry run' }).click();
      const result = page.getByTestId('automation-dry-run-result');
      await result.getByText('All conditions hold: the actions would run.').waitFor();

      await editor.getByRole('button', { name: 'Save rule' }).click();
      await page.getByTestId('automation-rules').getByText(name).waitFor();
      const rules = await admin.get<{ name: string; entity: string }[]>('/api/v1/automation/rules');
      expect(rules.body.find((rule) => rule.name === name)?.entity).toBe('lead');
    },
    JOURNEY_TIMEOUT,
  );
});
