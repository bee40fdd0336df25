import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * Leads, pools and the import wizard in Chromium against the API: a rep claims from the
 * public pool up to the limit and sees the server's refusal; an admin imports a CSV with
 * one bad row through the wizard (mapping, value mapping, dry run, run); a lead is refused
 * SQL without BANT, qualified once BANT is filled in, and converted; all in both languages.
 */
const REP = `rep1.east@${DEMO.domain}`;
/** Each test signs in and walks several screens on a busy 2-core machine. */
const TEST_TIMEOUT = 120_000;

interface Holding {
  leads: { held: number; limit: number | null };
}
interface Lead {
  id: string;
  name: string;
  version: number;
  status: string;
  source: string;
  ownerId: string | null;
  email: string | null;
}
interface Problem {
  code: string;
  detail: string;
  errors?: { code: string; message: string }[];
}

describe.skipIf(browserSkipped)('leads, pools and import in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  let rep: ApiClient;
  let repId = '';
  let poolId = '';
  let limit = 0;

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 30 });
    const url = ui.server().url;
    admin = await new ApiClient(url).signIn(DEMO.adminEmail, DEMO.password);
    rep = await new ApiClient(url).signIn(REP, DEMO.password);
    repId = (await rep.get<{ user: { id: string } }>('/api/v1/me')).body.user.id;
    const pools = await admin.get<{ items: { id: string; isDefault: boolean; version: number }[] }>(
      '/api/v1/pools',
    );
    const pool = pools.body.items.find((p) => p.isDefault);
    if (!pool) throw new Error('the demo tenant has no default pool');
    poolId = pool.id;
    // Room for exactly two more claims, and enough unclaimed leads to try a third.
    const held = (await rep.get<Holding>(`/api/v1/pools/${poolId}/holding`)).body.leads.held;
    limit = held + 2;
    const patched = await admin.patch(`/api/v1/pools/${poolId}`, {
      version: pool.version,
      rules: { claimLimit: limit, memberTeamIds: [] },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    for (let i = 0; i < 4; i++) {
      const lead = await admin.post('/api/v1/leads', {
        name: `公海线索 ${i}`,
        company: `公海公司 ${i}`,
        source: 'referral',
        poolId,
      });
      expect(lead.status).toBe(201);
    }
  });

  afterAll(async () => {
    await ui?.close();
  });

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  async function heading(page: Page, text: string | RegExp): Promise<void> {
    await page.locator('h1', { hasText: text }).waitFor({ timeout: UI_TIMEOUT });
  }

  async function shownHeld(page: Page): Promise<number> {
    return Number(await page.getByTestId('holding').getAttribute('data-held'));
  }

  /** Picks an option of an antd Select by the option's title. */
  const choose = (page: Page, select: string, option: string) =>
    chooseOptions(page, select, [option]);

  it(
    'lets a rep claim from the public pool up to the limit, then shows the server’s refusal',
    async () => {
      const page = await suite().open('en-US', '/pools');
      await signIn(page, REP, DEMO.password);
      await heading(page, 'Pools');
      const holding = page.getByTestId('holding');
      await holding.waitFor();
      expect(await holding.getAttribute('data-limit')).toBe(String(limit));
      expect(await holding.textContent()).toContain(`You hold ${limit - 2} of ${limit} leads`);

      const rows = page.getByTestId('public-pool').locator('tbody tr[data-lead]');
      const claimed: string[] = [];
      for (let i = 0; i < 2; i++) {
        const row = rows.first();
        claimed.push((await row.getAttribute('data-lead')) ?? '');
        await row.getByRole('button', { name: 'Claim' }).click();
        await page.locator(`[data-testid=holding][data-held="${limit - 1 + i}"]`).waitFor();
      }
      expect(await shownHeld(page)).toBe(limit);
      expect(await holding.textContent()).toContain('Limit reached');

      // The third claim: the server refuses, and its translated message is what the rep reads.
      const third = (await rows.first().getAttribute('data-lead')) ?? '';
      await rows.first().getByRole('button', { name: 'Claim' }).click();
      const problem = page.getByTestId('problem');
      await problem.waitFor();
      expect(await problem.getAttribute('data-code')).toBe('ownership_refused');
      const lead = (await rep.get<Lead>(`/api/v1/leads/${third}`)).body;
      const refused = await rep.post<Problem>(`/api/v1/leads/${third}/ownership`, {
        version: lead.version,
        action: 'claim',
        reason: 'check',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.errors?.[0]?.code).toBe('claim_limit_reached');
      const text = (await problem.textContent()) ?? '';
      expect(text).toContain(refused.body.detail);
      expect(text).toContain(refused.body.errors?.[0]?.message ?? '(none)');

      // The API agrees: exactly the limit held, the two claimed leads are the rep's.
      const after = await rep.get<Holding>(`/api/v1/pools/${poolId}/holding`);
      expect(after.body.leads.held).toBe(limit);
      for (const id of claimed) {
        expect((await rep.get<Lead>(`/api/v1/leads/${id}`)).body.ownerId).toBe(repId);
      }
      expect((await rep.get<Lead>(`/api/v1/leads/${third}`)).body.ownerId).toBeNull();
      expect(existsSync(await screenshot(page, 'pool'))).toBe(true);

      // The private pool lists what the rep now holds.
      await page.getByRole('tab', { name: 'My pool' }).click();
      const mine = page.getByTestId('private-pool');
      await mine.waitFor();
      for (const id of claimed) await mine.locator(`tr[data-lead="${id}"]`).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'imports a CSV through the wizard: mapping, value mapping, dry run with the row error, run',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pw-import-'));
      const file = join(dir, 'leads.csv');
      const tag = `导入${Date.now()}`;
      writeFileSync(
        file,
        [
          '姓名,公司,邮箱,渠道',
          `${tag} 张三,甲公司,zhang@example.test,展会`,
          `${tag} 坏行,乙公司,not-an-email,展会`,
          `${tag} 李四,丙公司,li@example.test,转介绍`,
        ].join('\r\n'),
      );
      const page = await suite().open('en-US', '/leads/import');
      await signIn(page, DEMO.adminEmail, DEMO.password);
      await heading(page, 'Import');
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('file-chosen').waitFor();
      await page.getByRole('button', { name: 'Next' }).click();

      await choose(page, 'Field: 姓名', 'name (required)');
      await choose(page, 'Field: 公司', 'company');
      await choose(page, 'Field: 邮箱', 'email');
      await choose(page, 'Field: 渠道', 'source');
      await choose(page, 'Becomes: 展会', 'event');
      await choose(page, 'Becomes: 转介绍', 'referral');
      await page.getByRole('button', { name: 'Check the file (dry run)' }).click();

      const dryRun = page.getByTestId('dry-run');
      await dryRun.waitFor();
      const counts = page.getByTestId('import-counts');
      expect(await counts.getAttribute('data-imported')).toBe('2');
      expect(await counts.getAttribute('data-failed')).toBe('1');
      const errorRow = page.getByTestId('import-errors').locator('tbody tr').first();
      expect(await errorRow.locator('td').first().textContent()).toBe('3');
      expect(await errorRow.locator('td').nth(1).textContent()).toBe('email');
      // Nothing was written by the dry run.
      const before = await admin.get<{ items: Lead[] }>(
        `/api/v1/leads?q=${encodeURIComponent(tag)}`,
      );
      expect(before.body.items).toEqual([]);
      expect(existsSync(await screenshot(page, 'import-wizard'))).toBe(true);

      await page.getByRole('button', { name: 'Import 2 rows' }).click();
      await page.getByText('Import finished').waitFor();
      expect(await page.getByTestId('import-counts').getAttribute('data-imported')).toBe('2');
      expect(await page.getByRole('link', { name: /Download the error report/ }).count()).toBe(1);

      const imported = await admin.get<{ items: Lead[] }>(
        `/api/v1/leads?q=${encodeURIComponent(tag)}&sort=name`,
      );
      expect(imported.body.items.map((l) => [l.name, l.email, l.source]).sort()).toEqual([
        [`${tag} 张三`, 'zhang@example.test', 'event'],
        [`${tag} 李四`, 'li@example.test', 'referral'],
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'refuses SQL without BANT, qualifies once BANT is filled in, and converts the lead',
    async () => {
      const created = await admin.post<Lead>('/api/v1/leads', {
        name: '王总',
        company: '转化测试有限公司',
        source: 'event',
        status: 'mql',
        bantBudget: { amountMinor: 50_000_00, currency: 'CNY' },
        bantAuthority: '王总本人',
        bantNeed: '替换旧系统',
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const page = await suite().open('en-US', `/leads/${id}`);
      await signIn(page, DEMO.adminEmail, DEMO.password);
      await heading(page, '王总');
      await page.getByTestId('lead-score').locator('li').first().waitFor();

      await page.getByTestId('status-sql').click();
      const problem = page.getByTestId('problem');
      await problem.waitFor();
      expect(await problem.getAttribute('data-code')).toBe('bant_incomplete');

      await page.getByRole('button', { name: 'Edit BANT' }).click();
      await page.getByLabel('Timeline').fill('本季度');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('本季度').waitFor();
      await page.getByTestId('status-sql').click();
      await page.getByTestId('lead-status').filter({ hasText: 'SQL' }).waitFor();
      expect((await admin.get<Lead>(`/api/v1/leads/${id}`)).body.status).toBe('sql');

      await page.getByRole('button', { name: 'Convert to opportunity' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Convert' }).click();
      const link = page.getByTestId('opportunity-link');
      await link.waitFor();
      const conversion = await admin.get<{ opportunityId: string; created: { account: boolean } }>(
        `/api/v1/leads/${id}/conversion`,
      );
      expect(conversion.status).toBe(200);
      expect(conversion.body.created.account).toBe(true);
      expect(await link.getAttribute('href')).toBe(
        `/opportunities/${conversion.body.opportunityId}`,
      );
      await page
        .getByTestId('ownership-history')
        .or(page.getByText('No owner or pool change yet.'))
        .first()
        .waitFor();
      expect(existsSync(await screenshot(page, 'lead-detail'))).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'speaks Chinese: lead list, pool holding and the refusal in the server’s Chinese',
    async () => {
      const page = await suite().open('zh-CN', '/leads');
      await signIn(page, REP, DEMO.password);
      await heading(page, '线索');
      await page.getByTestId('lead-table').locator('tbody tr[data-lead]').first().waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

      await page.getByRole('navigation').getByRole('link', { name: '公海' }).click();
      await heading(page, '公海');
      const holding = page.getByTestId('holding');
      await holding.waitFor();
      expect(await holding.textContent()).toContain(
        `您已持有 ${limit} 条线索，该公海上限为 ${limit} 条`,
      );
      const row = page.getByTestId('public-pool').locator('tbody tr[data-lead]').first();
      const id = (await row.getAttribute('data-lead')) ?? '';
      // antd spaces out a two-character Chinese label (领 取).
      await row.getByRole('button', { name: /^领\s?取$/ }).click();
      const problem = page.getByTestId('problem');
      await problem.waitFor();
      const zhRep = await new ApiClient(suite().server().url, 'zh-CN').signIn(REP, DEMO.password);
      const lead = (await zhRep.get<Lead>(`/api/v1/leads/${id}`)).body;
      const refused = await zhRep.post<Problem>(`/api/v1/leads/${id}/ownership`, {
        version: lead.version,
        action: 'claim',
        reason: '检查',
      });
      expect(refused.status).toBe(409);
      expect(await problem.textContent()).toContain(refused.body.detail);
      expect(await problem.textContent()).toContain(refused.body.errors?.[0]?.message ?? '(none)');
      expect(existsSync(await screenshot(page, 'pool-zh'))).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'lists, filters and pages leads in English at tablet width',
    async () => {
      const page = await suite().open('en-US', '/leads');
      await page.setViewportSize({ width: 768, height: 1000 });
      await signIn(page, DEMO.adminEmail, DEMO.password);
      await heading(page, 'Leads');
      const table = page.getByTestId('lead-table');
      await table.locator('tbody tr[data-lead]').first().waitFor();
      const api = await admin.get<{ items: Lead[]; nextCursor: string | null }>(
        '/api/v1/leads?sort=-score&limit=20&status=new',
      );
      await choose(page, 'Status', 'New');
      await expect
        .poll(() => table.locator('tbody tr[data-lead]').first().getAttribute('data-lead'), {
          timeout: UI_TIMEOUT,
        })
        .toBe(api.body.items[0]?.id);
      const shown = await Promise.all(
        (await table.locator('tbody tr[data-lead]').all()).map((row) =>
          row.getAttribute('data-lead'),
        ),
      );
      expect(shown).toEqual(api.body.items.map((l) => l.id));
      if (api.body.nextCursor) {
        await page.getByRole('button', { name: 'Next page' }).click();
        await page.getByText('Page 2').waitFor();
      }
      // Nothing wider than the tablet: no horizontal scroll of the page itself.
      const overflow = Number(
        await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(existsSync(await screenshot(page, 'leads'))).toBe(true);
    },
    TEST_TIMEOUT,
  );
});
