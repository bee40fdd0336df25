import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOverdueReminders } from '../../src/app/contracts/overdue-reminders.service.js';
import { ManualClock } from '../support/clock.js';
import { contractFor, wonDeal } from '../support/contracts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Overdue receivables: the contract owner hears once per step (day 1, 7, 30 overdue) with
 * the test clock moving; repeated runs and paid installments tell no one.
 */
const DAY = 86_400_000;
interface Notice {
  kind: string;
  message: string;
  subjectId: string;
  facts: { name: string; daysOverdue: number; outstandingMinor: number };
}

describe.each(dialectsUnderTest())('overdue receivable reminders ($name)', (dialect) => {
  let server: TestServer;
  let tenant: TestTenant;
  // Noon in Shanghai (the tenant's zone) on 2026-03-01: one day after the due date.
  const clock = new ManualClock(Date.parse('2026-03-01T04:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    tenant = await createTestTenant(server);
  });
  afterAll(async () => server.close());

  const run = () => runOverdueReminders(server.runtime.ctx, tenant.tenant.id);
  const notices = async () =>
    (
      await tenant.client.get<{ items: Notice[] }>('/api/v1/notifications?limit=100')
    ).body.items.filter((n) => n.kind === 'receivable_overdue');

  it('reminds on day 1 and day 7 once each, never for a paid installment', async () => {
    const plan = { installments: [{ dueDate: '2026-02-28', amountMinor: 500 }] };
    const overdue = await contractFor(
      tenant.client,
      (await wonDeal(tenant.client, { amountMinor: 500 })).id,
      plan,
    );
    const paidDeal = await wonDeal(tenant.client, { amountMinor: 500 });
    const paid = await contractFor(tenant.client, paidDeal.id, plan);
    const receipt = await tenant.client.post('/api/v1/receipts', {
      accountId: paidDeal.accountId,
      contractId: paid.id,
      currency: 'CNY',
      amountMinor: 500,
      receivedOn: '2026-02-27',
      autoAllocate: true,
    });
    expect(receipt.status).toBe(201);

    expect(await run()).toEqual({ reminded: 1, waiting: 0 });
    expect(await run()).toEqual({ reminded: 0, waiting: 1 });
    let mine = await notices();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      subjectId: overdue.opportunityId,
      facts: { name: overdue.number, daysOverdue: 1, outstandingMinor: 500 },
    });
    expect(mine[0]!.message).toContain(overdue.number);

    clock.advance(3 * DAY);
    expect(await run()).toEqual({ reminded: 0, waiting: 1 });
    clock.advance(3 * DAY); // 7 days overdue
    expect(await run()).toEqual({ reminded: 1, waiting: 0 });
    clock.advance(DAY);
    expect(await run()).toEqual({ reminded: 0, waiting: 1 });
    mine = await notices();
    expect(mine.map((n) => n.facts.daysOverdue).sort((a, b) => a - b)).toEqual([1, 7]);
  });

  it('words the reminder in Chinese for a zh-CN reader', async () => {
    const zh = await tenant.client.get<{ items: Notice[] }>('/api/v1/notifications?limit=100', {
      headers: { 'accept-language': 'zh-CN' },
    });
    const notice = zh.body.items.find((n) => n.kind === 'receivable_overdue');
    expect(notice?.message).toMatch(/逾期/);
  });
});
