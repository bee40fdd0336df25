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
 * The automation rules screen in Chromium: an admin builds a rule entirely in the form
 * (trigger, condition rows, action cards), the API stores exactly that rule, a dry run on a
 * demo deal reads as words; and after a deal triggers a rule the run is in the log.
 */
const JOURNEY_TIMEOUT = 150_000;

interface Page_<T> {
  items: T[];
}
interface Rule {
  id: string;
  name: string;
  trigger: unknown;
  conditions: unknown[];
  actions: unknown[];
}
interface Pipeline {
  nameEn: string;
  stages: { id: string; nameEn: string }[];
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

  async function openSettings(locale = 'en-US'): Promise<Page> {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open(locale, '/settings/automation');
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
      // The blank rule's one action is "notify the owner"; only its message is missing.
      await editor.getByTestId('action-0').getByLabel('Message', { exact: true }).fill('New deal');
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
      await result.getByText('Notify: "New deal"', { exact: false }).waitFor();

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

  it(
    'builds a stage rule with a condition and two actions in the form; the API stores exactly that',
    async () => {
      const pipelines = await admin.get<{ items: Pipeline[] }>('/api/v1/pipelines');
      const pipeline = pipelines.body.items[0];
      const stage = pipeline?.stages[1];
      if (!pipeline || !stage) throw new Error('the demo tenant has no pipeline with stages');
      const deals = await admin.get<Page_<{ id: string; name: string }>>(
        '/api/v1/opportunities?limit=200&sort=name',
      );
      const deal = deals.body.items.find(
        (candidate) => deals.body.items.filter((d) => d.name === candidate.name).length === 1,
      );
      if (!deal) throw new Error('the demo tenant has no deal with a unique name');
      const page = await openSettings();
      const editor = page.getByTestId('automation-editor');
      const name = `E2E stage rule ${Date.now().toString(36)}`;
      await editor.getByLabel('Name', { exact: true }).fill(name);
      await chooseOptions(editor, 'When', ['Stage entered']);
      const stageLabel = `${pipeline.nameEn} · ${stage.nameEn}`;
      await chooseOptions(editor, 'Stage', [stageLabel], stage.nameEn);

      // One condition row: the amount is at least 1,000.00 CNY.
      await editor.getByRole('button', { name: 'Add condition' }).click();
      const condition = editor.getByTestId('condition-0');
      await chooseOptions(condition, 'Condition', ['Amount']);
      await chooseOptions(condition, 'Operator', ['at least']);
      await condition.getByLabel('Amount', { exact: true }).fill('1000');
      await chooseOptions(condition, 'Currency', ['CNY']);

      // The blank rule's notify card becomes a task; a second card notifies the manager.
      const task = editor.getByTestId('action-0');
      await chooseOptions(task, 'Action', ['Create task']);
      await task.getByLabel('Title', { exact: true }).fill('Upload the proposal');
      await task.getByLabel('Due in (days)', { exact: true }).fill('5');
      await editor.getByRole('button', { name: 'Add action' }).click();
      const notify = editor.getByTestId('action-1');
      await chooseOptions(notify, 'Action', ['Notify']);
      await chooseOptions(notify, 'Recipient', ["Owner's manager"]);
      await notify.getByLabel('Message', { exact: true }).fill('Proposal stage reached');

      // A field no set_field may write: the server refuses it, and says so under that input.
      await editor.getByRole('button', { name: 'Add action' }).click();
      const bad = editor.getByTestId('action-2');
      await chooseOptions(bad, 'Action', ['Set field']);
      await bad.getByLabel('Field to set', { exact: true }).fill('bogus');
      await editor.getByRole('button', { name: 'Save rule' }).click();
      await bad.locator('.ant-form-item-explain-error').first().waitFor();
      await bad.getByRole('button', { name: 'Remove' }).click();
      await editor.getByRole('button', { name: 'Save rule' }).click();
      await page.getByTestId('automation-rules').getByText(name).waitFor();

      const rules = await admin.get<Rule[]>('/api/v1/automation/rules');
      const saved = rules.body.find((rule) => rule.name === name);
      expect(saved).toBeDefined();
      expect({
        trigger: saved?.trigger,
        conditions: saved?.conditions,
        actions: saved?.actions,
      }).toStrictEqual({
        trigger: { type: 'stage_entered', stageId: stage.id },
        conditions: [{ kind: 'amount', op: 'gte', amountMinor: 100_000, currency: 'CNY' }],
        actions: [
          {
            type: 'create_task',
            title: 'Upload the proposal',
            dueInDays: 5,
            assignee: { to: 'owner' },
          },
          { type: 'notify', recipient: { to: 'manager' }, message: 'Proposal stage reached' },
        ],
      });

      // The read-only JSON fold shows the same rule.
      await editor.getByText('Advanced: JSON (read-only)').click();
      await editor.getByTestId('automation-rule-json').getByText('"amountMinor": 100000').waitFor();

      // The dry run reads as words: the condition judged, the two planned actions.
      const dry = page.getByTestId('automation-dry-run');
      await chooseOptions(dry, 'Deal', [deal.name], deal.name);
      await dry.getByRole('button', { name: 'Dry run' }).click();
      const result = page.getByTestId('automation-dry-run-result');
      await result.getByTestId('dry-condition-0').getByText('Amount at least').waitFor();
      await result.getByText('Create task "Upload the proposal", due in 5 days').waitFor();
      await result.getByText('Notify: "Proposal stage reached"', { exact: false }).waitFor();
      await expect(result.getByText('{').count()).resolves.toBe(0);
      await screenshot(page, 'automation-rule-editor');

      // In Chinese, the same editor offers its condition kinds and actions in Chinese.
      const zh = await openSettings('zh-CN');
      const zhEditor = zh.getByTestId('automation-editor');
      await zhEditor.getByRole('button', { name: '添加条件' }).click();
      await zhEditor.getByTestId('condition-0').getByText('字段比较').waitFor();
      await zhEditor.getByTestId('action-0').getByText('发送通知').waitFor();
      await zh.close();
    },
    JOURNEY_TIMEOUT,
  );
});
