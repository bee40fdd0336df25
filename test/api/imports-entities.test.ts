import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { csvFile, importFile, listAll, xlsxFile } from '../support/imports.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Each entity comes in from CSV and from XLSX through the API: headers mapped to fields,
 * the source's words mapped to ours, owners found by e-mail or name, accounts matched or
 * created, dates in the formats people have and amounts to the fen.
 */
interface Lead {
  name: string;
  status: string;
  source: string;
  ownerId: string | null;
  poolId: string | null;
  email: string | null;
  createdAt: string;
  bantBudget: { amountMinor: number; currency: string } | null;
}
interface Account {
  id: string;
  name: string;
  creditCode: string | null;
  ownerId: string | null;
  valueTier: string | null;
  createdAt: string;
}
interface Contact {
  name: string;
  accountId: string;
  decisionRole: string | null;
}
interface Deal {
  name: string;
  accountId: string;
  ownerId: string;
  status: string;
  amount: { amountMinor: number; currency: string };
  expectedCloseDate: string | null;
  createdAt: string;
  closedAt: string | null;
}

describe.each(dialectsUnderTest())('importing each entity ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let repId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    // The tenant's calendar is Shanghai's (UTC+8): a date in a file is a Shanghai date.
    const tenant = await t.client.get<{ version: number }>('/api/v1/tenant');
    await t.client.patch('/api/v1/tenant', {
      version: tenant.body.version,
      timeZone: 'Asia/Shanghai',
    });
    const rep = await created<{ id: string }>(
      t.client.post('/api/v1/users', { email: 'wang.wei@example.test', name: '王伟', role: 'rep' }),
    );
    repId = rep.id;
  });
  afterAll(async () => server?.close());

  it('imports leads from CSV with value mapping, owners by e-mail or name, defaults', async () => {
    const file = csvFile([
      ['姓名', '邮箱', '状态', '来源', '负责人', '创建日期', '预算'],
      [
        '张三',
        'ZHANG@Example.test',
        '已联系',
        '展会',
        'wang.wei@example.test',
        '2026/03/05',
        '12,000.50',
      ],
      ['李四', '', '新线索', '', '王伟', '2026年3月6日', ''],
      ['王五', '', '无效', '官网', '', '2026-3-7', ''],
    ]);
    const mapping = {
      columns: {
        姓名: 'name',
        邮箱: 'email',
        状态: 'status',
        来源: 'source',
        负责人: 'owner',
        创建日期: 'createdAt',
        预算: 'bantBudget',
      },
      values: {
        status: { 已联系: 'contacted', 新线索: 'new', 无效: 'disqualified' },
        source: { 展会: 'event', 官网: 'website' },
      },
      defaults: { source: 'referral', disqualifyReason: '导入时已无效' },
    };
    const response = await importFile(
      t.client,
      'leads',
      { name: 'leads.csv', content: file },
      mapping,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.counts).toMatchObject({ rows: 3, imported: 3, failed: 0 });
    const leads = await listAll<Lead>(t.client, '/api/v1/leads');
    const byName = new Map(leads.map((lead) => [lead.name, lead]));
    expect(byName.get('张三')).toMatchObject({
      status: 'contacted',
      source: 'event',
      ownerId: repId,
      email: 'zhang@example.test',
      createdAt: '2026-03-04T16:00:00.000Z',
      bantBudget: { amountMinor: 1_200_050, currency: 'CNY' },
    });
    expect(byName.get('李四')).toMatchObject({ status: 'new', source: 'referral', ownerId: repId });
    // Without an owner a lead lands in the default public pool.
    expect(byName.get('王五')).toMatchObject({ status: 'disqualified', ownerId: null });
    expect(byName.get('王五')?.poolId).toBeTruthy();
  });

  it('imports accounts from XLSX with date cells and Excel serials', async () => {
    const file = await xlsxFile([
      ['Company', 'USCC', 'Tier', 'Owner', 'Since'],
      [
        '杭州甲科技有限公司',
        '91330100MA27XY012B',
        '标杆',
        '王伟',
        new Date(Date.UTC(2025, 0, 15, 9, 30)),
      ],
      ['乙制造', '', 'Potential', '', 45_000],
    ]);
    const mapping = {
      columns: {
        Company: 'name',
        USCC: 'creditCode',
        Tier: 'valueTier',
        Owner: 'owner',
        Since: 'createdAt',
      },
      values: { valueTier: { 标杆: 'benchmark' } },
    };
    const response = await importFile(
      t.client,
      'accounts',
      { name: 'accounts.xlsx', content: file },
      mapping,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.counts).toMatchObject({ rows: 2, imported: 2, failed: 0 });
    const accounts = await listAll<Account>(t.client, '/api/v1/accounts');
    const jia = accounts.find((a) => a.name === '杭州甲科技有限公司');
    // 09:30 on the sheet is 09:30 in Shanghai.
    expect(jia).toMatchObject({
      creditCode: '91330100MA27XY012B',
      valueTier: 'benchmark',
      ownerId: repId,
      createdAt: '2025-01-15T01:30:00.000Z',
    });
    // Serial 45000 is 2023-03-15 in Excel's calendar.
    expect(accounts.find((a) => a.name === '乙制造')).toMatchObject({
      valueTier: 'potential',
      createdAt: '2023-03-14T16:00:00.000Z',
    });
  });

  it('imports contacts, matching accounts by name or credit code and creating missing ones', async () => {
    const file = csvFile([
      ['account', 'name', 'decisionRole'],
      ['杭州甲科技有限公司', '赵总', 'decision maker'],
      ['91330100MA27XY012B', '钱工', 'influencer'],
      ['丙物流', '孙经理', 'champion'],
      ['丙物流', '周助理', 'gatekeeper'],
    ]);
    const response = await importFile(t.client, 'contacts', {
      name: 'contacts.csv',
      content: file,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.counts).toMatchObject({ imported: 4, failed: 0, accountsCreated: 1 });
    const accounts = await listAll<Account>(t.client, '/api/v1/accounts');
    const jia = accounts.find((a) => a.name === '杭州甲科技有限公司');
    const bing = accounts.filter((a) => a.name === '丙物流');
    expect(bing).toHaveLength(1);
    const contacts = await listAll<Contact>(t.client, '/api/v1/contacts');
    const accountOf = (name: string) => contacts.find((c) => c.name === name)?.accountId;
    expect(accountOf('赵总')).toBe(jia?.id);
    expect(accountOf('钱工')).toBe(jia?.id);
    expect(accountOf('孙经理')).toBe(bing[0]?.id);
    expect(accountOf('周助理')).toBe(bing[0]?.id);
    expect(contacts.find((c) => c.name === '赵总')?.decisionRole).toBe('decision_maker');

    // With account creation off, an unknown account is a row error, not a new customer.
    const strict = await importFile(
      t.client,
      'contacts',
      {
        name: 'more.csv',
        content: csvFile([
          ['account', 'name'],
          ['丁公司', '吴工'],
        ]),
      },
      { createAccounts: false },
    );
    expect(strict.body.counts).toMatchObject({ imported: 0, failed: 1, accountsCreated: 0 });
    expect(strict.body.errors[0]).toMatchObject({
      row: 2,
      field: 'account',
      code: 'unknown_account',
    });
  });

  it('imports deals from CSV and XLSX: stages by value mapping, dates, amounts to the fen', async () => {
    const header = ['Deal', 'Customer', 'Owner', 'Phase', 'Value', 'Close', 'Opened', 'Closed'];
    const mapping = {
      columns: {
        Deal: 'name',
        Customer: 'account',
        Owner: 'owner',
        Phase: 'stage',
        Value: 'amount',
        Close: 'expectedCloseDate',
        Opened: 'createdAt',
        Closed: 'closedAt',
      },
      values: {
        stage: { Prospecting: 'initial-contact', 'Closed Won': 'won', 'Closed Lost': 'lost' },
      },
      dateFormat: 'DD/MM/YYYY',
    };
    const csv = csvFile([
      header,
      [
        'CSV open',
        '杭州甲科技有限公司',
        '王伟',
        'Prospecting',
        '0.10',
        '30/06/2026',
        '2026-01-05',
        '',
      ],
      [
        'CSV won',
        '丙物流',
        'wang.wei@example.test',
        'Closed Won',
        '¥1,234,567.89',
        '',
        '05/01/2026',
        '2026-03-05T10:00:00+08:00',
      ],
    ]);
    const fromCsv = await importFile(
      t.client,
      'opportunities',
      { name: 'deals.csv', content: csv },
      mapping,
    );
    expect(fromCsv.status, JSON.stringify(fromCsv.body)).toBe(201);
    expect(fromCsv.body.counts).toMatchObject({ imported: 2, failed: 0 });
    const xlsx = await xlsxFile([
      header,
      [
        'XLSX lost',
        '乙制造',
        '王伟',
        'Closed Lost',
        99.99,
        null,
        new Date(Date.UTC(2025, 10, 1)),
        new Date(Date.UTC(2025, 11, 24, 18)),
      ],
    ]);
    const fromXlsx = await importFile(
      t.client,
      'opportunities',
      { name: 'deals.xlsx', content: xlsx },
      mapping,
    );
    expect(fromXlsx.status, JSON.stringify(fromXlsx.body)).toBe(201);
    expect(fromXlsx.body.counts).toMatchObject({ imported: 1, failed: 0 });

    const deals = new Map(
      (await listAll<Deal>(t.client, '/api/v1/opportunities')).map((d) => [d.name, d]),
    );
    expect(deals.get('CSV open')).toMatchObject({
      status: 'open',
      ownerId: repId,
      amount: { amountMinor: 10, currency: 'CNY' },
      expectedCloseDate: '2026-06-30',
      closedAt: null,
    });
    expect(deals.get('CSV won')).toMatchObject({
      status: 'won',
      amount: { amountMinor: 123_456_789, currency: 'CNY' },
      createdAt: '2026-01-04T16:00:00.000Z',
      closedAt: '2026-03-05T02:00:00.000Z',
    });
    expect(deals.get('XLSX lost')).toMatchObject({
      status: 'lost',
      amount: { amountMinor: 9_999, currency: 'CNY' },
      closedAt: '2025-12-24T10:00:00.000Z',
    });
  });
});
