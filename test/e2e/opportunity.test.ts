import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
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
 * The opportunity workspace in Chromium against the real server: the deal's stage, amount,
 * history and next-gate preview as the API returns them; a lost close with its review (from
 * the URL the board links to); an activity logged from the quick form; a key action ticked
 * with evidence; a reopen with its reason; Chinese and a tablet width. Every change is
 * checked through the API, not just on screen.
 */
/** A busy 2-core machine: each test signs in and loads a lazy chunk. */
const TEST_TIMEOUT = 120_000;

interface Stage {
  id: string;
  key: string;
  kind: 'open' | 'won' | 'lost';
  nameEn: string;
  nameZh: string;
}
interface Deal {
  id: string;
  name: string;
  status: 'open' | 'won' | 'lost';
  stageId: string;
  pipelineId: string;
  version: number;
  amount: { amountMinor: number; currency: string };
}
interface Guidance {
  stage: { id: string };
  actions: { key: string; nameEn: string; done: { evidence: { note?: string } } | null }[];
  next: { stage: { id: string }; unmet: { message: string }[] } | null;
}
interface HistoryEntry {
  stageId: string;
  fromStageId: string | null;
  leftAt: string | null;
  reason: string | null;
}
interface CloseReason {
  key: string;
  nameEn: string;
  outcome: 'won' | 'lost';
  active: boolean;
}
interface Page_<T> {
  items: T[];
}

