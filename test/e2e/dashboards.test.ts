import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTenantWinModels } from '../../src/app/analytics/win-model.service.js';
import { DEMO } from '../../src/app/demo.service.js';
import { takePipelineSnapshot } from '../../src/app/pipeline-snapshots.service.js';
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
 * The dashboards in Chromium against the reports API: every tab draws its charts (canvases
 * with pixels) and its tables show the figures the API's JSON has for the same filters, in
 * English and in Chinese; the CSV link downloads the server's CSV in the UI language.
 */
interface Stage {
  key: string;
  nameEn: string;
  nameZh: string;
}
interface Funnel {
  period: { from: string; to: string };
  stages: { stage: Stage; count: number; reachedCount: number }[];
}
interface Conversion {
  buckets: {
    stages: { stage: Stage; cohort: number; advanced: number; toNext: number | null }[];
  }[];
}
interface Outcomes {
  winRate: { rate: number | null; won: number; lost: number };
}
interface People {
  people: { ownerId: string; openPipeline: { count: number } }[];
}
interface Forecast {
  stages: { stage: Stage; count: number }[];
}
interface Targets {
  targets: { targetId: string; attainment: number | null }[];
}
interface WinModel {
  model: { metrics: { bands: { fromBp: number; count: number }[] } } | null;
}
interface Changes {
  ending: { count: number };
  starting: { count: number };
}

const percent = (locale: string, share: number | null) =>
  share === null
    ? '—'
    : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);

