import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import { browserSkipped, signIn, startBrowserSuite, UI_TIMEOUT } from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';

/**
 * Saved views and bulk tagging in Chromium against the API: the board's filters saved as a
 * view, the page reloaded, the view picked and the board equal to the board endpoint with
 * those filters, the view deleted; in the list view a tag added to two deals at once.
 */
const TEST_TIMEOUT = 120_000;
const VIEW_TAG = `视图标签${Date.now() % 100_000}`;

interface Deal {
  id: string;
  version: number;
  stageId: string;
  tags: string[];
}
interface Board {
  columns: { stageId: string; count: number }[];
  cards: { id: string; stageId: string }[];
  total: number;
}
interface SavedView {
  id: string;
  name: string;
  filters: Record<string, unknown>;
}

describe.skipIf(browserSkipped)('saved views and bulk tags in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  let pipelineId = '';

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 30 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
    const pipelines = await admin.get<{ items: { id: string; isDefault: boolean }[] }>(
      '/api/v1/pipelines',
    );
    const found = pipelines.body.items.find((p) => p.isDefault);
    if (!found) throw new Error('the demo tenant has no default pipeline');
    pipelineId = found.id;
    // Three open deals carry the tag the saved view filters on.
    const open = await admin.get<{ items: Deal[] }>(
      `/api/v1/opportunities?pipelineId=${pipelineId}&status=open&sort=-amount&limit=3`,
    );
    expect(open.body.items).toHaveLength(3);
    for (const deal of open.body.items) {
      const patched = await admin.patch(`/api/v1/opportunities/${deal.id}`, {
        version: deal.version,
        tags: [...deal.tags, VIEW_TAG],
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await ui?.close();
  });

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  async function savedViews(kind: string): Promise<SavedView[]> {
    const answer = await admin.get<{ items: SavedView[] }>(
      `/api/v1/saved-views?kind=${kind}&pipelineId=${pipelineId}&limit=200`,
    );
    expect(answer.status).toBe(200);
    return answer.body.items;
  }

  /** Every column's count as the board shows it, by stage. */
  async function shownCounts(page: Page): Promise<Record<string, number>> {
    const columns = await page.getByTestId('board-column').all();
    const entries = await Promise.all(
      columns.map(async (column) => [
        (await column.getAttribute('data-stage')) ?? '',
        Number(await column.getByTestId('column-count').getAttribute('data-count')),
      ]),
    );
    return Object.fromEntries(entries) as Record<string, number>;
  }

  it(
    'saves the filters as a view, applies it after a reload like the API’s board, deletes it',
    async () => {
      const filtered = await admin.get<Board>(
        `/api/v1/pipelines/${pipelineId}/board?tag=${encodeURIComponent(VIEW_TAG)}`,
      );
      expect(filtered.status).toBe(200);
      expect(filtered.body.total).toBe(3);
      const expected = Object.fromEntries(filtered.body.columns.map((c) => [c.stageId, c.count]));
      const unfiltered = (await admin.get<Board>(`/api/v1/pipelines/${pipelineId}/board`)).body;
      expect(unfiltered.total).toBeGreaterThan(3);

      const page = await suite().open('en-US', `/board?pipeline=${pipelineId}`);
      await signIn(page, DEMO.adminEmail, DEMO.password);
      await page.getByTestId('board').waitFor({ timeout: UI_TIMEOUT });
      await page.getByLabel('Tag', { exact: true }).fill(VIEW_TAG);
      await page.getByLabel('Tag', { exact: true }).press('Enter');
      await expect.poll(() => shownCounts(page), { timeout: UI_TIMEOUT }).toEqual(expected);

      const name = `只看${VIEW_TAG}`;
      await page.getByRole('button', { name: 'Save view' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name', { exact: true }).fill(name);
      await dialog.locator('.ant-btn-primary').click();
      await dialog.waitFor({ state: 'hidden' });
      const saved = (await savedViews('board')).find((view) => view.name === name);
      expect(saved?.filters).toEqual({ tag: VIEW_TAG });

      // A reload forgets the filters; picking the view brings them back.
      await page.reload();
      await page.getByTestId('board').waitFor({ timeout: UI_TIMEOUT });
      await expect
        .poll(() => shownCounts(page), { timeout: UI_TIMEOUT })
        .toEqual(Object.fromEntries(unfiltered.columns.map((c) => [c.stageId, c.count])));
      await page.getByLabel('Saved view', { exact: true }).click();
      await page.locator(`.ant-select-dropdown:visible [title="${name}"]`).click();
      await expect.poll(() => shownCounts(page), { timeout: UI_TIMEOUT }).toEqual(expected);
      expect(await page.getByLabel('Tag', { exact: true }).inputValue()).toBe(VIEW_TAG);
      for (const card of filtered.body.cards) {
        await page
          .locator(
            `[data-testid=board-column][data-stage="${card.stageId}"] [data-testid=board-card][data-card="${card.id}"]`,
          )
          .waitFor();
      }

      await page.getByRole('button', { name: 'Delete view' }).click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await expect
        .poll(async () => (await savedViews('board')).some((view) => view.name === name), {
          timeout: UI_TIMEOUT,
        })
        .toBe(false);
      await page.getByRole('button', { name: 'Delete view' }).waitFor({ state: 'detached' });

      // A view removed elsewhere meanwhile: the refused delete shows the server's answer.
      const other = await admin.post<SavedView>('/api/v1/saved-views', {
        kind: 'board',
        name: `另一个${VIEW_TAG}`,
        pipelineId,
        filters: { tag: VIEW_TAG },
        shared: false,
      });
      expect(other.status, JSON.stringify(other.body)).toBe(201);
      await page.reload();
      await page.getByTestId('board').waitFor({ timeout: UI_TIMEOUT });
      await page.getByLabel('Saved view', { exact: true }).click();
      await page.locator(`.ant-select-dropdown:visible [title="${other.body.name}"]`).click();
      expect((await admin.delete(`/api/v1/saved-views/${other.body.id}`)).status).toBe(204);
      const refused = await admin.delete<{ code: string; detail: string }>(
        `/api/v1/saved-views/${other.body.id}`,
      );
      expect(refused.status).toBe(404);
      await page.getByRole('button', { name: 'Delete view' }).click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      const problem = page.getByTestId('problem');
      await problem.waitFor();
      expect(await problem.getAttribute('data-code')).toBe(refused.body.code);
      expect(await problem.textContent()).toContain(refused.body.detail);
    },
    TEST_TIMEOUT,
  );

  it(
    'adds a tag to two selected deals in the list view; the board then shows it on their cards',
    async () => {
      const tag = `批量${Date.now() % 100_000}`;
      // The top card of two columns: visible on the board without scrolling.
      const board = (await admin.get<Board>(`/api/v1/pipelines/${pipelineId}/board`)).body;
      const tops = board.columns
        .filter((column) => column.count > 0)
        .slice(0, 2)
        .map((column) => board.cards.find((c) => c.stageId === column.stageId)?.id ?? '');
      expect(tops).toHaveLength(2);
      const before = await Promise.all(
        tops.map(async (id) => (await admin.get<Deal>(`/api/v1/opportunities/${id}`)).body),
      );
      const card = (page: Page, id: string) =>
        page.locator(`[data-testid=board-card][data-card="${id}"]`);

      const page = await suite().open('en-US', `/board?pipeline=${pipelineId}`);
      await signIn(page, DEMO.adminEmail, DEMO.password);
      for (const id of tops) await card(page, id).waitFor({ timeout: UI_TIMEOUT });

      await page.getByText('List', { exact: true }).click();
      const list = page.getByTestId('opportunity-list');
      for (const id of tops) {
        await list.locator(`tr[data-row-key="${id}"] input[type=checkbox]`).check();
      }
      await page.getByText('2 selected', { exact: true }).waitFor();
      await page.getByLabel('Tag to add to the selected deals', { exact: true }).fill(tag);
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.getByText('0 selected', { exact: true }).waitFor();

      for (const deal of before) {
        const after = (await admin.get<Deal>(`/api/v1/opportunities/${deal.id}`)).body;
        expect(after.tags.slice().sort()).toEqual([...deal.tags, tag].sort());
      }
      // Only the two selected deals carry the new tag.
      const tagged = await admin.get<{ items: Deal[] }>(
        `/api/v1/opportunities?pipelineId=${pipelineId}&tag=${encodeURIComponent(tag)}&limit=50`,
      );
      expect(tagged.body.items.map((d) => d.id).sort()).toEqual([...tops].sort());
      for (const id of tops) {
        await list.locator(`tr[data-row-key="${id}"]`).getByText(tag, { exact: true }).waitFor();
      }

      // Back on the board (its answer was fetched moments ago), the cards show the new tag.
      await page.getByTitle('Board', { exact: true }).click();
      for (const id of tops) {
        await card(page, id).getByText(tag, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      }
    },
    TEST_TIMEOUT,
  );
});
