import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

type Fields = Record<'lead' | 'account' | 'contact', string[]>;

/**
 * The merge dialog offers the fields the server lets a merge choose
 * (GET /duplicates/merge-fields); each one is accepted by the merge's `fields`.
 */
describe.each(dialectsUnderTest())('duplicate merge fields ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  it('lists the units per kind, owner and status as one choice each', async () => {
    const response = await t.client.get<Fields>('/api/v1/duplicates/merge-fields');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.lead).toEqual(
      expect.arrayContaining(['name', 'phone', 'status', 'owner']),
    );
    expect(response.body.lead).not.toContain('ownerId');
    expect(response.body.lead).not.toContain('disqualifyReason');
    expect(response.body.account).toEqual(expect.arrayContaining(['creditCode', 'owner']));
    expect(response.body.contact).toContain('decisionRole');
  });

  it('merges two leads taking every listed field from the duplicate', async () => {
    const fields = (await t.client.get<Fields>('/api/v1/duplicates/merge-fields')).body.lead;
    const lead = (name: string, phone: string) =>
      t.client.post<{ id: string }>('/api/v1/leads', { name, phone, source: 'event' });
    const first = await lead('甲', '13800138000');
    const second = await lead('乙', '+86 138-0013-8000');
    const pairs = await t.client.get<{ items: { id: string; version: number }[] }>(
      '/api/v1/duplicates?entityType=lead',
    );
    const pair = pairs.body.items[0];
    expect(pair, JSON.stringify({ first: first.body, second: second.body })).toBeDefined();
    const merged = await t.client.post<{ status: string }>(
      `/api/v1/duplicates/${pair?.id ?? ''}/merge`,
      {
        survivor: 'left',
        version: pair?.version,
        fields: Object.fromEntries(fields.map((field) => [field, 'source'])),
      },
    );
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.status).toBe('merged');
  });

  it('answers 401 without a session', async () => {
    const anonymous = await new ApiClient(server.url).get('/api/v1/duplicates/merge-fields');
    expect(anonymous.status).toBe(401);
  });
});
