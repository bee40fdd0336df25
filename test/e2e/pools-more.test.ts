import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import { browserSkipped, signIn, startBrowserSuite, UI_TIMEOUT } from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';
import type { Held, HistoryEntry } from '../support/pools.js';

/**
 * The pool steps besides claiming, in Chromium against the API: a manager releases a lead
 * with a reason, transfers one to a rep, assigns one from the public pool and re-activates
 * a dormant one. Each step is checked through the API: owner, pool, lifecycle and the
 * ownership history entry with the reason typed in the dialog.
 */
const MANAGER = `manager.east@${DEMO.domain}`;
const REP = `rep2.east@${DEMO.domain}`;
/** One test walks four dialogs on a busy 2-core machine. */
const TEST_TIMEOUT = 150_000;

describe.skipIf(browserSkipped)('pool ownership dialogs in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  let managerId = '';
  let repId = '';
  let poolId = '';
  const leads = { release: '', transfer: '', assign: '', reactivate: '' };

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 10 });
    const url = ui.server().url;
    admin = await new ApiClient(url).signIn(DEMO.adminEmail, DEMO.password);
    const me = async (email: string) =>
      (
        await (
          await new ApiClient(url).signIn(email, DEMO.password)
        ).get<{ user: { id: string } }>('/api/v1/me')
      ).body.user.id;
    managerId = await me(MANAGER);
    repId = await me(REP);
    const pools = await admin.get<{ items: { id: string; isDefault: boolean }[] }>('/api/v1/pools');
    const pool = pools.body.items.find((p) => p.isDefault);
    if (!pool) throw new Error('the demo tenant has no default pool');
    poolId = pool.id;
    for (const key of Object.keys(leads) as (keyof typeof leads)[]) {
      const lead = await admin.post<Held>('/api/v1/leads', {
        name: `池测试 ${key}`,
        company: `池测试公司 ${key}`,
        source: 'referral',
        poolId,
      });
      expect(lead.status, JSON.stringify(lead.body)).toBe(201);
      leads[key] = lead.body.id;
    }
    // The manager holds two of them; one rests in the dormant pool.
    for (const key of ['release', 'transfer'] as const) await step(key, 'assign', managerId);
    await step('reactivate', 'archive');
  });

  afterAll(async () => {
    await ui?.close();
  });

  async function step(key: keyof typeof leads, action: string, toUserId?: string): Promise<void> {
    const lead = await admin.get<Held>(`/api/v1/leads/${leads[key]}`);
    const moved = await admin.post(`/api/v1/leads/${leads[key]}/ownership`, {
      version: lead.body.version,
      action,
      reason: 'test setup',
      ...(toUserId ? { toUserId } : {}),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  /** The lead as the API has it now, and the last entry of its ownership history. */
  async function state(id: string): Promise<{ lead: Held; last: HistoryEntry | undefined }> {
    const lead = (await admin.get<Held>(`/api/v1/leads/${id}`)).body;
    const history = await admin.get<{ items: HistoryEntry[] }>(
      `/api/v1/leads/${id}/ownership-history`,
    );
    expect(history.status).toBe(200);
    const last = [...history.body.items].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
    return { lead, last };
  }

  /** Opens the row's dialog, picks the new owner if asked, types the reason, confirms. */
  async function runDialog(
    page: Page,
    table: string,
    id: string,
    button: string,
    reason: string,
    ownerEmail?: string,
  ): Promise<void> {
    const row = page.getByTestId(table).locator(`tr[data-lead="${id}"]`);
    await row.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (ownerEmail) {
      await dialog.getByLabel('New owner', { exact: true }).click();
      await page.keyboard.type(ownerEmail);
      await page
        .locator(`.ant-select-dropdown:visible .ant-select-item-option[title*="${ownerEmail}"]`)
        .click();
    }
    await dialog.getByLabel('Reason', { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The row leaves the table once the server has moved the lead.
    await row.waitFor({ state: 'detached' });
  }

  it(
    'releases, transfers, assigns and re-activates with the reason kept in the history',
    async () => {
      const page = await suite().open('en-US', '/pools?tab=private');
      await signIn(page, MANAGER, DEMO.password);
      await page.getByTestId('private-pool').locator(`tr[data-lead="${leads.release}"]`).waitFor();

      await runDialog(page, 'private-pool', leads.release, 'Release', '客户暂无预算');
      const released = await state(leads.release);
      expect(released.lead.ownerId).toBeNull();
      expect(released.lead.poolId).toBe(poolId);
      expect(released.last).toMatchObject({
        action: 'release',
        fromOwnerId: managerId,
        toOwnerId: null,
        toPoolId: poolId,
        reason: '客户暂无预算',
        actorId: managerId,
      });

      await runDialog(page, 'private-pool', leads.transfer, 'Transfer', '交给华东二组跟进', REP);
      const transferred = await state(leads.transfer);
      expect(transferred.lead.ownerId).toBe(repId);
      expect(transferred.last).toMatchObject({
        action: 'transfer',
        fromOwnerId: managerId,
        toOwnerId: repId,
        reason: '交给华东二组跟进',
        actorId: managerId,
      });

      await page.getByRole('tab', { name: 'Public pool' }).click();
      await page.getByTestId('public-pool').locator(`tr[data-lead="${leads.assign}"]`).waitFor();
      await runDialog(page, 'public-pool', leads.assign, 'Assign', '按区域分配', REP);
      const assigned = await state(leads.assign);
      expect(assigned.lead.ownerId).toBe(repId);
      expect(assigned.last).toMatchObject({
        action: 'assign',
        fromOwnerId: null,
        fromPoolId: poolId,
        toOwnerId: repId,
        reason: '按区域分配',
        actorId: managerId,
      });

      await page.getByRole('tab', { name: 'Dormant' }).click();
      await page
        .getByTestId('dormant-pool')
        .locator(`tr[data-lead="${leads.reactivate}"]`)
        .waitFor({ timeout: UI_TIMEOUT });
      await runDialog(page, 'dormant-pool', leads.reactivate, 'Re-activate', '客户重新询价');
      const reactivated = await state(leads.reactivate);
      expect(reactivated.lead.lifecycle).toBe('active');
      expect(reactivated.lead.ownerId).toBeNull();
      expect(reactivated.lead.poolId).toBe(poolId);
      expect(reactivated.last).toMatchObject({
        action: 'reactivate',
        fromLifecycle: 'dormant',
        toLifecycle: 'active',
        reason: '客户重新询价',
        actorId: managerId,
      });

      // The released and re-activated leads are claimable again in the public pool.
      await page.getByRole('tab', { name: 'Public pool' }).click();
      const open = page.getByTestId('public-pool');
      await open.locator(`tr[data-lead="${leads.release}"]`).waitFor();
      await open.locator(`tr[data-lead="${leads.reactivate}"]`).waitFor();
    },
    TEST_TIMEOUT,
  );
});
