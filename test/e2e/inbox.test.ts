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
 * The inbox in Chromium: a notice given to a rep shows in the header's badge and the inbox,
 * marking it read clears the badge, and notification settings save (checked over the API).
 */
const REP = `rep1.east@${DEMO.domain}`;

interface Preferences {
  channels: Record<string, string[]>;
  quietHours: { start: string; end: string; days: number[] } | null;
}

describe.skipIf(browserSkipped)('inbox in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let rep: ApiClient;
  const leadName = `收件箱测试 ${Date.now()}`;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 10 });
    const url = ui.server().url;
    const admin = await new ApiClient(url).signIn(DEMO.adminEmail, DEMO.password);
    rep = await new ApiClient(url).signIn(REP, DEMO.password);
    // Start from an empty badge: whatever the demo left unread is read now.
    expect((await rep.post('/api/v1/notifications/read-all')).status).toBe(200);
    const me = await rep.get<{ user: { id: string } }>('/api/v1/me');
    const pools = await admin.get<{ items: { id: string; isDefault: boolean }[] }>('/api/v1/pools');
    const poolId = pools.body.items.find((pool) => pool.isDefault)?.id;
    const lead = await admin.post<{ id: string; version: number }>('/api/v1/leads', {
      name: leadName,
      source: 'website',
      poolId,
    });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const assigned = await admin.post(`/api/v1/leads/${lead.body.id}/ownership`, {
      version: lead.body.version,
      action: 'assign',
      toUserId: me.body.user.id,
      reason: 'e2e',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  });

  afterAll(async () => {
    await ui?.close();
  });

  const badge = (page: Page) => page.getByTestId('inbox-badge');

  it('shows the notice and the badge, clears it when read, and saves settings', async () => {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('en-US', '/inbox');
    await signIn(page, REP, DEMO.password);
    await page.locator('h1', { hasText: 'Inbox' }).waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => badge(page).getAttribute('aria-label')).toBe('Inbox, 1 unread');

    const notice = page.getByTestId('inbox-list').locator('[data-kind="assigned"]', {
      hasText: leadName,
    });
    await notice.waitFor();
    expect(await notice.getByRole('link', { name: 'Open' }).getAttribute('href')).toMatch(
      /^\/leads\/[0-9a-f-]+$/,
    );
    await screenshot(page, 'inbox');
    await notice.getByTestId('read-one').click();
    await expect.poll(() => badge(page).getAttribute('aria-label')).toBe('Inbox, 0 unread');
    await page.getByText('No notifications here.').waitFor();

    const panel = page.getByTestId('notification-preferences');
    await panel.locator('[data-group="follow_up"]').check();
    await panel.getByTestId('quiet-switch').click();
    await chooseOptions(panel, 'From', ['22:00']);
    await chooseOptions(panel, 'Until', ['07:30']);
    await panel.getByTestId('save-preferences').click();
    await page.getByText('Notification settings saved').waitFor();
    const saved = await rep.get<Preferences>('/api/v1/notification-preferences');
    expect(saved.body.channels.follow_up).toEqual(['email']);
    expect(saved.body.channels.escalation).toEqual([]);
    expect(saved.body.quietHours).toEqual({ start: '22:00', end: '07:30', days: [] });
  });

  it('speaks Chinese', async () => {
    if (!ui) throw new Error('suite not set up');
    const page = await ui.open('zh-CN', '/inbox');
    await signIn(page, REP, DEMO.password);
    await page.locator('h1', { hasText: '消息' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('notification-preferences').getByText('通知设置').waitFor();
    await page.getByText('全部标为已读').waitFor();
  });
});
