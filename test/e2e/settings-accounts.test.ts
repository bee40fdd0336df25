import { existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
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
 * Accounts and Settings in Chromium, every screen checked against the API: the customer
 * tree and an account's 360° page (edit, stale version), a pipeline stage edited in the
 * form editor, pipeline YAML export and import (the server's line-numbered errors), a new
 * close reason, an API token shown once and revoked, and Settings hidden from a rep.
 */
const REP = `rep1.east@${DEMO.domain}`;
/** A whole user journey on a busy 2-core machine: many page loads, each up to UI_TIMEOUT. */
const JOURNEY_TIMEOUT = 150_000;

interface Page_<T> {
  items: T[];
  nextCursor: string | null;
}
interface Account {
  id: string;
  name: string;
  parentId: string | null;
  ownerId: string | null;
  version: number;
  region: string | null;
}
interface Contact {
  id: string;
  name: string;
  accountId: string;
  decisionRole: string | null;
  attitude: string;
}
interface Stage {
  id: string;
  key: string;
  nameEn: string;
  nameZh: string;
  probability: number;
}
interface Pipeline {
  id: string;
  key: string;
  nameEn: string;
  isDefault: boolean;
  version: number;
  stages: Stage[];
}
interface Problem {
  code: string;
  detail: string;
  errors: { path: string; message: string; line?: number; column?: number }[];
}

describe.skipIf(browserSkipped)('accounts and settings in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 40 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
  });

  afterAll(async () => {
    await ui?.close();
  });

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  async function heading(page: Page, text: string | RegExp): Promise<void> {
    await page.locator('h1', { hasText: text }).waitFor({ timeout: 3 * UI_TIMEOUT });
  }

  /** Opens `path` signed in as `email` (the sign-in page keeps the target). */
  async function openAs(locale: string, email: string, path: string): Promise<Page> {
    const page = await suite().open(locale, path);
    // Page loads on a shared 2-core machine can take longer than one interaction.
    page.setDefaultNavigationTimeout(3 * UI_TIMEOUT);
    await signIn(page, email, DEMO.password);
    return page;
  }

  async function attributes(list: Locator, name: string): Promise<(string | null)[]> {
    return Promise.all((await list.all()).map((item) => item.getAttribute(name)));
  }

  async function defaultPipeline(): Promise<Pipeline> {
    const list = await admin.get<Page_<Pipeline>>('/api/v1/pipelines');
    const pipeline = list.body.items.find((p) => p.isDefault);
    if (!pipeline) throw new Error('no default pipeline');
    return pipeline;
  }

  it(
    'shows the customer tree and an account 360 page as the API returns them',
    async () => {
      const roots = await admin.get<Page_<Account>>(
        '/api/v1/accounts?topLevel=true&limit=100&sort=name',
      );
      expect(roots.status).toBe(200);
      expect(roots.body.items.length).toBeGreaterThan(0);
      const all = await admin.get<Page_<Account>>('/api/v1/accounts?limit=200');
      const child = all.body.items.find((a) => a.parentId !== null);
      if (!child?.parentId) throw new Error('the demo tenant has no subsidiary');
      const siblings = await admin.get<Page_<Account>>(
        `/api/v1/accounts?parentId=${child.parentId}&limit=200&sort=name`,
      );

      const page = await openAs('en-US', DEMO.adminEmail, '/accounts');
      await heading(page, 'Accounts');
      const tree = page.getByTestId('account-tree');
      await tree.locator('a[data-account]').first().waitFor();
      const shownRoots = await attributes(tree.locator('a[data-account]'), 'data-account');
      expect(shownRoots).toEqual(roots.body.items.map((a) => a.id));

      // Opening a group loads its subsidiaries (the parent may itself be a subsidiary: open
      // the path from its root down).
      const byId = new Map(all.body.items.map((a) => [a.id, a]));
      const path: string[] = [];
      for (
        let at = byId.get(child.parentId);
        at;
        at = at.parentId ? byId.get(at.parentId) : undefined
      ) {
        path.unshift(at.id);
      }
      for (const id of path) {
        const node = tree.locator('.ant-tree-treenode', {
          has: page.locator(`a[data-account="${id}"]`),
        });
        await node.locator('.ant-tree-switcher').click();
      }
      await tree.locator(`a[data-account="${child.id}"]`).waitFor();
      for (const sibling of siblings.body.items) {
        expect(await tree.locator(`a[data-account="${sibling.id}"]`).textContent()).toBe(
          sibling.name,
        );
      }

      // The 360 page of an account with deals and contacts.
      const deals = await admin.get<Page_<{ accountId: string }>>(
        '/api/v1/opportunities?limit=200',
      );
      const accountId = deals.body.items[0]?.accountId ?? '';
      const account = (await admin.get<Account>(`/api/v1/accounts/${accountId}`)).body;
      const accountDeals = await admin.get<Page_<{ id: string }>>(
        `/api/v1/opportunities?accountId=${accountId}&limit=100`,
      );
      const contacts = await admin.get<Page_<Contact>>(
        `/api/v1/contacts?accountId=${accountId}&limit=200&sort=name`,
      );
      const owner = account.ownerId
        ? (await admin.get<{ name: string }>(`/api/v1/users/${account.ownerId}`)).body.name
        : '—';

      await page.goto(`/accounts/${accountId}`);
      await heading(page, account.name);
      const dealRows = page.getByTestId('account-opportunities').locator('tbody tr.ant-table-row');
      await dealRows.first().waitFor();
      expect(await dealRows.count()).toBe(accountDeals.body.items.length);
      const contactCard = page.getByTestId('account-contacts');
      if (contacts.body.items.length > 0) {
        await contactCard.locator('tbody tr.ant-table-row').first().waitFor();
        const names = await contactCard
          .locator('tbody tr.ant-table-row td:first-child')
          .allTextContents();
        expect(names).toEqual(contacts.body.items.map((c) => c.name));
      }
      await expect
        .poll(() => page.getByTestId('account-owner').textContent(), { timeout: UI_TIMEOUT })
        .toBe(owner);

      // Edit the details with the version read: the API has the change.
      const details = page.getByTestId('account-details');
      await details.getByLabel('Region', { exact: true }).fill('华东-E2E');
      await details.getByRole('button', { name: 'Save' }).click();
      await details.getByText('Saved.').waitFor();
      const saved = (await admin.get<Account>(`/api/v1/accounts/${accountId}`)).body;
      expect(saved).toMatchObject({ region: '华东-E2E', version: account.version + 1 });

      // Someone else saves in between: the server's 409 is shown, reload takes their version.
      const other = await admin.patch<Account>(`/api/v1/accounts/${accountId}`, {
        version: saved.version,
        region: '华南',
      });
      expect(other.status).toBe(200);
      await details.getByLabel('Region', { exact: true }).fill('华北');
      await details.getByRole('button', { name: 'Save' }).click();
      const conflict = page.getByTestId('account-save-error');
      await conflict.waitFor();
      expect(await conflict.getAttribute('data-code')).toBe('version_conflict');
      await details.getByRole('button', { name: 'Reload the latest version' }).click();
      await expect
        .poll(() => details.getByLabel('Region', { exact: true }).inputValue())
        .toBe('华南');
      expect((await admin.get<Account>(`/api/v1/accounts/${accountId}`)).body.region).toBe('华南');
      expect(existsSync(await screenshot(page, 'account-360'))).toBe(true);

      // A contact's page: role and attitude as the API has them.
      const contact = contacts.body.items.find((c) => c.decisionRole !== null);
      if (contact) {
        await contactCard.getByRole('link', { name: contact.name, exact: true }).first().click();
        await heading(page, contact.name);
        const roles: Record<string, string> = {
          decision_maker: 'Decision maker',
          influencer: 'Influencer',
          user: 'User',
          gatekeeper: 'Gatekeeper',
          champion: 'Champion',
        };
        expect(await page.getByTestId('contact-role').textContent()).toBe(
          roles[contact.decisionRole ?? ''],
        );
        await page.goBack();
        await heading(page, account.name);
      }

      // Chinese: the same page, translated.
      await page.getByTestId('language').click();
      await page
        .getByTestId('account-opportunities')
        .getByRole('heading', { name: '商机' })
        .waitFor();
      await page.getByTestId('account-details').getByLabel('地区', { exact: true }).waitFor();
      expect(existsSync(await screenshot(page, 'account-360-zh'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "edits a stage's name and probability in the form editor, with the server's field errors",
    async () => {
      const before = await defaultPipeline();
      const stage = before.stages[1];
      if (!stage) throw new Error('the pipeline has no second stage');

      const page = await openAs('en-US', DEMO.adminEmail, '/settings/pipelines');
      await heading(page, 'Settings');
      const editor = page.getByTestId('pipeline-editor');
      await editor.getByTestId(`stage-header-${stage.key}`).click();
      const fields = editor.getByTestId('stage-1');
      const probability = fields.getByLabel('Probability (%)', { exact: true });
      await probability.waitFor();

      // Out of range: the server refuses, and its message stands next to the field.
      await probability.fill('150');
      await editor.getByRole('button', { name: 'Save', exact: true }).click();
      const fieldError = fields.locator('.ant-form-item-has-error .ant-form-item-explain-error');
      await fieldError.first().waitFor();
      expect((await defaultPipeline()).version).toBe(before.version);

      // The stage's own name comes first; its key actions have names too.
      await fields.getByLabel('English name', { exact: true }).first().fill('Need confirmed (E2E)');
      await probability.fill('35');
      // Leave the number field (it commits on blur too) and see the new value before saving:
      // under load a click right after typing once sent the refused 150 again.
      await probability.press('Tab');
      await expect.poll(() => probability.inputValue()).toBe('35');
      await editor.getByRole('button', { name: 'Save', exact: true }).click();
      await editor.getByText('Saved.').waitFor();
      // The earlier verdict was about the old value: it is gone.
      expect(await fieldError.count()).toBe(0);
      const after = await defaultPipeline();
      expect(after.version).toBe(before.version + 1);
      expect(after.stages[1]).toMatchObject({
        id: stage.id,
        nameEn: 'Need confirmed (E2E)',
        nameZh: stage.nameZh,
        probability: 35,
      });
      expect(await editor.getByTestId(`stage-header-${stage.key}`).textContent()).toContain(
        'Need confirmed (E2E)',
      );

      // Tablet width: the settings page does not overflow sideways.
      await page.setViewportSize({ width: 768, height: 1024 });
      await expect
        .poll(() => page.evaluate<number>('document.documentElement.scrollWidth'))
        .toBeLessThanOrEqual(768);
      expect(existsSync(await screenshot(page, 'settings-pipeline'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'exports the pipeline YAML, shows the line of a broken file, and imports a valid one',
    async () => {
      const pipeline = await defaultPipeline();
      const exported = await admin.get<string>(
        `/api/v1/pipelines/${pipeline.id}/export?format=yaml`,
      );
      expect(exported.status).toBe(200);

      const page = await openAs('en-US', DEMO.adminEmail, '/settings/pipelines');
      await heading(page, 'Settings');
      await page.getByTestId('pipeline-export').click();
      const text = page.getByTestId('pipeline-file-text');
      await expect.poll(() => text.inputValue(), { timeout: UI_TIMEOUT }).toBe(exported.body);

      // A broken file: what the server says about it, line by line, is what the page lists.
      const broken = exported.body.replace(/^nameEn: .*$/m, 'nameEn: [unclosed');
      const refused = await admin.request<Problem>(
        'PUT',
        `/api/v1/pipeline-files/${pipeline.key}`,
        undefined,
        { rawBody: broken, headers: { 'content-type': 'application/yaml' } },
      );
      expect(refused.status).toBe(422);
      const lines = refused.body.errors.map((e) => e.line);
      expect(lines.every((line) => typeof line === 'number')).toBe(true);
      await text.fill(broken);
      await page.getByRole('button', { name: 'Import (apply) the file' }).click();
      const error = page.getByTestId('pipeline-file-error');
      await error.waitFor();
      const shown = (await attributes(error.locator('li'), 'data-line')).map(Number);
      expect(shown).toEqual(lines);
      const first = refused.body.errors[0];
      expect(await error.locator('li').first().textContent()).toContain(
        `Line ${String(first?.line)}, column ${String(first?.column)}:`,
      );
      expect((await defaultPipeline()).version).toBe(pipeline.version);

      // A valid file applies: the API has the new name.
      const valid = exported.body.replace(/^nameEn: .*$/m, 'nameEn: B2B process (imported)');
      await text.fill(valid);
      await page.getByRole('button', { name: 'Import (apply) the file' }).click();
      await page.getByTestId('pipeline-file-applied').waitFor();
      expect(await error.count()).toBe(0);
      const applied = await defaultPipeline();
      expect(applied).toMatchObject({
        nameEn: 'B2B process (imported)',
        version: pipeline.version + 1,
      });
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'adds a close reason, with the server judging the form',
    async () => {
      const page = await openAs('zh-CN', DEMO.adminEmail, '/settings/close-reasons');
      await heading(page, '设置');
      const form = page.locator('form#close-reason');
      // Nothing filled in: the server's 400 names the fields, shown next to them.
      await form.getByRole('button', { name: '添加' }).click();
      await form.locator('.ant-form-item-has-error').first().waitFor();

      await form.getByLabel('标识', { exact: true }).fill('e2e_budget_cut');
      await form.getByLabel('中文名称', { exact: true }).fill('预算削减');
      await form.getByLabel('英文名称', { exact: true }).fill('Budget cut');
      await form.getByRole('button', { name: '添加' }).click();
      await page
        .getByTestId('close-reasons-lost')
        .locator('tr[data-key="e2e_budget_cut"]')
        .waitFor();
      const reasons =
        await admin.get<{ key: string; outcome: string; nameZh: string; active: boolean }[]>(
          '/api/v1/close-reasons',
        );
      expect(reasons.body.find((r) => r.key === 'e2e_budget_cut')).toMatchObject({
        outcome: 'lost',
        nameZh: '预算削减',
        active: true,
      });
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'creates an API token that is shown once, then revokes it',
    async () => {
      const page = await openAs('en-US', DEMO.adminEmail, '/settings/tokens');
      await page.getByLabel('Token name', { exact: true }).fill('E2E integration');
      await page.locator('form#api-token').getByRole('button', { name: 'Create a token' }).click();
      const secret = page.getByTestId('token-secret');
      await secret.waitFor();
      const token = ((await secret.locator('code').textContent()) ?? '').trim();
      expect(token).toMatch(/^pwt_/);

      const integration = new ApiClient(suite().server().url);
      integration.bearer = token;
      const me = await integration.get<{ user: { email: string } }>('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe(DEMO.adminEmail);

      // Shown once: leaving and coming back lists the token without its secret.
      await page.getByRole('link', { name: 'Teams' }).click();
      await page.getByTestId('team-tree').waitFor();
      await page.getByRole('link', { name: 'API tokens' }).click();
      const row = page.getByTestId('token-list').locator('tr', { hasText: 'E2E integration' });
      await row.waitFor();
      expect(await page.getByTestId('token-secret').count()).toBe(0);
      expect(await page.content()).not.toContain(token);

      await row.getByRole('button', { name: 'Revoke: E2E integration' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke' }).click();
      await expect
        .poll(async () => (await integration.get('/api/v1/me')).status, { timeout: UI_TIMEOUT })
        .toBe(401);
      // The list keeps the token, marked revoked (and offers no second revoke).
      await row.getByText('Revoked', { exact: true }).waitFor();
      expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
      const listed =
        await admin.get<{ name: string; revokedAt: string | null }[]>('/api/v1/me/tokens');
      const revoked = listed.body.filter((t) => t.name === 'E2E integration');
      expect(revoked).toHaveLength(1);
      expect(revoked[0]?.revokedAt).not.toBeNull();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'hides Settings from a rep and answers not found at /settings, in both languages',
    async () => {
      const page = await openAs('en-US', REP, '/settings/pipelines');
      await heading(page, 'Page not found');
      expect(
        await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).count(),
      ).toBe(0);
      expect(
        await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).count(),
      ).toBe(1);
      await page.getByTestId('language').click();
      await heading(page, '页面不存在');
      expect(await page.getByRole('navigation').getByRole('link', { name: '设置' }).count()).toBe(
        0,
      );
      await page.goto('/settings');
      await heading(page, '页面不存在');
    },
    JOURNEY_TIMEOUT,
  );
});