describe.skipIf(browserSkipped)('dashboards in Chromium', () => {
  let ui: (BrowserSuite & { close(): Promise<void> }) | undefined;
  let admin: ApiClient;
  /** The same administrator asking in Chinese (Accept-Language zh-CN), as the UI does. */
  let adminZh: ApiClient;

  async function report<T>(name: string, query = '', client = admin): Promise<T> {
    const response = await client.get<T>(`/api/v1/reports/${name}${query}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    ui = await startBrowserSuite({ opportunities: 240, seed: 5 });
    const { url, runtime } = ui.server();
    admin = await new ApiClient(url).signIn(DEMO.adminEmail, DEMO.password);
    adminZh = await new ApiClient(url, 'zh-CN').signIn(DEMO.adminEmail, DEMO.password);
    const me = await admin.get<{ tenant: { id: string } }>('/api/v1/me');
    // The daily jobs, run now: a snapshot for the trend, a trained model for calibration.
    await takePipelineSnapshot(runtime.ctx, me.body.tenant.id);
    const trained = await trainTenantWinModels(runtime.ctx, me.body.tenant.id);
    expect(Object.values(trained.pipelines).join()).toMatch(/^trained/);
    // A team target over the default period, for attainment and the reverse funnel.
    const funnel = await report<Funnel>('funnel');
    const teams = await admin.get<{ items: { id: string; parentId: string | null }[] }>(
      '/api/v1/teams?limit=200',
    );
    const top = teams.body.items.find((team) => team.parentId === null);
    if (!top) throw new Error('the demo tenant has no team');
    const target = await admin.post('/api/v1/targets', {
      subjectType: 'team',
      subjectId: top.id,
      periodStart: funnel.period.from,
      periodEnd: funnel.period.to,
      amountMinor: 5_000_000_00,
      currency: 'CNY',
    });
    expect(target.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
  });

  function suite(): BrowserSuite {
    if (!ui) throw new Error('suite not set up');
    return ui;
  }

  /** Waits for every chart of the card and checks its canvas has drawn pixels. */
  async function drawn(page: Page, card: string): Promise<void> {
    const canvas = page.getByTestId(card).locator('[data-testid=echart] canvas').first();
    await canvas.waitFor({ timeout: UI_TIMEOUT });
    // Counted in the page (a string: the suite has no DOM types): painted pixels of the canvas.
    const painted = `(() => {
      const canvas = document.querySelector('[data-testid="${card}"] [data-testid=echart] canvas');
      const context = canvas && canvas.width > 0 ? canvas.getContext('2d') : null;
      if (!context) return 0;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
      return count;
    })()`;
    await expect
      .poll(() => page.evaluate<number>(painted), { timeout: UI_TIMEOUT })
      .toBeGreaterThan(100);
  }

  /** The text of one cell (by column class) of each row, keyed by the row's data-row. */
  async function column(page: Page, card: string, cell: string): Promise<Record<string, string>> {
    const rows = page.getByTestId(card).locator('tbody tr[data-row]');
    await rows.first().waitFor();
    const out: Record<string, string> = {};
    for (const row of await rows.all()) {
      out[(await row.getAttribute('data-row')) ?? ''] =
        (await row.locator(`td.${cell}`).textContent()) ?? '';
    }
    return out;
  }

  async function tab(page: Page, name: string, label: string): Promise<void> {
    await page.getByRole('tab', { name: label }).click();
    await page.getByTestId(`dashboard-${name}`).waitFor();
  }

  it('renders every tab with the API figures in English, shares filters, downloads CSV', async () => {
    const page = await suite().open('en-US', '/dashboards');
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.locator('h1', { hasText: 'Dashboards' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboards/pipeline');

    // Pipeline: the funnel's table is the API's funnel, stage by stage.
    const funnel = await report<Funnel>('funnel');
    for (const card of ['chart-funnel', 'chart-pipeline-changes', 'chart-trend', 'chart-pyramid'])
      await drawn(page, card);
    expect(await column(page, 'chart-funnel', 'count')).toEqual(
      Object.fromEntries(funnel.stages.map((s) => [s.stage.key, String(s.count)])),
    );
    expect(await column(page, 'chart-funnel', 'stage')).toEqual(
      Object.fromEntries(funnel.stages.map((s) => [s.stage.key, s.stage.nameEn])),
    );
    const changes = await report<Changes>('pipeline-changes');
    const lines = await column(page, 'chart-pipeline-changes', 'count');
    expect([lines.starting, lines.ending]).toEqual([
      String(changes.starting.count),
      String(changes.ending.count),
    ]);
    expect(existsSync(await screenshot(page, 'dashboard-pipeline'))).toBe(true);

    // The CSV link downloads the server's CSV in English.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('chart-funnel').getByTestId('csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('funnel.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    for (const s of funnel.stages) expect(csv).toContain(s.stage.nameEn);

    // Conversion & time.
    await tab(page, 'conversion', 'Conversion & time');
    await drawn(page, 'chart-conversion');
    await drawn(page, 'chart-dwell');
    const conversion = (await report<Conversion>('conversion')).buckets[0]?.stages ?? [];
    expect(await column(page, 'chart-conversion', 'cohort')).toEqual(
      Object.fromEntries(conversion.map((s) => [s.stage.key, String(s.cohort)])),
    );
    expect(await column(page, 'chart-conversion', 'toNext')).toEqual(
      Object.fromEntries(conversion.map((s) => [s.stage.key, percent('en', s.toNext)])),
    );
    expect(existsSync(await screenshot(page, 'dashboard-conversion'))).toBe(true);

    // Outcomes: the win rate shown is the API's.
    await tab(page, 'outcomes', 'Outcomes');
    await drawn(page, 'chart-outcomes');
    await drawn(page, 'chart-patterns');
    const outcomes = await report<Outcomes>('outcomes');
    // The demo closes deals without loss reviews: the loss chart says so, with the API's count.
    const losses = await report<{ lost: { deals: number; reviewed: number } }>('loss-analysis');
    if (losses.lost.reviewed === 0) {
      await page
        .getByTestId('chart-loss')
        .getByText(`Lost in the period: ${losses.lost.deals}. None has a loss review yet`)
        .waitFor();
    } else await drawn(page, 'chart-loss');
    const figures = await column(page, 'chart-outcomes', 'value');
    expect(figures.winRate).toBe(percent('en', outcomes.winRate.rate));
    expect([figures.won, figures.lost]).toEqual([
      String(outcomes.winRate.won),
      String(outcomes.winRate.lost),
    ]);
    expect(existsSync(await screenshot(page, 'dashboard-outcomes'))).toBe(true);

    // People: one row per owner with their open deals.
    await tab(page, 'people', 'People');
    await drawn(page, 'chart-people');
    const people = await report<People>('people');
    expect(await column(page, 'chart-people', 'count')).toEqual(
      Object.fromEntries(people.people.map((p) => [p.ownerId, String(p.openPipeline.count)])),
    );
    expect(existsSync(await screenshot(page, 'dashboard-people'))).toBe(true);

    // Forecast & targets.
    await tab(page, 'forecast', 'Forecast & targets');
    for (const card of [
      'chart-forecast',
      'chart-targets',
      'chart-reverse-funnel',
      'chart-win-model',
    ])
      await drawn(page, card);
    const forecast = await report<Forecast>('forecast');
    const counts = await column(page, 'chart-forecast', 'count');
    for (const s of forecast.stages) expect(counts[s.stage.key]).toBe(String(s.count));
    const targets = await report<Targets>('targets');
    expect(await column(page, 'chart-targets', 'attainment')).toEqual(
      Object.fromEntries(targets.targets.map((x) => [x.targetId, percent('en', x.attainment)])),
    );
    const model = await report<WinModel>('win-model');
    expect(await column(page, 'chart-win-model', 'count')).toEqual(
      Object.fromEntries(
        (model.model?.metrics.bands ?? []).map((b) => [String(b.fromBp), String(b.count)]),
      ),
    );
    expect(existsSync(await screenshot(page, 'dashboard-forecast'))).toBe(true);

    // A filter goes into the URL, and a shared link shows the same filtered view.
    await tab(page, 'pipeline', 'Pipeline');
    await page.getByRole('button', { name: 'This quarter' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).not.toBeNull();
    const shared = new URL(page.url());
    const query = `?from=${shared.searchParams.get('from')}&to=${shared.searchParams.get('to')}`;
    const quarter = await report<Funnel>('funnel', query);
    await expect
      .poll(() => column(page, 'chart-funnel', 'reached'), { timeout: UI_TIMEOUT })
      .toEqual(
        Object.fromEntries(quarter.stages.map((s) => [s.stage.key, String(s.reachedCount)])),
      );
    expect(
      await page.getByTestId('chart-funnel').getByTestId('csv').getAttribute('href'),
    ).toContain(`from=${shared.searchParams.get('from')}`);

    // A bad filter in a shared link: each chart shows the server's detail with a retry.
    const bad = await admin.get<{ detail: string }>('/api/v1/reports/dwell?from=2026-02-30');
    expect(bad.status).toBe(400);
    await page.goto('/dashboards/conversion?from=2026-02-30');
    const alert = page.getByTestId('chart-dwell').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(bad.body.detail);
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1);
  }, 240_000);

  it('switches to Chinese: stage names, labels and the CSV follow', async () => {
    const page = await suite().open('en-US', '/dashboards/pipeline');
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.locator('h1', { hasText: 'Dashboards' }).waitFor();
    await drawn(page, 'chart-funnel');
    await page.getByTestId('language').click();
    await page.locator('h1', { hasText: '仪表盘' }).waitFor();
    const funnel = await report<Funnel>('funnel');
    await expect
      .poll(() => column(page, 'chart-funnel', 'stage'))
      .toEqual(Object.fromEntries(funnel.stages.map((s) => [s.stage.key, s.stage.nameZh])));
    await drawn(page, 'chart-funnel');
    expect(await page.getByRole('tab', { name: '转化与时长' }).count()).toBe(1);
    expect(existsSync(await screenshot(page, 'dashboard-pipeline-zh'))).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('chart-funnel').getByTestId('csv').click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    for (const s of funnel.stages) expect(csv).toContain(s.stage.nameZh);

    await tab(page, 'people', '人员');
    await drawn(page, 'chart-people');
    expect(await page.getByTestId('chart-people').locator('h2').textContent()).toBe(
      '销售 × 阶段：推进到下一阶段的转化率',
    );
    expect(existsSync(await screenshot(page, 'dashboard-people-zh'))).toBe(true);
  }, 120_000);

  it('renders every tab in Chinese with the API figures of a Chinese request', async () => {
    const page = await suite().open('zh-CN', '/dashboards/pipeline');
    await signIn(page, DEMO.adminEmail, DEMO.password);
    await page.locator('h1', { hasText: '仪表盘' }).waitFor();
    const zh = <T>(name: string) => report<T>(name, '', adminZh);
    const tabs = page.getByRole('tablist').first().getByRole('tab');
    await expect
      .poll(() => tabs.allTextContents())
      .toEqual(['管道', '转化与时长', '成交结果', '人员', '预测与目标', '应收回款']);

    // Pipeline: stage names in Chinese, counts as the API's.
    for (const card of ['chart-funnel', 'chart-pipeline-changes', 'chart-trend', 'chart-pyramid'])
      await drawn(page, card);
    const funnel = await zh<Funnel>('funnel');
    expect(await column(page, 'chart-funnel', 'stage')).toEqual(
      Object.fromEntries(funnel.stages.map((s) => [s.stage.key, s.stage.nameZh])),
    );
    expect(await column(page, 'chart-funnel', 'count')).toEqual(
      Object.fromEntries(funnel.stages.map((s) => [s.stage.key, String(s.count)])),
    );
    expect(existsSync(await screenshot(page, 'dashboard-pipeline-zh'))).toBe(true);

    await tab(page, 'conversion', '转化与时长');
    await drawn(page, 'chart-conversion');
    await drawn(page, 'chart-dwell');
    const conversion = (await zh<Conversion>('conversion')).buckets[0]?.stages ?? [];
    expect(await column(page, 'chart-conversion', 'toNext')).toEqual(
      Object.fromEntries(conversion.map((s) => [s.stage.key, percent('zh-CN', s.toNext)])),
    );
    expect(existsSync(await screenshot(page, 'dashboard-conversion-zh'))).toBe(true);

    await tab(page, 'outcomes', '成交结果');
    await drawn(page, 'chart-outcomes');
    await drawn(page, 'chart-patterns');
    const outcomes = await zh<Outcomes>('outcomes');
    const figures = await column(page, 'chart-outcomes', 'value');
    expect([figures.winRate, figures.won, figures.lost]).toEqual([
      percent('zh-CN', outcomes.winRate.rate),
      String(outcomes.winRate.won),
      String(outcomes.winRate.lost),
    ]);
    expect(existsSync(await screenshot(page, 'dashboard-outcomes-zh'))).toBe(true);

    await tab(page, 'people', '人员');
    await drawn(page, 'chart-people');
    const people = await zh<People>('people');
    expect(await column(page, 'chart-people', 'count')).toEqual(
      Object.fromEntries(people.people.map((p) => [p.ownerId, String(p.openPipeline.count)])),
    );
    expect(existsSync(await screenshot(page, 'dashboard-people-zh'))).toBe(true);

    await tab(page, 'forecast', '预测与目标');
    for (const card of [
      'chart-forecast',
      'chart-targets',
      'chart-reverse-funnel',
      'chart-win-model',
    ])
      await drawn(page, card);
    const targets = await zh<Targets>('targets');
    expect(await column(page, 'chart-targets', 'attainment')).toEqual(
      Object.fromEntries(targets.targets.map((x) => [x.targetId, percent('zh-CN', x.attainment)])),
    );
    const forecast = await zh<Forecast>('forecast');
    const counts = await column(page, 'chart-forecast', 'count');
    for (const s of forecast.stages) expect(counts[s.stage.key]).toBe(String(s.count));
    expect(existsSync(await screenshot(page, 'dashboard-forecast-zh'))).toBe(true);
  }, 180_000);
});
