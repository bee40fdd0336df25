import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { snapshot } from '../support/counts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
  conversion?: { accountId: string; contactId: string | null; opportunityId: string };
}
interface Lead {
  id: string;
  version: number;
  status: string;
  convertedOpportunityId: string | null;
}
interface Conversion {
  lead: Lead;
  accountId: string;
  contactId: string | null;
  opportunityId: string;
  created: { account: boolean; contact: boolean; opportunity: boolean };
}
interface Deal {
  id: string;
  version: number;
  name: string;
  accountId: string;
  primaryContactId: string | null;
  sourceLeadId: string | null;
  source: string | null;
  amount: { amountMinor: number; currency: string };
  budget: { amountMinor: number } | null;
  timeline: string | null;
  status: string;
}

describe.each(dialectsUnderTest())('lead conversion ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let accountId: string;
  let contactId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    await createUngatedDefaultPipeline(t.client);
    accountId = (
      await created<{ id: string }>(t.client.post('/api/v1/accounts', { name: '已有客户' }))
    ).id;
    contactId = (
      await created<{ id: string }>(
        t.client.post('/api/v1/contacts', { accountId, name: '已有联系人' }),
      )
    ).id;
  });
  afterAll(async () => server?.close());

  const newLead = (extra: Record<string, unknown> = {}) =>
    created<Lead>(
      t.client.post('/api/v1/leads', {
        name: '林晓',
        company: '苏州精工机械有限公司',
        title: '采购经理',
        email: 'lin@jinggong.test',
        source: 'event',
        campaign: '2026 工博会',
        bantBudget: { amountMinor: 80_000_000, currency: 'CNY' },
        bantTimeline: 'Q3',
        ...extra,
      }),
    );

  const convert = (lead: Lead, body: Record<string, unknown> = {}, key?: string) =>
    t.client.post<Conversion & Problem>(
      `/api/v1/leads/${lead.id}/convert`,
      { version: lead.version, ...body },
      key ? { headers: { 'idempotency-key': key } } : {},
    );

  it('creates the account, contact and opportunity from the lead, and keeps its history', async () => {
    const lead = await newLead();
    const result = await convert(lead);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.created).toEqual({ account: true, contact: true, opportunity: true });
    expect(result.body.lead).toMatchObject({
      status: 'converted',
      convertedOpportunityId: result.body.opportunityId,
    });
    const account = await t.client.get<{ name: string }>(
      `/api/v1/accounts/${result.body.accountId}`,
    );
    expect(account.body.name).toBe('苏州精工机械有限公司');
    const contact = await t.client.get<{ name: string; email: string; accountId: string }>(
      `/api/v1/contacts/${result.body.contactId}`,
    );
    expect(contact.body).toMatchObject({
      name: '林晓',
      email: 'lin@jinggong.test',
      accountId: result.body.accountId,
    });
    const deal = await t.client.get<Deal>(`/api/v1/opportunities/${result.body.opportunityId}`);
    expect(deal.body).toMatchObject({
      accountId: result.body.accountId,
      primaryContactId: result.body.contactId,
      sourceLeadId: lead.id,
      source: 'event',
      amount: { amountMinor: 80_000_000, currency: 'CNY' },
      budget: { amountMinor: 80_000_000 },
      timeline: 'Q3',
      status: 'open',
    });
    // The lead itself stays, with its whole history and what it became.
    const history = await t.client.get<{ items: { action: string }[] }>(
      `/api/v1/audit?entityType=lead&entityId=${lead.id}`,
    );
    expect(history.body.items.map((e) => e.action).sort()).toEqual(['convert', 'create']);
    const again = await t.client.get<Conversion>(`/api/v1/leads/${lead.id}/conversion`);
    expect(again.body).toMatchObject({
      accountId: result.body.accountId,
      contactId: result.body.contactId,
      opportunityId: result.body.opportunityId,
    });
  });

  it('links an existing account and contact instead of creating them', async () => {
    const lead = await newLead();
    const result = await convert(lead, { accountId, contactId, opportunityName: '精工 CRM 项目' });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({
      accountId,
      contactId,
      created: { account: false, contact: false, opportunity: true },
    });
    const deal = await t.client.get<Deal>(`/api/v1/opportunities/${result.body.opportunityId}`);
    expect(deal.body).toMatchObject({
      name: '精工 CRM 项目',
      accountId,
      primaryContactId: contactId,
    });
  });

  it('converts into an existing open opportunity, pointing it at the lead', async () => {
    const deal = await created<Deal>(
      t.client.post('/api/v1/opportunities', { name: '已有商机', accountId }),
    );
    const lead = await newLead({ name: '新联系人' });
    const result = await convert(lead, { opportunityId: deal.id });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({
      accountId,
      opportunityId: deal.id,
      created: { account: false, contact: true, opportunity: false },
    });
    const after = await t.client.get<Deal>(`/api/v1/opportunities/${deal.id}`);
    expect(after.body).toMatchObject({
      sourceLeadId: lead.id,
      primaryContactId: result.body.contactId,
    });
    // Describing a new deal while naming an existing one is a contradiction, not a guess.
    const lead2 = await newLead();
    const both = await convert(lead2, { opportunityId: deal.id, opportunityName: 'x' });
    expect(both.status).toBe(400);
    expect(both.body.errors?.[0]).toMatchObject({ path: 'opportunityName', code: 'conflicts' });
    const otherAccount = await created<{ id: string }>(
      t.client.post('/api/v1/accounts', { name: '别的客户' }),
    );
    const mismatch = await convert(lead2, { opportunityId: deal.id, accountId: otherAccount.id });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('reference_mismatch');
  });

  it('replays a retried conversion and refuses a second one with 409', async () => {
    const lead = await newLead();
    const first = await convert(lead, {}, 'convert-once');
    expect(first.status).toBe(200);
    const before = await snapshot(server.runtime.store);
    const retry = await convert(lead, {}, 'convert-once');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const second = await convert(lead, {});
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('lead_converted');
    expect(second.body.conversion).toMatchObject({
      accountId: first.body.accountId,
      opportunityId: first.body.opportunityId,
    });
    const otherKey = await convert(lead, {}, 'convert-twice');
    expect(otherKey.status).toBe(409);
    expect(await snapshot(server.runtime.store)).toEqual(before);
  });

  it('lets only one of two racing conversions through', async () => {
    const lead = await newLead({ company: '并发测试公司' });
    const [a, b] = await Promise.all([convert(lead), convert(lead)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const deals = await t.client.get<{ items: Deal[] }>(
      `/api/v1/opportunities?q=${encodeURIComponent('并发测试公司')}`,
    );
    expect(deals.body.items).toHaveLength(1);
  });

  it('leaves nothing behind when a step fails half-way', async () => {
    const lead = await newLead();
    const before = await snapshot(server.runtime.store);
    // The account and contact are created before the pipeline is found missing.
    const failed = await convert(lead, { pipelineId: '00000000-0000-7000-8000-000000000000' });
    expect(failed.status).toBe(422);
    expect(failed.body.code).toBe('reference_not_found');
    const wrongContact = await convert(lead, { contactId });
    expect(wrongContact.status).toBe(422);
    expect(wrongContact.body.code).toBe('reference_mismatch');
    expect(await snapshot(server.runtime.store)).toEqual(before);
    const still = await t.client.get<Lead>(`/api/v1/leads/${lead.id}`);
    expect(still.body).toMatchObject({ status: 'new', convertedOpportunityId: null });
    expect((await convert(lead)).status).toBe(200);
  });

  it('refuses disqualified leads, stale versions, closed deals and roles that do not sell', async () => {
    const lead = await newLead({ status: 'disqualified', disqualifyReason: '无预算' });
    const disqualified = await convert(lead);
    expect(disqualified.status).toBe(409);
    expect(disqualified.body.code).toBe('lead_disqualified');
    const fresh = await newLead();
    const stale = await convert({ ...fresh, version: fresh.version + 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const lost = await created<Deal>(
      t.client.post('/api/v1/opportunities', { name: '输单', accountId }),
    );
    const closed = await t.client.post(`/api/v1/opportunities/${lost.id}/close`, {
      version: lost.version,
      outcome: 'lost',
      reasons: ['price'],
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const intoClosed = await convert(fresh, { opportunityId: lost.id });
    expect(intoClosed.status).toBe(409);
    expect(intoClosed.body.code).toBe('opportunity_closed');
    const ops = await created<{ id: string; email: string }>(
      t.client.post('/api/v1/users', {
        email: 'ops-convert@example.test',
        name: 'Ops',
        role: 'lead_ops',
        password: TEST_PASSWORD,
      }),
    );
    const opsClient = await new ApiClient(server.url).signIn(ops.email, TEST_PASSWORD);
    const forbidden = await opsClient.post<Problem>(`/api/v1/leads/${fresh.id}/convert`, {
      version: fresh.version,
    });
    expect(forbidden.status).toBe(403);
    const notConverted = await t.client.get<Problem>(`/api/v1/leads/${fresh.id}/conversion`);
    expect(notConverted.status).toBe(404);
  });
});