describe.skipIf(browserSkipped)('opportunity workspace in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  let stages: Stage[] = [];
  let timeZone = 'UTC';
  /** An open deal whose stage has a key action not done yet and a next gate with gaps. */
  let worked: Deal;
  /** Open deals to close and to reopen. */
  let toLose: Deal;
  let toReopen: Deal;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 40 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
    timeZone = (await admin.get<{ timeZone: string }>('/api/v1/tenant')).body.timeZone;
    const open = await admin.get<Page_<Deal>>('/api/v1/opportunities?status=open&limit=200');
    const candidates: Deal[] = [];
    for (const deal of open.body.items) {
      const guidance = await admin.get<Guidance>(`/api/v1/opportunities/${deal.id}/guidance`);
      const undone = guidance.body.actions.some((action) => action.done === null);
      if (undone && (guidance.body.next?.unmet.length ?? 0) > 0) candidates.push(deal);
    }
    const others = open.body.items.filter((deal) => !candidates.includes(deal));
    const [first, second, third] = [...candidates, ...others];
    if (!first || !second || !third) throw new Error('the demo tenant has too few open deals');
    [worked, toLose, toReopen] = [first, second, third];
    expect(candidates.length).toBeGreaterThan(0);
    const pipeline = await admin.get<{ stages: Stage[] }>(`/api/v1/pipelines/${worked.pipelineId}`);
    stages = pipeline.body.stages;
  });

  afterAll(async () => {
    await ui?.close();
  });

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  async function openSignedIn(locale: string, path: string): Promise<Page> {
    const page = await suite().open(locale, path);
    await signIn(page, DEMO.adminEmail, DEMO.password);
    return page;
  }

  async function workspace(page: Page, deal: Deal): Promise<void> {
    await page
      .locator(`[data-testid=workspace][data-opportunity="${deal.id}"]`)
      .waitFor({ timeout: UI_TIMEOUT });
  }

  async function reload(deal: Deal): Promise<Deal> {
    return (await admin.get<Deal>(`/api/v1/opportunities/${deal.id}`)).body;
  }

  function stage(id: string): Stage {
    const found = stages.find((s) => s.id === id);
    if (!found) throw new Error(`no stage ${id}`);
    return found;
  }

  /** Picks options of the antd Select labelled `label` by their visible text. */
  const choose = (page: Page, label: string, options: string[]) =>
    chooseOptions(page, label, options);

  it(
    "shows the deal's stage, amount, history and next gate as the API returns them",
    async () => {
      const page = await openSignedIn('en-US', '/opportunities');
      await page.locator('h1', { hasText: 'Opportunities' }).waitFor();
      await page.getByLabel('Search deals by name').fill(worked.name);
      await page.getByLabel('Search deals by name').press('Enter');
      await page.getByTestId('deal-list').getByRole('link', { name: worked.name }).first().click();
      await workspace(page, worked);
      expect(new URL(page.url()).pathname).toBe(`/opportunities/${worked.id}`);

      const deal = await reload(worked);
      await page.locator('h1', { hasText: deal.name }).waitFor();
      const shownStage = page.getByTestId('deal-stage');
      expect(await shownStage.getAttribute('data-stage')).toBe(deal.stageId);
      expect(await shownStage.textContent()).toBe(stage(deal.stageId).nameEn);
      const amount = page.getByTestId('deal-amount');
      expect(Number(await amount.getAttribute('data-amount-minor'))).toBe(deal.amount.amountMinor);
      const format = new Intl.NumberFormat('en', {
        style: 'currency',
        currency: deal.amount.currency,
      });
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      expect(await amount.textContent()).toBe(
        format.format(deal.amount.amountMinor / 10 ** digits),
      );

      const history = await admin.get<Page_<HistoryEntry>>(
        `/api/v1/opportunities/${deal.id}/history`,
      );
      const rows = page.getByTestId('stage-history').locator('[data-history]');
      await rows.first().waitFor();
      const shown = await Promise.all(
        (await rows.all()).map((row) => row.getAttribute('data-stage')),
      );
      expect(shown).toEqual([...history.body.items].reverse().map((entry) => entry.stageId));

      // The next gate's gaps are the server's, word for word.
      const guidance = await admin.get<Guidance>(`/api/v1/opportunities/${deal.id}/guidance`);
      const unmet = page.getByTestId('next-gate').locator('li');
      await unmet.first().waitFor();
      expect(await unmet.allTextContents()).toEqual(
        guidance.body.next?.unmet.map((issue) => issue.message),
      );
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(existsSync(await screenshot(page, 'workspace'))).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'closes a deal as lost with a review, from the URL the board links to',
    async () => {
      const reasons = (await admin.get<CloseReason[]>('/api/v1/close-reasons')).body.filter(
        (reason) => reason.outcome === 'lost' && reason.active,
      );
      const picked = reasons.slice(0, 2);
      expect(picked).toHaveLength(2);

      const page = await openSignedIn('en-US', `/opportunities/${toLose.id}?close=lost`);
      await workspace(page, toLose);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Close as lost').first().waitFor();
      // Without a reason the server refuses, and says why.
      await dialog.getByRole('button', { name: 'Close the deal' }).click();
      await dialog.locator('[data-code=review_required]').waitFor();
      expect((await reload(toLose)).status).toBe('open');

      await choose(
        page,
        'Reasons',
        picked.map((reason) => reason.nameEn),
      );
      await dialog.getByLabel('Competitor').fill('Acme Rival');
      await dialog.getByLabel('Notes').fill('They matched our price and had a local team.');
      await dialog.getByRole('button', { name: 'Close the deal' }).click();
      await page.locator('[data-testid=deal-status][data-status=lost]').first().waitFor();
      await expect.poll(() => new URL(page.url()).searchParams.get('close')).toBeNull();

      const deal = await reload(toLose);
      expect(deal.status).toBe('lost');
      expect(stage(deal.stageId).kind).toBe('lost');
      const reviews = await admin.get<
        { outcome: string; reasons: string[]; competitor: string | null; notes: string | null }[]
      >(`/api/v1/opportunities/${deal.id}/reviews`);
      expect(reviews.body).toHaveLength(1);
      expect(reviews.body[0]?.outcome).toBe('lost');
      expect([...(reviews.body[0]?.reasons ?? [])].sort()).toEqual(
        picked.map((reason) => reason.key).sort(),
      );
      expect(reviews.body[0]?.competitor).toBe('Acme Rival');
      expect(reviews.body[0]?.notes).toBe('They matched our price and had a local team.');
      // The review is on the page too.
      await page.getByTestId('reviews').getByText('Acme Rival', { exact: false }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'logs an activity with a follow-up date and shows it in the timeline',
    async () => {
      const page = await openSignedIn('en-US', `/opportunities/${worked.id}`);
      await workspace(page, worked);
      const subject = `Site visit ${Date.now()}`;
      const form = page.locator('form#quick-log');
      await choose(page, 'Type', ['Visit']);
      await form.getByLabel('Subject').fill(subject);
      await form.getByLabel('Next follow-up').fill('2030-01-15');
      await form.getByLabel('Next follow-up').press('Enter');
      await form.getByRole('button', { name: 'Log' }).click();
      await page.getByTestId('timeline').getByText(subject).waitFor();

      const logged = await admin.get<
        Page_<{ subject: string; type: string; nextFollowUpAt: string | null }>
      >(`/api/v1/activities?opportunityId=${worked.id}&limit=200`);
      const activity = logged.body.items.find((item) => item.subject === subject);
      expect(activity?.type).toBe('visit');
      // The day picked, at 09:00 in the tenant's time zone.
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(activity?.nextFollowUpAt ?? 0));
      expect(parts).toBe('2030-01-15, 09');
    },
    TEST_TIMEOUT,
  );

  it(
    'ticks a key action with evidence',
    async () => {
      const before = await admin.get<Guidance>(`/api/v1/opportunities/${worked.id}/guidance`);
      const action = before.body.actions.find((item) => item.done === null);
      if (!action) throw new Error('no key action left to tick');
      const page = await openSignedIn('en-US', `/opportunities/${worked.id}`);
      await workspace(page, worked);
      const row = page.locator(`[data-action="${action.key}"]`);
      expect(await row.getAttribute('data-done')).toBe('false');
      await row.getByRole('checkbox').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Evidence (note)').fill('Two-hour needs interview with the CIO');
      await dialog.getByRole('button', { name: 'Mark done' }).click();
      await page.locator(`[data-action="${action.key}"][data-done=true]`).waitFor();

      const after = await admin.get<Guidance>(`/api/v1/opportunities/${worked.id}/guidance`);
      const ticked = after.body.actions.find((item) => item.key === action.key);
      expect(ticked?.done?.evidence.note).toBe('Two-hour needs interview with the CIO');
    },
    TEST_TIMEOUT,
  );

  it(
    'reopens a lost deal with a reason, back to the stage it was lost from',
    async () => {
      const lost = (await admin.get<CloseReason[]>('/api/v1/close-reasons')).body.find(
        (reason) => reason.outcome === 'lost' && reason.active,
      );
      const closed = await admin.post<Deal>(`/api/v1/opportunities/${toReopen.id}/close`, {
        outcome: 'lost',
        version: toReopen.version,
        reasons: [lost?.key],
      });
      expect(closed.status).toBe(200);
      const page = await openSignedIn('en-US', `/opportunities/${toReopen.id}`);
      await workspace(page, toReopen);
      await page.getByTestId('reopen').click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('form#reopen-deal').waitFor();
      // A move back needs a reason: the server refuses without one.
      await dialog.getByRole('button', { name: 'Reopen' }).click();
      await dialog.locator('[data-code=backward_move_needs_reason]').waitFor();
      await dialog.getByLabel('Reason').fill('The customer re-opened the tender');
      await dialog.getByRole('button', { name: 'Reopen' }).click();
      await page.locator('[data-testid=deal-status][data-status=open]').first().waitFor();

      const deal = await reload(toReopen);
      expect(deal.status).toBe('open');
      expect(deal.stageId).toBe(toReopen.stageId);
      const history = await admin.get<Page_<HistoryEntry>>(
        `/api/v1/opportunities/${deal.id}/history`,
      );
      const current = history.body.items.find((entry) => entry.leftAt === null);
      expect(current?.reason).toBe('The customer re-opened the tender');
      await page
        .getByTestId('stage-history')
        .getByText('The customer re-opened the tender', { exact: false })
        .waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'speaks Chinese, with the server’s gate texts in Chinese, and fits a tablet',
    async () => {
      const page = await openSignedIn('zh-CN', `/opportunities/${worked.id}`);
      await workspace(page, worked);
      const deal = await reload(worked);
      expect(await page.getByTestId('deal-stage').textContent()).toBe(stage(deal.stageId).nameZh);
      await page.getByRole('button', { name: '输单关闭' }).waitFor();
      await page.getByTestId('stage-path').locator('h2', { hasText: '阶段路径' }).waitFor();
      const zh = await new ApiClient(suite().server().url, 'zh-CN').signIn(
        DEMO.adminEmail,
        DEMO.password,
      );
      const guidance = await zh.get<Guidance>(`/api/v1/opportunities/${deal.id}/guidance`);
      const unmet = page.getByTestId('next-gate').locator('li');
      await unmet.first().waitFor();
      const expected = guidance.body.next?.unmet.map((issue) => issue.message) ?? [];
      expect(await unmet.allTextContents()).toEqual(expected);
      expect(expected.some((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true);
      expect(existsSync(await screenshot(page, 'workspace-zh'))).toBe(true);

      // A tablet: one column, nothing wider than the screen.
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.getByTestId('deal-details').waitFor();
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);

      // Switching to English re-renders the workspace, gate texts included.
      await page.getByTestId('language').click();
      await page.getByRole('button', { name: 'Close as lost' }).waitFor();
      expect(await page.getByTestId('deal-stage').textContent()).toBe(stage(deal.stageId).nameEn);
    },
    TEST_TIMEOUT,
  );
});
