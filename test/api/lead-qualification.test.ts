import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; code: string; message: string }[];
}
interface Lead {
  id: string;
  version: number;
  status: string;
  score: number;
  disqualifyReason: string | null;
}
interface Explanation {
  score: number;
  total: number;
  scoredAt: string | null;
  contributions: { rule: number; kind: string; points: number; explanation: string }[];
}
interface Scoring {
  version: number;
  isDefault: boolean;
  rules: unknown[];
}

const bant = {
  bantBudget: { amountMinor: 30_000_000, currency: 'CNY' },
  bantAuthority: '采购总监',
  bantNeed: '替换旧 CRM',
  bantTimeline: '本季度',
};

describe.each(dialectsUnderTest())('lead qualification and scoring ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let zh: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    zh = await new ApiClient(server.url, 'zh-CN').signIn(t.admin.email, TEST_PASSWORD);
  });
  afterAll(async () => server?.close());

  async function patch(lead: { id: string }, body: Record<string, unknown>) {
    const current = await t.client.get<Lead>(`/api/v1/leads/${lead.id}`);
    return t.client.patch<Lead & Problem>(`/api/v1/leads/${lead.id}`, {
      version: current.body.version,
      ...body,
    });
  }

  it('replays a create sent again with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'lead-create-1' };
    const body = { name: '重试', source: 'website' };
    const first = await t.client.post<Lead>('/api/v1/leads', body, { headers });
    const again = await t.client.post<Lead>('/api/v1/leads', body, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const reused = await t.client.post<Problem>(
      '/api/v1/leads',
      { ...body, name: 'other' },
      { headers },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('moves forward new → contacted → MQL → SQL, and SQL needs every BANT answer', async () => {
    const lead = await created<Lead>(
      t.client.post('/api/v1/leads', { name: '周敏', source: 'event', bantNeed: '报表' }),
    );
    expect((await patch(lead, { status: 'contacted' })).body.status).toBe('contacted');
    expect((await patch(lead, { status: 'mql' })).body.status).toBe('mql');
    const incomplete = await patch(lead, { status: 'sql', bantBudget: bant.bantBudget });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('bant_incomplete');
    expect(incomplete.body.errors?.map((e) => e.path)).toEqual(['bantAuthority', 'bantTimeline']);
    // Nothing of the refused edit was kept, not even the budget sent with it.
    const unchanged = await t.client.get<Lead & { bantBudget: unknown }>(
      `/api/v1/leads/${lead.id}`,
    );
    expect(unchanged.body).toMatchObject({ status: 'mql', bantBudget: null });
    const sql = await patch(lead, { status: 'sql', ...bant });
    expect(sql.status).toBe(200);
    expect(sql.body.status).toBe('sql');
    // Qualification only moves forward: the funnel counts on it.
    const back = await patch(lead, { status: 'mql' });
    expect(back.status).toBe(422);
    expect(back.body.code).toBe('lead_status_not_allowed');
    expect(back.body.errors?.[0]).toMatchObject({ path: 'status', code: 'status_not_allowed' });
  });

  it('skips ahead when a lead arrives qualified, but not past SQL without BANT', async () => {
    const ready = await t.client.post<Lead>('/api/v1/leads', {
      name: '转介绍',
      source: 'referral',
      status: 'sql',
      ...bant,
    });
    expect(ready.status).toBe(201);
    const notReady = await t.client.post<Problem>('/api/v1/leads', {
      name: 'x',
      source: 'referral',
      status: 'sql',
    });
    expect(notReady.status).toBe(422);
    expect(notReady.body.code).toBe('bant_incomplete');
    const converted = await t.client.post<Problem>('/api/v1/leads', {
      name: 'x',
      source: 'referral',
      status: 'converted',
    });
    expect(converted.status).toBe(422);
    expect(converted.body.code).toBe('lead_status_not_allowed');
  });

  it('disqualifies only with a reason, re-opens as new or contacted, never converts by edit', async () => {
    const lead = await created<Lead>(
      t.client.post('/api/v1/leads', { name: '无效', source: 'social' }),
    );
    const noReason = await patch(lead, { status: 'disqualified' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('disqualify_reason_required');
    expect(noReason.body.errors?.[0]?.path).toBe('disqualifyReason');
    const zhRefusal = await zh.patch<Problem>(`/api/v1/leads/${lead.id}`, {
      version: lead.version,
      status: 'disqualified',
    });
    expect(zhRefusal.body.detail).toContain('作废');
    const out = await patch(lead, { status: 'disqualified', disqualifyReason: '空号' });
    expect(out.body).toMatchObject({ status: 'disqualified', disqualifyReason: '空号' });
    const toSql = await patch(lead, { status: 'sql', ...bant });
    expect(toSql.status).toBe(422);
    expect(toSql.body.code).toBe('lead_status_not_allowed');
    const reopened = await patch(lead, { status: 'contacted' });
    expect(reopened.body).toMatchObject({ status: 'contacted', disqualifyReason: null });
    const byEdit = await patch(lead, { status: 'converted' });
    expect(byEdit.status).toBe(422);
    expect(byEdit.body.code).toBe('lead_status_not_allowed');
    const zhByEdit = await zh.patch<Problem>(`/api/v1/leads/${lead.id}`, {
      version: reopened.body.version,
      status: 'converted',
    });
    expect(zhByEdit.body.errors?.[0]?.message).toContain('转化');
  });

  it('scores with the default rules and explains each contribution', async () => {
    const lead = await created<Lead>(
      t.client.post('/api/v1/leads', {
        name: '评分',
        source: 'referral',
        size: 'large',
        bantBudget: bant.bantBudget,
      }),
    );
    // referral 20 + size 10 + budget 10
    expect(lead.score).toBe(40);
    const explained = await t.client.get<Explanation>(`/api/v1/leads/${lead.id}/score`);
    expect(explained.status).toBe(200);
    expect(explained.body.score).toBe(40);
    expect(explained.body.contributions.map((c) => [c.kind, c.points])).toEqual([
      ['source', 20],
      ['size', 10],
      ['bant', 10],
    ]);
    expect(explained.body.contributions[0]?.explanation).toBe('+20: source is referral');
    const inChinese = await zh.get<Explanation>(`/api/v1/leads/${lead.id}/score`);
    expect(inChinese.body.contributions[0]?.explanation).toBe('+20：来源为转介绍');

    // Activity on the lead re-scores it (engagement and recency), and so does removing it.
    const call = await created<{ id: string }>(
      t.client.post('/api/v1/activities', { type: 'call', subject: '首次电话', leadId: lead.id }),
    );
    const afterCall = await t.client.get<Lead>(`/api/v1/leads/${lead.id}`);
    expect(afterCall.body.score).toBe(50);
    expect(afterCall.body.version).toBe(lead.version);
    await t.client.delete(`/api/v1/activities/${call.id}`);
    expect((await t.client.get<Lead>(`/api/v1/leads/${lead.id}`)).body.score).toBe(40);

    // An edit of the lead re-scores it with the rest of the edit.
    const edited = await patch(lead, { bantAuthority: 'CEO', source: 'partner' });
    expect(edited.body.score).toBe(15 + 10 + 10 + 10);
  });

  it('lists leads by score and filters by a minimum score', async () => {
    const low = await created<Lead>(
      t.client.post('/api/v1/leads', { name: 'low', source: 'other', campaign: 'score-list' }),
    );
    const high = await created<Lead>(
      t.client.post('/api/v1/leads', {
        name: 'high',
        source: 'referral',
        campaign: 'score-list',
        ...bant,
      }),
    );
    const sorted = await t.client.get<{ items: Lead[] }>(
      '/api/v1/leads?campaign=score-list&sort=-score',
    );
    expect(sorted.body.items.map((l) => l.id)).toEqual([high.id, low.id]);
    const min = await t.client.get<{ items: Lead[] }>(
      '/api/v1/leads?campaign=score-list&minScore=30',
    );
    expect(min.body.items.map((l) => l.id)).toEqual([high.id]);
  });

  it('lets admins and lead ops replace the rules, re-scoring every lead, with optimistic concurrency', async () => {
    const initial = await t.client.get<Scoring>('/api/v1/lead-scoring');
    expect(initial.body).toMatchObject({ version: 0, isDefault: true });
    const lead = await created<Lead>(
      t.client.post('/api/v1/leads', {
        name: '制造',
        source: 'website',
        industry: ' 制造业 ',
        region: '华东',
      }),
    );
    const rep = await created<{ id: string; email: string }>(
      t.client.post('/api/v1/users', {
        email: 'rep-scoring@example.test',
        name: 'Rep',
        role: 'rep',
        password: TEST_PASSWORD,
      }),
    );
    const repClient = await new ApiClient(server.url).signIn(rep.email, TEST_PASSWORD);
    const rules = [
      { kind: 'industry', values: ['制造业'], points: 30 },
      { kind: 'region', values: ['华东', '华南'], points: 20 },
      { kind: 'source', source: 'website', points: -10 },
    ];
    const forbidden = await repClient.request<Problem>('PUT', '/api/v1/lead-scoring', {
      version: 0,
      rules,
    });
    expect(forbidden.status).toBe(403);
    const saved = await t.client.request<Scoring & { rescored: number }>(
      'PUT',
      '/api/v1/lead-scoring',
      { version: 0, rules },
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, isDefault: false });
    expect(saved.body.rescored).toBeGreaterThan(0);
    const rescored = await t.client.get<Explanation>(`/api/v1/leads/${lead.id}/score`);
    expect(rescored.body).toMatchObject({ score: 40, total: 40 });
    expect(rescored.body.contributions.map((c) => c.rule)).toEqual([0, 1, 2]);
    const stale = await t.client.request<Problem>('PUT', '/api/v1/lead-scoring', {
      version: 0,
      rules: [],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const invalid = await t.client.request<Problem>('PUT', '/api/v1/lead-scoring', {
      version: 1,
      rules: [{ kind: 'source', source: 'nowhere', points: 5 }],
    });
    expect(invalid.status).toBe(400);
    // Everyone may read the rules: they explain the scores people see.
    const read = await repClient.get<Scoring>('/api/v1/lead-scoring');
    expect(read.body.rules).toHaveLength(3);
    // Scores stay within 0–100 while the explanation keeps the plain sum.
    const negative = await created<Lead>(
      t.client.post('/api/v1/leads', { name: 'neg', source: 'website' }),
    );
    expect(negative.score).toBe(0);
    expect((await t.client.get<Explanation>(`/api/v1/leads/${negative.id}/score`)).body.total).toBe(
      -10,
    );
  });
});
