import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { createOrg, DAY, pooledLead, setTenantSettings } from '../support/pools.js';
import type { Held, Org, Problem } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { tokenClient } from '../support/stalled.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Outreach and the follow-up clock over the API: silence periods (静默期) on contacts and
 * accounts refuse outreach with `silenced`, the contact-frequency cap refuses with
 * `contact_cap_reached`, notes are always allowed, and outreach that happened restarts the
 * owner's follow-up deadline.
 */
describe.each(dialectsUnderTest())('silence, caps and follow-up clocks ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-11-02T01:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let org: Org;
  let rep: ApiClient;

  const later = (days: number) => new Date(clock.now().getTime() + days * DAY).toISOString();
  const log = (body: Record<string, unknown>, client: ApiClient = rep) =>
    client.post<Problem & { id: string; version: number }>('/api/v1/activities', {
      subject: '跟进',
      ...body,
    });
  const edit = async (
    kind: 'accounts' | 'contacts',
    id: string,
    change: Record<string, unknown>,
  ) => {
    const current = await org.admin.get<{ version: number }>(`/api/v1/${kind}/${id}`);
    const response = await org.admin.patch(`/api/v1/${kind}/${id}`, {
      version: current.body.version,
      ...change,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  const account = async (name: string) =>
    created<Held>(org.admin.post('/api/v1/accounts', { name, ownerId: org.ids.rep1 }));
  const contact = async (accountId: string) =>
    created<{ id: string }>(
      org.admin.post('/api/v1/contacts', { accountId, name: '李总', ownerId: org.ids.rep1 }),
    );

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    org = await createOrg(server, t);
    rep = org.as('rep1');
    await setTenantSettings(org.admin, { contactCap: { max: 2, perDays: 7 } });
  });
  afterAll(async () => server?.close());

  describe('silence periods', () => {
    it('refuses outreach to a silenced contact until the period ends; notes are fine', async () => {
      const customer = await account('静默联系人客户');
      const person = await contact(customer.id);
      const until = later(10);
      await edit('contacts', person.id, { silenceUntil: until });
      const call = await log({ type: 'call', contactId: person.id });
      expect(call.status).toBe(409);
      expect(call.body.code).toBe('silenced');
      expect(call.body.detail).toContain(until);
      const zh = await tokenClient(server, `rep1@${t.tenant.slug}.test`, 'zh-CN');
      const zhCall = await log({ type: 'visit', contactId: person.id }, zh);
      expect(zhCall.body.detail).toContain('静默期');
      expect((await log({ type: 'note', contactId: person.id })).status).toBe(201);
      clock.advance(10 * DAY);
      expect((await log({ type: 'call', contactId: person.id })).status).toBe(201);
    });

    it('silences every contact of a silenced account, and the account itself', async () => {
      const customer = await account('暂无需求客户');
      const person = await contact(customer.id);
      await edit('accounts', customer.id, { silenceUntil: later(30) });
      for (const body of [
        { type: 'email', contactId: person.id },
        { type: 'meeting', accountId: customer.id },
        { type: 'demo', accountId: customer.id, contactId: person.id },
      ]) {
        const response = await log(body);
        expect(response.status, JSON.stringify(body)).toBe(409);
        expect(response.body.code).toBe('silenced');
      }
      // Lifting the silence (the customer called back) opens the door at once.
      await edit('accounts', customer.id, { silenceUntil: null });
      expect((await log({ type: 'meeting', accountId: customer.id })).status).toBe(201);
    });
  });

  describe('contact-frequency caps', () => {
    it('allows as many outreach activities as the cap, then refuses until the window moves', async () => {
      const customer = await account('频次客户');
      const person = await contact(customer.id);
      expect((await log({ type: 'call', contactId: person.id })).status).toBe(201);
      clock.advance(DAY);
      expect((await log({ type: 'email', contactId: person.id })).status).toBe(201);
      const third = await log({ type: 'visit', contactId: person.id });
      expect(third.status).toBe(409);
      expect(third.body.code).toBe('contact_cap_reached');
      expect(third.body.detail).toContain('2');
      expect(third.body.detail).toContain('7');
      // Another colleague is held to the same cap: it protects the customer, not the rep.
      const byManager = await log({ type: 'call', contactId: person.id }, org.as('eastManager'));
      expect(byManager.body.code).toBe('contact_cap_reached');
      expect((await log({ type: 'note', contactId: person.id })).status).toBe(201);
      // Just over seven days after the first call it leaves the window: one more is allowed.
      clock.advance(6 * DAY);
      expect((await log({ type: 'call', contactId: person.id })).body.code).toBe(
        'contact_cap_reached',
      );
      clock.advance(1);
      expect((await log({ type: 'call', contactId: person.id })).status).toBe(201);
      expect((await log({ type: 'call', contactId: person.id })).body.code).toBe(
        'contact_cap_reached',
      );
    });

    it('does not let an edit turn a note into outreach beyond the cap', async () => {
      const customer = await account('改类型客户');
      const person = await contact(customer.id);
      for (let i = 0; i < 2; i++)
        expect((await log({ type: 'call', contactId: person.id })).status).toBe(201);
      const note = await log({ type: 'note', contactId: person.id });
      expect(note.status).toBe(201);
      const smuggled = await rep.patch<Problem>(`/api/v1/activities/${note.body.id}`, {
        version: note.body.version,
        type: 'call',
      });
      expect(smuggled.status).toBe(409);
      expect(smuggled.body.code).toBe('contact_cap_reached');
      const kept = await rep.get<{ type: string; version: number }>(
        `/api/v1/activities/${note.body.id}`,
      );
      expect(kept.body).toMatchObject({ type: 'note', version: note.body.version });
      // Editing outreach already counted (its subject) is not a new contact.
      const calls = await rep.get<{ items: { id: string; version: number; type: string }[] }>(
        `/api/v1/activities?contactId=${person.id}`,
      );
      const call = calls.body.items.find((item) => item.type === 'call');
      const retitled = await rep.patch(`/api/v1/activities/${call?.id}`, {
        version: call?.version,
        subject: '电话沟通报价',
      });
      expect(retitled.status, JSON.stringify(retitled.body)).toBe(200);
    });

    it('caps nothing when the tenant turns the cap off', async () => {
      await setTenantSettings(org.admin, { contactCap: null });
      const customer = await account('无上限客户');
      const person = await contact(customer.id);
      for (let i = 0; i < 4; i++)
        expect((await log({ type: 'call', contactId: person.id })).status).toBe(201);
      await setTenantSettings(org.admin, { contactCap: { max: 2, perDays: 7 } });
    });
  });

  describe('follow-up clocks', () => {
    it('restarts the owner’s deadline on outreach, without touching the version', async () => {
      const lead = await created<Held>(
        org.admin.post('/api/v1/leads', { name: '赵先生', source: 'event', ownerId: org.ids.rep1 }),
      );
      expect(lead.deadlineAt).toBe(later(7));
      clock.advance(3 * DAY);
      expect((await log({ type: 'call', leadId: lead.id })).status).toBe(201);
      const after = await rep.get<Held>(`/api/v1/leads/${lead.id}`);
      expect(after.body).toMatchObject({
        deadlineAt: later(7),
        deadlineLevel: 0,
        version: lead.version,
      });
    });

    it('uses the date the rep promised, and ignores notes and planned outreach', async () => {
      const lead = await created<Held>(
        org.admin.post('/api/v1/leads', { name: '钱女士', source: 'event', ownerId: org.ids.rep1 }),
      );
      const promised = later(2);
      expect((await log({ type: 'call', leadId: lead.id, nextFollowUpAt: promised })).status).toBe(
        201,
      );
      expect((await rep.get<Held>(`/api/v1/leads/${lead.id}`)).body.deadlineAt).toBe(promised);
      clock.advance(DAY);
      expect((await log({ type: 'note', leadId: lead.id })).status).toBe(201);
      expect((await log({ type: 'visit', leadId: lead.id, occurredAt: later(3) })).status).toBe(
        201,
      );
      expect((await rep.get<Held>(`/api/v1/leads/${lead.id}`)).body.deadlineAt).toBe(promised);
    });

    it('restarts the account’s clock through a contact of the account', async () => {
      const customer = await account('时钟客户');
      const person = await contact(customer.id);
      clock.advance(2 * DAY);
      expect((await log({ type: 'visit', contactId: person.id })).status).toBe(201);
      const after = await rep.get<Held>(`/api/v1/accounts/${customer.id}`);
      expect(after.body.deadlineAt).toBe(later(7));
      expect(after.body.version).toBe(customer.version);
    });

    it('gives a lead in the pool no clock to restart', async () => {
      const lead = await pooledLead(org, org.defaultPoolId);
      expect((await log({ type: 'call', leadId: lead.id }, org.admin)).status).toBe(201);
      expect((await org.admin.get<Held>(`/api/v1/leads/${lead.id}`)).body.deadlineAt).toBeNull();
    });
  });
});
