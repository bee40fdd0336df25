import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { make, pairOf } from '../support/duplicates.js';
import type { PairBody, Problem } from '../support/duplicates.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Merging duplicates over HTTP: the survivor takes the chosen fields, everything that
 * pointed at the duplicate points at the survivor, the duplicate answers 410 with where it
 * went, the audit trail has both sides, a retry changes nothing, and a refused merge
 * leaves every row as it was.
 */
interface Record {
  id: string;
  version: number;
  [field: string]: unknown;
}

describe.each(dialectsUnderTest())('duplicate merge ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    admin = t.client;
  });
  afterAll(async () => server?.close());

  const get = async (path: string) => (await admin.get<Record>(`/api/v1/${path}`)).body;
  const sideOf = (pair: PairBody, id: string) => (pair.left.id === id ? 'left' : 'right');
  const auditActions = async (entityType: string, id: string) =>
    (
      await admin.get<{ items: { action: string }[] }>(
        `/api/v1/audit?entityType=${entityType}&entityId=${id}`,
      )
    ).body.items.map((entry) => entry.action);

  it('merges two accounts and moves everything that pointed at the duplicate', async () => {
    const parent = await make(admin, 'accounts', { name: '远景集团总部' });
    const survivor = await make(admin, 'accounts', {
      name: '远景能源有限公司',
      website: 'envision.cn',
      notes: '主记录',
    });
    const duplicate = await make(admin, 'accounts', {
      name: '远景能源股份有限公司',
      phone: '021-1234 5678',
      industry: 'energy',
      notes: '重复',
      parentId: parent.id,
    });
    const child = await make(admin, 'accounts', { name: '远景上海分部', parentId: duplicate.id });
    const colleague = await make(admin, 'contacts', { accountId: survivor.id, name: '钟 一' });
    const contact = await make(admin, 'contacts', { accountId: duplicate.id, name: '钟一' });
    const deal = await created<Record>(
      admin.post('/api/v1/opportunities', {
        name: '风机',
        accountId: duplicate.id,
        primaryContactId: contact.id,
      }),
    );
    const activity = await created<Record>(
      admin.post('/api/v1/activities', { type: 'call', subject: '电话', accountId: duplicate.id }),
    );
    const task = await created<Record>(
      admin.post('/api/v1/tasks', { title: '回访', accountId: duplicate.id }),
    );
    const released = await admin.post(`/api/v1/accounts/${duplicate.id}/ownership`, {
      version: (await get(`accounts/${duplicate.id}`)).version,
      action: 'release',
      reason: '暂不跟进',
    });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    const history = async (id: string) =>
      (await admin.get<{ items: unknown[] }>(`/api/v1/accounts/${id}/ownership-history`)).body.items
        .length;
    const historyBefore = (await history(survivor.id)) + (await history(duplicate.id));

    const pair = (await pairOf(admin, survivor.id, duplicate.id)) as PairBody;
    expect(pair.reasons).toEqual(['company']);
    const merged = await admin.post<PairBody>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: sideOf(pair, survivor.id),
      version: pair.version,
      fields: { industry: 'source', notes: 'survivor' },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ status: 'merged', survivorId: survivor.id });

    const after = await get(`accounts/${survivor.id}`);
    expect(after).toMatchObject({
      name: '远景能源有限公司',
      industry: 'energy',
      notes: '主记录',
      // Fields only the duplicate had are kept without being asked for.
      phone: '021-1234 5678',
      parentId: parent.id,
      website: 'envision.cn',
    });
    expect((await get(`accounts/${child.id}`)).parentId).toBe(survivor.id);
    expect((await get(`contacts/${contact.id}`)).accountId).toBe(survivor.id);
    // Now at one account, the two 钟一 are one person to review.
    expect((await pairOf(admin, contact.id, colleague.id))?.reasons).toEqual(['person']);
    expect(await get(`opportunities/${deal.id}`)).toMatchObject({ accountId: survivor.id });
    expect((await get(`activities/${activity.id}`)).accountId).toBe(survivor.id);
    expect((await get(`tasks/${task.id}`)).accountId).toBe(survivor.id);
    expect(await history(survivor.id)).toBe(historyBefore);

    // The duplicate says where it went, and cannot come back.
    const gone = await admin.get<Problem>(`/api/v1/accounts/${duplicate.id}`);
    expect([gone.status, gone.body.code]).toEqual([410, 'record_merged']);
    expect(gone.body.mergedInto).toEqual({ entityType: 'account', id: survivor.id });
    const restore = await admin.post<Problem>(`/api/v1/accounts/${duplicate.id}/restore`);
    expect([restore.status, restore.body.code]).toEqual([410, 'record_merged']);

    expect(await auditActions('account', survivor.id)).toContain('merge');
    expect(await auditActions('account', duplicate.id)).toContain('merge');

    // A retry answers the same; the other direction is refused.
    const retry = await admin.post<PairBody>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: sideOf(pair, survivor.id),
      version: pair.version,
    });
    expect([retry.status, retry.body.version]).toEqual([200, merged.body.version]);
    expect((await get(`accounts/${survivor.id}`)).version).toBe(after.version);
    const reverse = await admin.post<Problem>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: sideOf(pair, duplicate.id),
    });
    expect([reverse.status, reverse.body.code]).toEqual([409, 'pair_resolved']);

    // The duplicate's old phone number now finds the survivor.
    const caller = await make(admin, 'accounts', { name: '某某贸易', phone: '02112345678' });
    expect((await pairOf(admin, survivor.id, caller.id))?.reasons).toEqual(['phone']);
  });

  it('merges leads: activities and tasks move, empty fields are filled', async () => {
    const survivor = await make(admin, 'leads', {
      name: '张三',
      source: 'event',
      email: 'zhangsan@lvye.cn',
    });
    const duplicate = await make(admin, 'leads', {
      name: '张 三',
      source: 'website',
      email: 'ZhangSan@lvye.cn',
      phone: '13812345678',
      status: 'contacted',
    });
    const activity = await created<Record>(
      admin.post('/api/v1/activities', { type: 'note', subject: '记录', leadId: duplicate.id }),
    );
    const task = await created<Record>(
      admin.post('/api/v1/tasks', { title: '打电话', leadId: duplicate.id }),
    );
    const pair = (await pairOf(admin, survivor.id, duplicate.id)) as PairBody;
    expect(pair.reasons).toEqual(['email']);
    const merged = await admin.post<PairBody>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: sideOf(pair, survivor.id),
      fields: { status: 'source' },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await get(`leads/${survivor.id}`)).toMatchObject({
      name: '张三',
      phone: '13812345678',
      status: 'contacted',
      source: 'event',
    });
    expect((await get(`activities/${activity.id}`)).leadId).toBe(survivor.id);
    expect((await get(`tasks/${task.id}`)).leadId).toBe(survivor.id);
    const gone = await admin.get<Problem>(`/api/v1/leads/${duplicate.id}`);
    expect(gone.body.mergedInto).toEqual({ entityType: 'lead', id: survivor.id });
    // The merged-away lead is in the trash, not in the list.
    const list = await admin.get<{ items: { id: string }[] }>('/api/v1/leads?limit=200');
    expect(list.body.items.map((lead) => lead.id)).not.toContain(duplicate.id);
  });

  it('keeps a conversion: the survivor of a converted duplicate is converted', async () => {
    const account = await make(admin, 'accounts', { name: '松柏物流' });
    const contact = await make(admin, 'contacts', { accountId: account.id, name: '段一' });
    const survivor = await make(admin, 'leads', {
      name: '段一',
      source: 'event',
      email: 'duan@songbai.cn',
    });
    const duplicate = await make(admin, 'leads', {
      name: '段 一',
      source: 'referral',
      email: 'duan@songbai.cn',
    });
    const converted = await admin.post<{ opportunity?: { id: string } }>(
      `/api/v1/leads/${duplicate.id}/convert`,
      { version: duplicate.version, accountId: account.id, contactId: contact.id },
    );
    expect([200, 201], JSON.stringify(converted.body)).toContain(converted.status);
    const convertedLead = await get(`leads/${duplicate.id}`);
    expect(convertedLead.status).toBe('converted');
    const pair = (await pairOf(admin, survivor.id, duplicate.id)) as PairBody;
    const merged = await admin.post<PairBody>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: sideOf(pair, survivor.id),
      fields: { status: 'survivor' },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await get(`leads/${survivor.id}`)).toMatchObject({
      status: 'converted',
      convertedOpportunityId: convertedLead.convertedOpportunityId,
    });
    const conversion = await admin.get(`/api/v1/leads/${survivor.id}/conversion`);
    expect(conversion.status, JSON.stringify(conversion.body)).toBe(200);
  });

  it('merges contacts at one account and keeps the reports-to chart free of loops', async () => {
    const account = await make(admin, 'accounts', { name: '白鹭航空' });
    const boss = await make(admin, 'contacts', {
      accountId: account.id,
      name: '马总',
      email: 'ma@bailu.cn',
    });
    // The same person entered again, reporting to their own first record.
    const again = await make(admin, 'contacts', {
      accountId: account.id,
      name: '马 总',
      email: 'MA@bailu.cn',
      reportsToId: boss.id,
    });
    const staff = await make(admin, 'contacts', {
      accountId: account.id,
      name: '小李',
      reportsToId: again.id,
    });
    const pair = (await pairOf(admin, boss.id, again.id)) as PairBody;
    const merged = await admin.post<PairBody>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: sideOf(pair, again.id),
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    // Its parent was the record merged into it: it becomes the top of the chart.
    expect((await get(`contacts/${again.id}`)).reportsToId).toBeNull();
    expect((await get(`contacts/${staff.id}`)).reportsToId).toBe(again.id);
  });

  it('refuses what cannot be merged and leaves everything as it was', async () => {
    const one = await make(admin, 'accounts', { name: '甲公司一号' });
    const two = await make(admin, 'accounts', { name: '乙公司二号' });
    const a = await make(admin, 'contacts', { accountId: one.id, name: '何一', email: 'he@x.cn' });
    const b = await make(admin, 'contacts', { accountId: two.id, name: '何二', email: 'he@x.cn' });
    const contacts = (await pairOf(admin, a.id, b.id)) as PairBody;
    const across = await admin.post<Problem>(`/api/v1/duplicates/${contacts.id}/merge`, {
      survivor: 'left',
    });
    expect([across.status, across.body.code]).toEqual([409, 'pair_not_mergeable']);

    const account = await make(admin, 'accounts', { name: '天合光能', website: 'trina.cn' });
    const lead = await make(admin, 'leads', {
      name: '许一',
      source: 'event',
      email: 'xu@trina.cn',
    });
    const mixed = (await pairOf(admin, lead.id, account.id)) as PairBody;
    const mixedMerge = await admin.post<Problem>(`/api/v1/duplicates/${mixed.id}/merge`, {
      survivor: 'left',
    });
    expect([mixedMerge.status, mixedMerge.body.code]).toEqual([409, 'pair_not_mergeable']);

    const x = await make(admin, 'leads', { name: '吕一', source: 'event', phone: '13500000077' });
    const y = await make(admin, 'leads', { name: '吕二', source: 'event', phone: '13500000077' });
    const pair = (await pairOf(admin, x.id, y.id)) as PairBody;
    const stale = await admin.post<Problem>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: 'left',
      version: pair.version + 1,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'version_conflict']);
    const unknownField = await admin.post<Problem>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: 'left',
      fields: { website: 'source' },
    });
    expect([unknownField.status, unknownField.body.code]).toEqual([400, 'validation_failed']);
    // Nothing moved: both leads live, the pair open, no merge in the audit trail.
    expect((await admin.get(`/api/v1/leads/${x.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/leads/${y.id}`)).status).toBe(200);
    expect((await pairOf(admin, x.id, y.id))?.version).toBe(pair.version);
    expect(await auditActions('lead', x.id)).not.toContain('merge');
  });

  it('writes the whole merge or nothing', async () => {
    const a = await make(admin, 'leads', { name: '施一', source: 'event', phone: '13300000001' });
    const b = await make(admin, 'leads', { name: '施二', source: 'event', phone: '13300000001' });
    const activity = await created<Record>(
      admin.post('/api/v1/activities', { type: 'note', subject: '记录', leadId: b.id }),
    );
    const pair = (await pairOf(admin, a.id, b.id)) as PairBody;
    // A trigger makes the merge's audit entry fail, after the references moved, the
    // duplicate went to the trash and the survivor was saved.
    const db = server.runtime.store.db;
    if (dialect.name === 'sqlite') {
      await sql`create trigger fail_merge before insert on audit_log
        when new.action = 'merge' begin select raise(abort, 'boom'); end`.execute(db);
    } else {
      await sql`create function fail_merge() returns trigger language plpgsql as $$
        begin if new.action = 'merge' then raise exception 'boom'; end if; return new; end $$`.execute(
        db,
      );
      await sql`create trigger fail_merge before insert on audit_log
        for each row execute function fail_merge()`.execute(db);
    }
    try {
      const failed = await admin.post<Problem>(`/api/v1/duplicates/${pair.id}/merge`, {
        survivor: sideOf(pair, a.id),
      });
      expect(failed.status).toBe(500);
    } finally {
      await sql`drop trigger fail_merge ${dialect.name === 'postgres' ? sql`on audit_log` : sql``}`.execute(
        db,
      );
    }
    expect((await admin.get(`/api/v1/leads/${b.id}`)).status).toBe(200);
    expect((await get(`activities/${activity.id}`)).leadId).toBe(b.id);
    expect(await auditActions('lead', a.id)).not.toContain('merge');
    expect((await pairOf(admin, a.id, b.id))?.version).toBe(pair.version);
    // …and the retry goes through.
    const retry = await admin.post<PairBody>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: sideOf(pair, a.id),
    });
    expect(retry.status).toBe(200);
    expect((await get(`activities/${activity.id}`)).leadId).toBe(a.id);
  });
});
