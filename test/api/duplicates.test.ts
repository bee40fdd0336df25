import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { CREDIT_CODES, make, pairOf, queue } from '../support/duplicates.js';
import type { PairBody, Problem } from '../support/duplicates.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Duplicate detection over HTTP: what makes two records a pair once normalised (phone
 * spellings, Chinese company suffixes, credit codes with their check character, web
 * domains, e-mail case), edits and imports that raise or retire pairs, dismissal that
 * sticks, and a queue that shows only pairs whose two records the caller may see.
 */
describe.each(dialectsUnderTest())('duplicate detection ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    admin = t.client;
  });
  afterAll(async () => server?.close());

  it('pairs leads whose phones are one number however written', async () => {
    const a = await make(admin, 'leads', {
      name: '王五',
      source: 'event',
      phone: '+86 138-0013-8000',
    });
    const b = await make(admin, 'leads', {
      name: '赵六',
      source: 'website',
      phone: '１３８００１３８０００',
    });
    const c = await make(admin, 'leads', {
      name: '钱七',
      source: 'website',
      phone: '010-6552 9988',
    });
    const pair = await pairOf(admin, a.id, b.id);
    expect(pair).toMatchObject({
      type: 'lead',
      mergeable: true,
      reasons: ['phone'],
      matches: [{ kind: 'phone', value: '13800138000' }],
      score: 80,
      status: 'open',
    });
    expect(await pairOf(admin, a.id, c.id)).toBeUndefined();
  });

  it('pairs accounts by company name without legal form, width or region brackets', async () => {
    const a = await make(admin, 'accounts', { name: '博远（北京）科技有限公司' });
    const b = await make(admin, 'accounts', { name: '博远(北京)科技股份有限公司' });
    const other = await make(admin, 'accounts', { name: '博远数据有限公司' });
    expect((await pairOf(admin, a.id, b.id))?.reasons).toEqual(['company']);
    expect(await pairOf(admin, a.id, other.id)).toBeUndefined();
  });

  it('uses a credit code only when its check character is right, and keeps two codes apart', async () => {
    const [code, otherCode] = CREDIT_CODES;
    const a = await make(admin, 'accounts', { name: '甲方一号', creditCode: code });
    const b = await make(admin, 'accounts', {
      name: '完全不同的名字',
      creditCode: code,
    });
    expect((await pairOf(admin, a.id, b.id))?.reasons).toEqual(['credit_code']);
    // A typo in the check character matches nothing.
    const typo = await make(admin, 'accounts', {
      name: '又一个名字',
      creditCode: `${code?.slice(0, 17)}4`,
    });
    expect(await pairOf(admin, a.id, typo.id)).toBeUndefined();
    // Same name, different valid codes: two legal entities (a group's subsidiaries).
    const c = await make(admin, 'accounts', { name: '联合控股集团', creditCode: otherCode });
    const d = await make(admin, 'accounts', {
      name: '联合控股集团有限公司',
      creditCode: CREDIT_CODES[2],
    });
    expect(await pairOf(admin, c.id, d.id)).toBeUndefined();
  });

  it('pairs accounts by web domain and leads with the customer they belong to', async () => {
    const account = await make(admin, 'accounts', {
      name: '星河软件',
      website: 'https://www.xinghe.cn/about',
    });
    const twin = await make(admin, 'accounts', { name: '星河信息', website: 'XINGHE.cn' });
    expect((await pairOf(admin, account.id, twin.id))?.reasons).toEqual(['domain']);
    const lead = await make(admin, 'leads', {
      name: '刘一',
      source: 'event',
      email: 'Liu.Yi@XINGHE.cn',
    });
    const pair = await pairOf(admin, lead.id, account.id);
    expect(pair).toMatchObject({ type: 'lead_account', mergeable: false, reasons: ['domain'] });
    // A free mail domain says nothing about the company.
    const gmail = await make(admin, 'leads', {
      name: '陈二',
      source: 'event',
      email: 'chen@qq.com',
    });
    const other = await make(admin, 'leads', {
      name: '孙三',
      source: 'event',
      email: 'sun@qq.com',
    });
    expect(await pairOf(admin, gmail.id, other.id)).toBeUndefined();
  });

  it('pairs contacts by e-mail regardless of case, and a lead with a known contact', async () => {
    const account = await make(admin, 'accounts', { name: '青松医疗' });
    const a = await make(admin, 'contacts', {
      accountId: account.id,
      name: '周八',
      email: 'zhou@qingsong.cn',
    });
    const b = await make(admin, 'contacts', {
      accountId: account.id,
      name: '周 八',
      email: ' ZHOU@qingsong.CN',
    });
    expect((await pairOf(admin, a.id, b.id))?.reasons).toEqual(['email', 'person']);
    const lead = await make(admin, 'leads', {
      name: '周八',
      source: 'event',
      email: 'zhou@QINGSONG.cn',
    });
    expect((await pairOf(admin, lead.id, a.id))?.type).toBe('lead_contact');
  });

  it('raises pairs on edit and retires them when the shared key goes', async () => {
    const a = await make(admin, 'leads', { name: '吴九', source: 'event', email: 'wu9@jiu.cn' });
    const b = await make(admin, 'leads', { name: '郑十', source: 'event', email: 'zheng@shi.cn' });
    expect(await pairOf(admin, a.id, b.id)).toBeUndefined();
    const edited = await admin.patch<{ version: number }>(`/api/v1/leads/${b.id}`, {
      version: b.version,
      email: 'WU9@jiu.cn',
    });
    expect(edited.status).toBe(200);
    expect((await pairOf(admin, a.id, b.id))?.reasons).toEqual(['email']);
    const fixed = await admin.patch(`/api/v1/leads/${b.id}`, {
      version: edited.body.version,
      email: 'zheng@shi.cn',
    });
    expect(fixed.status).toBe(200);
    expect(await pairOf(admin, a.id, b.id)).toBeUndefined();
  });

  it('ignores records in the trash and compares them again when restored', async () => {
    const trashed = await make(admin, 'leads', {
      name: '卫一',
      source: 'event',
      phone: '13400000004',
    });
    expect((await admin.delete(`/api/v1/leads/${trashed.id}`)).status).toBe(204);
    const fresh = await make(admin, 'leads', {
      name: '卫二',
      source: 'event',
      phone: '134-0000-0004',
    });
    expect(await pairOf(admin, trashed.id, fresh.id)).toBeUndefined();
    expect((await admin.post(`/api/v1/leads/${trashed.id}/restore`)).status).toBe(200);
    expect((await pairOf(admin, trashed.id, fresh.id))?.reasons).toEqual(['phone']);
  });

  it('dismisses a pair for good: not re-raised by later edits', async () => {
    const a = await make(admin, 'leads', { name: '冯一', source: 'event', phone: '13900000001' });
    const b = await make(admin, 'leads', { name: '冯二', source: 'event', phone: '139 0000 0001' });
    const pair = (await pairOf(admin, a.id, b.id)) as PairBody;
    const stale = await admin.post<Problem>(`/api/v1/duplicates/${pair.id}/dismiss`, {
      version: pair.version + 1,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'version_conflict']);
    const dismissed = await admin.post<PairBody>(`/api/v1/duplicates/${pair.id}/dismiss`, {
      version: pair.version,
      note: '父子，不是同一人',
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', note: '父子，不是同一人' });
    // Twice is the same answer.
    const again = await admin.post<PairBody>(`/api/v1/duplicates/${pair.id}/dismiss`, {});
    expect([again.status, again.body.version]).toEqual([200, dismissed.body.version]);
    expect(await pairOf(admin, a.id, b.id)).toBeUndefined();
    const current = await admin.get<{ version: number }>(`/api/v1/leads/${b.id}`);
    await admin.patch(`/api/v1/leads/${b.id}`, { version: current.body.version, name: '冯二二' });
    expect(await pairOf(admin, a.id, b.id)).toBeUndefined();
    expect((await pairOf(admin, a.id, b.id, 'dismissed'))?.id).toBe(pair.id);
    // A dismissed pair cannot be merged.
    const merge = await admin.post<Problem>(`/api/v1/duplicates/${pair.id}/merge`, {
      survivor: 'left',
    });
    expect([merge.status, merge.body.code]).toEqual([409, 'pair_resolved']);
  });

  it('finds duplicates in an import, against stored records and within the file', async () => {
    const existing = await make(admin, 'leads', {
      name: '韩梅梅',
      source: 'event',
      phone: '13711112222',
    });
    const upload = await admin.uploadWith<{ id: string }>('/api/v1/imports/leads', {
      name: 'leads.csv',
      content:
        'name,source,phone,email\n' +
        '韩 梅梅,event,+86 137 1111 2222,\n' +
        '李雷,event,,lilei@school.cn\n' +
        '李 雷,event,,LiLei@school.cn\n',
    });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const leads = await admin.get<{ items: { id: string; name: string }[] }>(
      '/api/v1/leads?limit=200&sort=-createdAt',
    );
    const idOf = (name: string) => leads.body.items.find((lead) => lead.name === name)?.id ?? '';
    expect((await pairOf(admin, existing.id, idOf('韩 梅梅')))?.reasons).toEqual(['phone']);
    expect((await pairOf(admin, idOf('李雷'), idOf('李 雷')))?.reasons).toEqual(['email']);
  });

  it('shows a pair only to those who see both records, and lets only stewards resolve it', async () => {
    const people: Record<string, ApiClient> = {};
    const ids: Record<string, string> = {};
    const team = await created<{ id: string }>(admin.post('/api/v1/teams', { name: '华南' }));
    for (const [name, role, teamId] of [
      ['rep1', 'rep', team.id],
      ['rep2', 'rep', team.id],
      ['manager', 'manager', team.id],
      ['outsider', 'manager', null],
    ] as const) {
      const email = `${name}@${t.tenant.slug}.test`;
      const user = await created<{ id: string }>(
        admin.post('/api/v1/users', { email, name, role, teamId, password: TEST_PASSWORD }),
      );
      ids[name] = user.id;
      people[name] = await new ApiClient(server.url).signIn(email, TEST_PASSWORD);
    }
    if (ids.manager) {
      const teamNow = await admin.get<{ version: number }>(`/api/v1/teams/${team.id}`);
      await admin.patch(`/api/v1/teams/${team.id}`, {
        version: teamNow.body.version,
        managerId: ids.manager,
      });
    }
    const rep1 = people.rep1 as ApiClient;
    const mine = await make(rep1, 'leads', { name: '甲', source: 'event', phone: '13600000009' });
    const alsoMine = await make(rep1, 'leads', {
      name: '乙',
      source: 'event',
      phone: '13600000009',
    });
    const theirs = await make(people.rep2 as ApiClient, 'leads', {
      name: '丙',
      source: 'event',
      phone: '13600000009',
    });
    const own = await pairOf(rep1, mine.id, alsoMine.id);
    expect(own).toBeDefined();
    // rep1 cannot see rep2's lead, so neither the pair nor its id.
    expect(await pairOf(rep1, mine.id, theirs.id)).toBeUndefined();
    const cross = (await pairOf(admin, mine.id, theirs.id)) as PairBody;
    expect((await rep1.get<Problem>(`/api/v1/duplicates/${cross.id}`)).status).toBe(404);
    // The team's manager sees both; a manager elsewhere sees neither.
    expect((await pairOf(people.manager as ApiClient, mine.id, theirs.id))?.id).toBe(cross.id);
    const outsider = await (people.outsider as ApiClient).post<Problem>(
      `/api/v1/duplicates/${cross.id}/dismiss`,
      {},
    );
    expect(outsider.status).toBe(404);
    // Reps review their own queue but do not resolve it.
    const byRep = await rep1.post<Problem>(`/api/v1/duplicates/${own?.id}/dismiss`, {});
    expect([byRep.status, byRep.body.code]).toEqual([403, 'forbidden']);
    const byManager = await (people.manager as ApiClient).post<PairBody>(
      `/api/v1/duplicates/${cross.id}/dismiss`,
      {},
    );
    expect([byManager.status, byManager.body.status]).toEqual([200, 'dismissed']);
  });

  it('filters the queue by kind and status and validates the query', async () => {
    const accounts = await queue(admin, '&entityType=account');
    expect(accounts.length).toBeGreaterThan(0);
    expect(
      accounts.every((p) => p.left.entityType === 'account' || p.right.entityType === 'account'),
    ).toBe(true);
    const bad = await admin.get<Problem>('/api/v1/duplicates?status=maybe');
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    const missing = await admin.get<Problem>(
      '/api/v1/duplicates/00000000-0000-7000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
  });
});
