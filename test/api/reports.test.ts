import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { tokenClient } from '../support/stalled.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface FunnelBody {
  stages: { stage: { key: string }; count: number; amountMinor: number; weightedMinor: number }[];
}

/**
 * The report endpoints as a client meets them: every registered report answers JSON and
 * CSV in both languages with the common filters alone; filters are validated; and a rep's
 * report counts only the deals the rep may see. The figures themselves are checked against
 * the reference implementations in test/analytics.
 */
describe.each(dialectsUnderTest())('reports over HTTP ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let rep1: ApiClient;
  const ids = { east: '', rep1: '', rep2: '', pipeline: '' };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    const pipeline = await createUngatedDefaultPipeline(t.client);
    ids.pipeline = pipeline.id;
    ids.east = (await created<{ id: string }>(t.client.post('/api/v1/teams', { name: '华东' }))).id;
    for (const name of ['rep1', 'rep2'] as const) {
      const user = await created<{ id: string }>(
        t.client.post('/api/v1/users', {
          email: `${name}@${t.tenant.slug}.test`,
          name,
          role: 'rep',
          teamId: ids.east,
          password: TEST_PASSWORD,
        }),
      );
      ids[name] = user.id;
    }
    rep1 = await tokenClient(server, `rep1@${t.tenant.slug}.test`);
    const account = await created<{ id: string }>(
      t.client.post('/api/v1/accounts', { name: '华为技术有限公司' }),
    );
    const stage = (key: string) => pipeline.stages.find((s) => s.key === key)?.id ?? '';
    const deals: [string, number, string][] = [
      ['rep1', 100_000, 'needs-confirmed'],
      ['rep1', 200_000, 'needs-confirmed'],
      ['rep2', 50_000, 'needs-confirmed'],
    ];
    for (const [owner, amountMinor, key] of deals)
      await created(
        t.client.post('/api/v1/opportunities', {
          name: `${owner} ${amountMinor}`,
          accountId: account.id,
          ownerId: ids[owner as 'rep1' | 'rep2'],
          amount: { amountMinor, currency: 'CNY' },
          stageId: stage(key),
        }),
      );
  });

  afterAll(async () => {
    await server.close();
  });

  it('serves every registered report as JSON and as CSV in both languages', async () => {
    const list = await t.client.get<{ items: { name: string; path: string }[] }>('/api/v1/reports');
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => item.name)).toContain('funnel');
    for (const { name, path } of list.body.items) {
      const json = await t.client.get(path);
      expect(json.status, `${name}: ${JSON.stringify(json.body)}`).toBe(200);
      // Every report's query is strict and its period checked, whatever its own options.
      for (const query of ['surprise=1', 'from=2026-05-01&to=2026-04-01']) {
        const bad = await t.client.get<{ code: string }>(`${path}?${query}`);
        expect([bad.status, bad.body.code], `${name}?${query}`).toEqual([400, 'validation_failed']);
      }
      for (const [locale, word] of [
        ['en', /[A-Za-z]/],
        ['zh-CN', /[\u4e00-\u9fff]/],
      ] as const) {
        const csv = await t.client.get<string>(`${path}.csv`, {
          headers: { 'accept-language': locale },
        });
        expect(csv.status, `${name}.csv`).toBe(200);
        expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
        const header = csv.body.replace(/^\ufeff/, '').split(/\r?\n/)[0] ?? '';
        expect(header, `${name}.csv header in ${locale}`).toMatch(word);
      }
    }
  });

  it('starts CSV files with a byte-order mark, so Excel reads Chinese as UTF-8', async () => {
    // fetch's text() drops a BOM, so look at the bytes.
    const response = await fetch(`${server.url}/api/v1/reports/funnel.csv`, {
      headers: { authorization: `Bearer ${rep1.bearer ?? ''}`, 'accept-language': 'zh-CN' },
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toMatch(/^阶段,商机数/);
  });

  it('counts, for a rep, only the deals the rep may see', async () => {
    const count = (body: FunnelBody) =>
      body.stages.find((row) => row.stage.key === 'needs-confirmed');
    const all = await t.client.get<FunnelBody>('/api/v1/reports/funnel');
    expect(count(all.body)).toMatchObject({
      count: 3,
      amountMinor: 350_000,
      weightedMinor: 105_000,
    });
    const own = await rep1.get<FunnelBody>('/api/v1/reports/funnel');
    expect(own.status).toBe(200);
    expect(count(own.body)).toMatchObject({ count: 2, amountMinor: 300_000 });
    const team = await t.client.get<FunnelBody>(`/api/v1/reports/funnel?teamId=${ids.east}`);
    expect(count(team.body)?.count).toBe(3);
    const owner = await t.client.get<FunnelBody>(`/api/v1/reports/funnel?ownerId=${ids.rep2}`);
    expect(count(owner.body)).toMatchObject({ count: 1, amountMinor: 50_000 });
    const usd = await t.client.get<FunnelBody>('/api/v1/reports/funnel?currency=USD');
    expect(count(usd.body)?.count).toBe(0);
  });

  it('refuses bad filters with a stable code, in the reader’s language', async () => {
    const bad: [string, number, string][] = [
      ['from=2026-05-01&to=2026-04-01', 400, 'validation_failed'],
      ['from=2026-02-30', 400, 'validation_failed'],
      ['from=2001-01-01&to=2026-01-01', 400, 'validation_failed'],
      ['asOf=yesterday', 400, 'validation_failed'],
      ['surprise=1', 400, 'validation_failed'],
      ['currency=XXX', 400, 'validation_failed'],
      ['pipelineId=0192f000-0000-7000-8000-000000000000', 422, 'reference_not_found'],
      ['teamId=0192f000-0000-7000-8000-000000000000', 422, 'reference_not_found'],
    ];
    for (const [query, status, code] of bad) {
      const response = await t.client.get<{ code: string; detail: string }>(
        `/api/v1/reports/funnel?${query}`,
        { headers: { 'accept-language': 'zh-CN' } },
      );
      expect(response.status, query).toBe(status);
      expect(response.body.code, query).toBe(code);
      expect(response.body.detail, query).toMatch(/[\u4e00-\u9fff]/);
      const csv = await t.client.get<{ code: string }>(`/api/v1/reports/funnel.csv?${query}`);
      expect(csv.status, `${query} (csv)`).toBe(status);
    }
  });

  it('needs a session', async () => {
    const response = await fetch(`${server.url}/api/v1/reports/funnel`);
    expect(response.status).toBe(401);
  });
});
