import { existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import {
  chooseOptions,
  browserSkipped,
  screenshot,
  signIn,
  startBrowserSuite,
  UI_TIMEOUT,
} from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';

/**
 * The Settings sections the accounts suite leaves out, each change made in Chromium and read
 * back from the API: a user created with a role and team then disabled, a team under a
 * parent with a manager, a pipeline's scorecard, a lead-scoring rule, a pool's claim limit
 * (with the server's refusal shown under the field) and an assignment rule.
 */
/** A whole user journey on a busy 2-core machine: several page loads, each up to UI_TIMEOUT. */
const JOURNEY_TIMEOUT = 120_000;

interface Page_<T> {
  items: T[];
}
interface User {
  id: string;
  name: string;
  email: string;
  role: string;
  teamId: string | null;
  status: string;
}
interface Team {
  id: string;
  name: string;
  parentId: string | null;
  managerId: string | null;
}
interface Pipeline {
  id: string;
  isDefault: boolean;
  scorecard: {
    dimensions: { key: string; nameZh: string; nameEn: string; weight: number }[];
  } | null;
}
interface Pool {
  id: string;
  name: string;
  version: number;
  rules: { claimLimit: number | null };
}
interface Problem {
  errors: { path: string; message: string }[];
}

describe.skipIf(browserSkipped)('more settings in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;

  beforeAll(async () => {
    // Settings need people and teams, not deals: the smallest demo tenant will do.
    ui = await startBrowserSuite({ opportunities: 10 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
  });

  afterAll(async () => {
    await ui?.close();
  });

  async function items<T>(path: string): Promise<T[]> {
    const response = await admin.get<Page_<T>>(path);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  /** Opens a Settings section signed in as the administrator, in English. */
  async function section(path: string, title: string): Promise<Page> {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('en-US', `/settings/${path}`);
    page.setDefaultNavigationTimeout(3 * UI_TIMEOUT);
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page
      .locator('h2', { hasText: title })
      .first()
      .waitFor({ timeout: 3 * UI_TIMEOUT });
    return page;
  }

  /**
   * Picks an option of an antd Select (found by its label) by the option's title; a searchable
   * one is filtered first (its list is virtual: far options are not in the page).
   */
  async function choose(
    scope: Locator,
    label: string,
    option: string,
    search?: string,
  ): Promise<void> {
    await chooseOptions(scope, label, [option], search);
  }

  it(
    'creates a user with a role and a team, then disables them',
    async () => {
      const [team] = await items<Team>('/api/v1/teams?limit=200&sort=name');
      if (!team) throw new Error('the demo tenant has no team');
      const page = await section('users', 'Create a user');
      const form = page.locator('form#user-create');
      const email = `e2e.manager@${DEMO.domain}`;
      await form.getByLabel('Name', { exact: true }).fill('E2E Manager');
      await form.getByLabel('E-mail', { exact: true }).fill(email);
      await form.getByLabel('Initial password', { exact: true }).fill('E2e-Password-2026!');
      await choose(form, 'Role', 'Manager');
      await choose(form, 'Team', team.name);
      await form.getByRole('button', { name: 'Create' }).click();

      const row = page.locator('tr', { hasText: email });
      await row.waitFor();
      const created = (await items<User>('/api/v1/users?limit=200')).find((u) => u.email === email);
      expect(created).toMatchObject({
        name: 'E2E Manager',
        role: 'manager',
        teamId: team.id,
        status: 'active',
      });

      await row.getByRole('button', { name: 'Disable' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Disable: E2E Manager').waitFor();
      await dialog.getByRole('button', { name: 'Disable' }).click();
      await row.getByText('Disabled', { exact: true }).waitFor();
      const after = await admin.get<User>(`/api/v1/users/${created?.id ?? ''}`);
      expect(after.body.status).toBe('disabled');
      expect(existsSync(await screenshot(page, 'settings-users'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'creates a team under a parent with a manager',
    async () => {
      const teams = await items<Team>('/api/v1/teams?limit=200&sort=name');
      const parent = teams.find((t) => t.parentId === null);
      const users = await items<User>('/api/v1/users?limit=200&status=active');
      const manager = users.find((u) => u.role === 'manager') ?? users[0];
      if (!parent || !manager) throw new Error('the demo tenant has no top team or manager');
      const page = await section('teams', 'Add a team');
      const form = page.locator('form#team-create');
      await form.getByLabel('Name', { exact: true }).fill('E2E Squad');
      await choose(form, 'Parent team', parent.name);
      await choose(form, 'Manager', `${manager.name} <${manager.email}>`, manager.email);
      await form.getByRole('button', { name: 'Add' }).click();

      await page.getByTestId('team-tree').locator('tr', { hasText: 'E2E Squad' }).waitFor();
      const created = (await items<Team>('/api/v1/teams?limit=200')).find(
        (t) => t.name === 'E2E Squad',
      );
      expect(created).toMatchObject({ parentId: parent.id, managerId: manager.id });
      expect(existsSync(await screenshot(page, 'settings-teams'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'gives the default pipeline its own scorecard',
    async () => {
      const page = await section('scorecards', 'Scorecards');
      const form = page.locator('form#scorecard');
      const before = (await items<Pipeline>('/api/v1/pipelines')).find((p) => p.isDefault);
      const start = before?.scorecard?.dimensions.length ?? 0;
      await form.getByRole('button', { name: 'Add a dimension' }).click();
      const last = (label: string) => form.getByLabel(label, { exact: true }).nth(start);
      await last('Key').fill('e2e_fit');
      await last('Chinese name').fill('方案契合度');
      await last('English name').fill('Solution fit');
      await last('Weight').fill('35');
      await form.getByRole('button', { name: 'Save' }).click();

      await expect
        .poll(
          async () =>
            (await items<Pipeline>('/api/v1/pipelines')).find((p) => p.isDefault)?.scorecard
              ?.dimensions[start],
          { timeout: UI_TIMEOUT },
        )
        .toEqual({ key: 'e2e_fit', nameZh: '方案契合度', nameEn: 'Solution fit', weight: 35 });
      expect(existsSync(await screenshot(page, 'settings-scorecards'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'adds a lead-scoring rule and the server re-scores the leads',
    async () => {
      const before = await admin.get<{ rules: unknown[] }>('/api/v1/lead-scoring');
      const page = await section('lead-scoring', 'Lead scoring');
      const form = page.locator('form#lead-scoring');
      await form.getByRole('button', { name: 'Add a rule' }).click();
      await form.getByLabel('Points', { exact: true }).last().fill('7');
      await form.getByRole('button', { name: 'Save' }).click();
      await page
        .getByRole('status')
        .getByText(/^Saved; \d+ leads were re-scored\.$/)
        .waitFor();

      const after = await admin.get<{ isDefault: boolean; rules: unknown[] }>(
        '/api/v1/lead-scoring',
      );
      expect(after.body.isDefault).toBe(false);
      expect(after.body.rules).toHaveLength(before.body.rules.length + 1);
      expect(after.body.rules.at(-1)).toEqual({ kind: 'source', source: 'website', points: 7 });
      expect(existsSync(await screenshot(page, 'settings-lead-scoring'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "sets a pool's claim limit, showing the server's refusal under the field",
    async () => {
      const [pool] = await items<Pool>('/api/v1/pools?limit=200');
      if (!pool) throw new Error('the demo tenant has no pool');
      // What the server says about a negative limit (refused, so nothing changes).
      const refused = await admin.patch<Problem>(`/api/v1/pools/${pool.id}`, {
        version: pool.version,
        rules: { claimLimit: -1 },
      });
      expect(refused.status).toBe(400);
      const message = refused.body.errors.find((e) => e.path === 'rules/claimLimit')?.message;
      expect(message).toBeTruthy();

      const page = await section('pools', pool.name);
      const limit = page.locator(`#pool-${pool.id}-limit`);
      const item = page.locator('.ant-form-item', { has: limit });
      await limit.fill('-1');
      await page.locator(`form#pool-${pool.id}`).getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => item.locator('.ant-form-item-explain-error').textContent())
        .toBe(message);

      await limit.fill('3');
      await page.locator(`form#pool-${pool.id}`).getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').getByText('Saved').first().waitFor();
      const saved = await admin.get<Pool>(`/api/v1/pools/${pool.id}`);
      expect(saved.body.rules.claimLimit).toBe(3);
      expect(existsSync(await screenshot(page, 'settings-pools'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'adds an assignment rule routing a region to a rep',
    async () => {
      const reps = await items<User>('/api/v1/users?limit=200&status=active');
      const rep = reps.find((u) => u.role === 'rep');
      if (!rep) throw new Error('the demo tenant has no rep');
      const before = await items<{ name: string }>('/api/v1/assignment-rules');
      const page = await section('assignment', 'Assignment rules');
      const form = page.locator('form#assignment-rules');
      await form.getByRole('button', { name: 'Add a rule' }).click();
      const card = form.locator('.ant-card', { hasText: `Rule ${before.length + 1}` });
      await card.getByLabel('Name', { exact: true }).fill('E2E east');
      await choose(card, 'Reps', `${rep.name} <${rep.email}>`, rep.email);
      await page.keyboard.press('Escape');
      await card.getByLabel('Regions', { exact: true }).fill('华东');
      await page.keyboard.press('Enter');
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').getByText('Saved').waitFor();

      const after = await items<{
        name: string;
        userIds: string[];
        when: Record<string, string[]>;
        strategy: string;
        active: boolean;
      }>('/api/v1/assignment-rules');
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)).toMatchObject({
        name: 'E2E east',
        userIds: [rep.id],
        when: { region: ['华东'] },
        strategy: 'round_robin',
        active: true,
      });
      expect(existsSync(await screenshot(page, 'settings-assignment'))).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );
});
