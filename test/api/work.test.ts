import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
}
interface Lead {
  id: string;
  version: number;
  status: string;
  ownerId: string | null;
  poolId: string | null;
  bantBudget: { amountMinor: number; currency: string } | null;
}
interface Task {
  id: string;
  version: number;
  status: string;
  completedAt: string | null;
  assigneeId: string;
}

describe.each(dialectsUnderTest())('leads, activities and tasks ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let dealId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    const account = await created<{ id: string }>(
      t.client.post('/api/v1/accounts', { name: 'Work Co' }),
    );
    dealId = (
      await created<{ id: string }>(
        t.client.post('/api/v1/opportunities', { name: 'Deal', accountId: account.id }),
      )
    ).id;
  });
  afterAll(async () => server?.close());

  it('captures a lead with BANT answers and qualifies it, requiring a reason to disqualify', async () => {
    const lead = await created<Lead>(
      t.client.post('/api/v1/leads', {
        name: '陈静',
        company: '杭州启明电子',
        source: 'event',
        campaign: '2026 春季展会',
        bantBudget: { amountMinor: 50_000_000, currency: 'CNY' },
        bantAuthority: 'IT 总监拍板',
      }),
    );
    expect(lead).toMatchObject({
      status: 'new',
      ownerId: t.admin.id,
      poolId: null,
      bantBudget: { amountMinor: 50_000_000 },
    });
    const mql = await t.client.patch<Lead>(`/api/v1/leads/${lead.id}`, {
      version: 1,
      status: 'mql',
    });
    expect(mql.body.status).toBe('mql');
    const noReason = await t.client.patch<Problem>(`/api/v1/leads/${lead.id}`, {
      version: 2,
      status: 'disqualified',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('disqualify_reason_required');
    expect(noReason.body.errors?.[0]?.path).toBe('disqualifyReason');
    const converted = await t.client.patch<Problem>(`/api/v1/leads/${lead.id}`, {
      version: 2,
      status: 'converted',
    });
    expect(converted.status).toBe(422);
    expect(converted.body.code).toBe('lead_status_not_allowed');
    const byCampaign = await t.client.get<{ items: Lead[] }>(
      `/api/v1/leads?campaign=${encodeURIComponent('2026 春季展会')}`,
    );
    expect(byCampaign.body.items.map((l) => l.id)).toEqual([lead.id]);
    const byText = await t.client.get<{ items: Lead[] }>(
      `/api/v1/leads?q=${encodeURIComponent('启明')}`,
    );
    expect(byText.body.items.map((l) => l.id)).toEqual([lead.id]);
  });

  it('logs activities against records, newest first, and refuses unlinked ones', async () => {
    const unlinked = await t.client.post<Problem>('/api/v1/activities', {
      type: 'call',
      subject: 'Orphan',
    });
    expect(unlinked.status).toBe(400);
    expect(unlinked.body.errors?.[0]?.code).toBe('link_required');
    await created(
      t.client.post('/api/v1/activities', {
        type: 'call',
        subject: 'First',
        opportunityId: dealId,
        occurredAt: '2026-01-01T09:00:00+08:00',
      }),
    );
    const second = await created<{ id: string; occurredAt: string; ownerId: string }>(
      t.client.post('/api/v1/activities', {
        type: 'visit',
        subject: 'Second',
        opportunityId: dealId,
        occurredAt: '2026-01-02T09:00:00+08:00',
        nextFollowUpAt: '2026-01-09T09:00:00Z',
      }),
    );
    // Instants are stored and returned in UTC whatever offset the client sent.
    expect(second.occurredAt).toBe('2026-01-02T01:00:00.000Z');
    expect(second.ownerId).toBe(t.admin.id);
    const timeline = await t.client.get<{ items: { subject: string }[] }>(
      `/api/v1/activities?opportunityId=${dealId}`,
    );
    expect(timeline.body.items.map((a) => a.subject)).toEqual(['Second', 'First']);
    const visits = await t.client.get<{ items: { subject: string }[] }>(
      `/api/v1/activities?opportunityId=${dealId}&type=visit`,
    );
    expect(visits.body.items.map((a) => a.subject)).toEqual(['Second']);
  });

  it('completes and reopens tasks, stamping completion once', async () => {
    const task = await created<Task>(
      t.client.post('/api/v1/tasks', {
        title: '发送方案',
        opportunityId: dealId,
        dueAt: '2026-12-01T10:00:00Z',
      }),
    );
    expect(task).toMatchObject({ status: 'open', completedAt: null, assigneeId: t.admin.id });
    const done = await t.client.patch<Task>(`/api/v1/tasks/${task.id}`, {
      version: 1,
      status: 'done',
    });
    expect(done.body.completedAt).not.toBeNull();
    const edited = await t.client.patch<Task>(`/api/v1/tasks/${task.id}`, {
      version: 2,
      title: '发送最终方案',
    });
    expect(edited.body.completedAt).toBe(done.body.completedAt);
    const reopened = await t.client.patch<Task>(`/api/v1/tasks/${task.id}`, {
      version: 3,
      status: 'open',
    });
    expect(reopened.body.completedAt).toBeNull();
    const due = await t.client.get<{ items: Task[] }>(
      `/api/v1/tasks?assigneeId=${t.admin.id}&status=open&dueBefore=2026-12-31T00:00:00Z&sort=dueAt`,
    );
    expect(due.body.items.map((x) => x.id)).toContain(task.id);
    expect((await t.client.delete(`/api/v1/tasks/${task.id}`)).status).toBe(204);
    const trash = await t.client.get<{ items: Task[] }>('/api/v1/tasks?deleted=only');
    expect(trash.body.items.map((x) => x.id)).toEqual([task.id]);
  });
});
