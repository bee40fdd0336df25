import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo.service.js';
import { browserSkipped, signIn, startBrowserSuite, UI_TIMEOUT } from '../support/browser.js';
import type { BrowserSuite } from '../support/browser.js';
import { ApiClient } from '../support/client.js';

/**
 * The duplicate review queue in Chromium against the API. Detection runs when a lead is
 * created (docs/duplicates.md), so two leads sharing an e-mail make a pair at once. One
 * pair is dismissed with a note; another is merged taking the phone from the second
 * record. The API then has the merged record, answers 410 for the merged-away lead, and
 * lists neither pair as open.
 */
const TEST_TIMEOUT = 120_000;

interface Lead {
  id: string;
  name: string;
  phone: string | null;
}
interface Side {
  id: string;
  entityType: string;
}
interface Pair {
  id: string;
  status: string;
  note?: string | null;
  left: Side;
  right: Side;
}
interface Problem {
  code: string;
  mergedInto?: { entityType: string; id: string };
}

describe.skipIf(browserSkipped)('duplicate review in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  const stamp = Date.now() % 100_000;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 10 });
    admin = await new ApiClient(ui.server().url).signIn(DEMO.adminEmail, DEMO.password);
  });

  afterAll(async () => {
    await ui?.close();
  });

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  async function lead(name: string, email: string, phone: string): Promise<Lead> {
    const created = await admin.post<Lead>('/api/v1/leads', {
      name,
      company: `重复测试${stamp}有限公司`,
      email,
      phone,
      source: 'event',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  }

  /** The open lead pair of these two leads, as the server detected it on create. */
  async function pairOf(a: Lead, b: Lead): Promise<Pair> {
    const open = await admin.get<{ items: Pair[] }>(
      '/api/v1/duplicates?status=open&entityType=lead&limit=100',
    );
    expect(open.status).toBe(200);
    const ids = [a.id, b.id].sort();
    const pair = open.body.items.find(
      (p) => JSON.stringify([p.left.id, p.right.id].sort()) === JSON.stringify(ids),
    );
    if (!pair) throw new Error(`no open pair for ${a.name} / ${b.name}`);
    return pair;
  }

  async function openIds(): Promise<string[]> {
    const open = await admin.get<{ items: Pair[] }>('/api/v1/duplicates?status=open&limit=100');
    return open.body.items.map((p) => p.id);
  }

  function row(page: Page, pair: Pair) {
    return page.getByTestId('duplicates').locator(`tr[data-row-key="${pair.id}"]`);
  }

  it(
    'dismisses one pair and merges another taking the second record’s phone',
    async () => {
      const dismissA = await lead('陈静', `chen.${stamp}@dup.example.test`, '13911110001');
      const dismissB = await lead('陈 静', `chen.${stamp}@dup.example.test`, '13911110002');
      const mergeA = await lead('周文', `zhou.${stamp}@dup.example.test`, '13722220001');
      const mergeB = await lead('周 文', `zhou.${stamp}@dup.example.test`, '13722220002');
      const toDismiss = await pairOf(dismissA, dismissB);
      const toMerge = await pairOf(mergeA, mergeB);
      const byId = new Map([mergeA, mergeB].map((l) => [l.id, l]));
      const survivor = byId.get(toMerge.left.id);
      const other = byId.get(toMerge.right.id);
      if (!survivor || !other) throw new Error('the pair is not the two leads');

      const page = await suite().open('en-US', '/leads/duplicates');
      await signIn(page, DEMO.adminEmail, DEMO.password);
      await row(page, toDismiss).waitFor({ timeout: UI_TIMEOUT });

      await row(page, toDismiss).getByRole('button', { name: 'Not a duplicate' }).click();
      const dismissDialog = page.getByRole('dialog');
      await dismissDialog.getByLabel('Note (why they differ)').fill('同名不同人');
      await dismissDialog.locator('.ant-btn-primary').click();
      await row(page, toDismiss).waitFor({ state: 'detached' });
      const dismissed = await admin.get<Pair>(`/api/v1/duplicates/${toDismiss.id}`);
      expect(dismissed.body.status).toBe('dismissed');
      expect(await openIds()).not.toContain(toDismiss.id);
      // Both leads are still there.
      for (const l of [dismissA, dismissB]) {
        expect((await admin.get(`/api/v1/leads/${l.id}`)).status).toBe(200);
      }

      await row(page, toMerge).getByRole('button', { name: 'Merge' }).click();
      const mergeDialog = page.getByRole('dialog');
      await mergeDialog.getByRole('radiogroup', { name: 'phone' }).waitFor();
      await mergeDialog
        .getByRole('radiogroup', { name: 'phone' })
        .getByText('Merged record', { exact: true })
        .click();
      await mergeDialog.locator('.ant-modal-footer .ant-btn-primary').click();
      await row(page, toMerge).waitFor({ state: 'detached' });

      const merged = await admin.get<Lead>(`/api/v1/leads/${survivor.id}`);
      expect(merged.status).toBe(200);
      expect(merged.body.name).toBe(survivor.name);
      expect(merged.body.phone).toBe(other.phone);
      const gone = await admin.get<Problem>(`/api/v1/leads/${other.id}`);
      expect(gone.status).toBe(410);
      expect(gone.body.code).toBe('record_merged');
      expect(gone.body.mergedInto).toEqual({ entityType: 'lead', id: survivor.id });
      expect((await admin.get<Pair>(`/api/v1/duplicates/${toMerge.id}`)).body.status).toBe(
        'merged',
      );
      expect(await openIds()).not.toContain(toMerge.id);
    },
    TEST_TIMEOUT,
  );
});
