import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { createOrg, move, pooledLead } from '../support/pools.js';
import type { Held, Org } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';

interface Holding {
  poolId: string;
  userId: string;
  leads: { held: number; limit: number | null };
  accounts: { held: number; limit: number | null };
}

/**
 * What the pool screen shows before a claim: the caller's holdings against the pool's claim
 * limit (GET /pools/{id}/holding), counted as the claim itself counts them, so the number
 * on screen is the one the server enforces; and the lead list's lifecycle filter (the
 * dormant pool).
 */
describe.each(dialectsUnderTest())('pool holding and lifecycle filter ($name)', (dialect) => {
  let server: TestServer;
  let org: Org;
  let pool: { id: string };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    org = await createOrg(server, await createTestTenant(server));
    pool = await created(
      org.admin.post('/api/v1/pools', { name: '测试公海', rules: { claimLimit: 2 } }),
    );
  });
  afterAll(async () => server?.close());

  const holding = (person: 'rep1' | 'rep2') =>
    org.as(person).get<Holding>(`/api/v1/pools/${pool.id}/holding`);

  it('counts the caller’s held leads against the limit, and the claim refused at it agrees', async () => {
    const before = await holding('rep1');
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toEqual({
      poolId: pool.id,
      userId: org.ids.rep1,
      leads: { held: 0, limit: 2 },
      accounts: { held: 0, limit: 2 },
    });
    const leads: Held[] = [];
    for (let i = 0; i < 3; i++) leads.push(await pooledLead(org, pool.id));
    for (const lead of leads.slice(0, 2)) {
      expect((await move(org.as('rep1'), 'leads', lead.id, { action: 'claim' })).status).toBe(200);
    }
    expect((await holding('rep1')).body.leads).toEqual({ held: 2, limit: 2 });
    const refused = await move(org.as('rep1'), 'leads', leads[2]?.id ?? '', { action: 'claim' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors?.[0]?.code).toBe('claim_limit_reached');
    // Another rep's count is their own.
    expect((await holding('rep2')).body.leads).toEqual({ held: 0, limit: 2 });
  });

  it('reports no limit as null and answers 404 for an unknown pool', async () => {
    const open = await created<{ id: string }>(
      org.admin.post('/api/v1/pools', { name: '不限公海', rules: { claimLimit: null } }),
    );
    const response = await org.as('rep2').get<Holding>(`/api/v1/pools/${open.id}/holding`);
    expect(response.body.leads.limit).toBeNull();
    const missing = await org
      .as('rep2')
      .get<{ code: string }>('/api/v1/pools/01920000-0000-7000-8000-000000000000/holding');
    expect(missing.status).toBe(404);
  });

  it('filters the lead list by lifecycle: the dormant pool', async () => {
    const resting = await pooledLead(org, pool.id, { name: '沉寂客户' });
    const archived = await move(org.admin, 'leads', resting.id, { action: 'archive' });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    const dormant = await org.admin.get<{ items: Held[] }>(
      `/api/v1/leads?poolId=${pool.id}&lifecycle=dormant`,
    );
    expect(dormant.body.items.map((lead) => lead.id)).toEqual([resting.id]);
    const active = await org.admin.get<{ items: Held[] }>(
      `/api/v1/leads?poolId=${pool.id}&lifecycle=active`,
    );
    expect(active.status).toBe(200);
    expect(active.body.items.map((lead) => lead.id)).not.toContain(resting.id);
    expect(active.body.items.every((lead) => lead.lifecycle === 'active')).toBe(true);
  });
});
