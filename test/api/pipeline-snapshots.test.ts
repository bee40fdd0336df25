import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelReport } from '../../src/app/analytics/funnel.report.js';
import { trendReport } from '../../src/app/analytics/trend.report.js';
import { principalFor } from '../../src/app/auth.service.js';
import { enqueueNow } from '../../src/app/jobs.service.js';
import { runDueJobs } from '../../src/runtime.js';
import { toUser } from '../../src/store/users.repo.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Deal {
  id: string;
  version: number;
}
interface Stage {
  id: string;
  key: string;
  kind: string;
}
interface Cell {
  count: number;
  amountMinor: number;
  weightedMinor: number;
}
interface TrendJson {
  buckets: (Cell & { snapshotDate: string | null; stages: (Cell & { stageId: string })[] })[];
}
interface FunnelJson {
  stages: (Cell & { stage: { stageId: string } })[];
}

const DAY = 86_400_000;

/**
 * Snapshots taken on two days, with the pipeline changing in between (an amount raised, a
 * deal advanced, one won): the trend's days must equal the funnel as of those days, which
 * the funnel rebuilds from stage history and the deal-change rows the edits wrote.
 */
describe.each(dialectsUnderTest())('pipeline snapshots and the trend ($name)', (dialect) => {
  // 2026-03-02 10:00 in Shanghai (the tenant's zone).
  const clock = new ManualClock(Date.parse('2026-03-02T02:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let stages: Stage[];
  let repId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    stages = ((await createUngatedDefaultPipeline(t.client)) as unknown as { stages: Stage[] })
      .stages;
    const account = await created<{ id: string }>(
      t.client.post('/api/v1/accounts', { name: 'Acme' }),
    );
    repId = (
      await created<{ id: string }>(
        t.client.post('/api/v1/users', { email: 'rep@snap.test', name: 'Rep', role: 'rep' }),
      )
    ).id;
    const deal = (amountMinor: number, ownerId?: string) =>
      created<Deal>(
        t.client.post('/api/v1/opportunities', {
          name: 'Deal',
          accountId: account.id,
          amount: { amountMinor, currency: 'CNY' },
          ...(ownerId ? { ownerId } : {}),
        }),
      );
    const [a, b, c] = [await deal(100_000), await deal(200_000), await deal(300_000, repId)];
    await snapshotViaJob();
    clock.advance(DAY);
    const open = stages.filter((s) => s.kind === 'open');
    const raised = await t.client.patch<Deal>(`/api/v1/opportunities/${a?.id ?? ''}`, {
      version: a?.version,
      amount: { amountMinor: 150_000, currency: 'CNY' },
    });
    expect(raised.status).toBe(200);
    const moved = await t.client.post(`/api/v1/opportunities/${b?.id ?? ''}/move`, {
      version: b?.version,
      stageId: open[1]?.id,
    });
    expect(moved.status).toBe(200);
    const won = await t.client.post(`/api/v1/opportunities/${c?.id ?? ''}/move`, {
      version: c?.version,
      stageId: stages.find((s) => s.kind === 'won')?.id,
    });
    expect(won.status).toBe(200);
    await snapshotViaJob();
    clock.advance(DAY);
  });
  afterAll(async () => server?.close());

  async function snapshotViaJob() {
    await enqueueNow(server.runtime.ctx, t.tenant.id, 'pipeline_snapshot');
    const reports = await runDueJobs(server.runtime, { schedule: false });
    expect(reports.filter((r) => r.job.kind === 'pipeline_snapshot' && r.ok)).toHaveLength(1);
  }

  const rows = () =>
    server.runtime.store.db
      .selectFrom('pipeline_snapshots')
      .select(['id', 'snapshot_date', 'stage_id', 'owner_id', 'deal_count', 'amount_minor'])
      .where('tenant_id', '=', t.tenant.id)
      .orderBy('id')
      .execute();

  it('is idempotent: a rerun the same day gives the same rows', async () => {
    const before = await rows();
    expect(new Set(before.map((r) => r.snapshot_date))).toEqual(
      new Set(['2026-03-02', '2026-03-03']),
    );
    // Back to later on day two: the job runs twice more, in new slots, the same day.
    clock.advance(-DAY + 3_600_000);
    await snapshotViaJob();
    clock.advance(60_000);
    await snapshotViaJob();
    clock.advance(DAY - 3_660_000);
    expect(await rows()).toEqual(before);
  });

  it('gives, per day with a snapshot, the funnel as of that day', async () => {
    const principal = principalFor(
      toUser(
        await server.runtime.store.db
          .selectFrom('users')
          .selectAll()
          .where('tenant_id', '=', t.tenant.id)
          .where('id', '=', t.admin.id)
          .executeTakeFirstOrThrow(),
      ),
      t.tenant.id,
      'test',
    );
    const period = { from: '2026-03-02', to: '2026-03-04' };
    const trend = (
      await trendReport.execute(server.runtime.ctx, principal, period, { grain: 'day' })
    ).json as TrendJson;
    expect(trend.buckets.map((b) => b.snapshotDate)).toEqual(['2026-03-02', '2026-03-03', null]);
    for (const [index, asOf] of ['2026-03-02', '2026-03-03'].entries()) {
      const funnel = (await funnelReport.execute(server.runtime.ctx, principal, period, { asOf }))
        .json as FunnelJson;
      expect(trend.buckets[index]?.stages).toEqual(
        funnel.stages.map(({ stage, count, amountMinor, weightedMinor }) => ({
          stageId: stage.stageId,
          count,
          amountMinor,
          weightedMinor,
        })),
      );
    }
    expect(trend.buckets.map((b) => [b.count, b.amountMinor])).toEqual([
      [3, 600_000],
      [2, 350_000],
      [0, 0],
    ]);
    // The week bucket holds its last snapshot, not a sum of days.
    const week = (
      await trendReport.execute(server.runtime.ctx, principal, period, { grain: 'week' })
    ).json as TrendJson;
    expect(week.buckets.map((b) => [b.snapshotDate, b.count])).toEqual([['2026-03-03', 2]]);
  });

  it('shows a rep only the snapshot rows of deals they own', async () => {
    const rep = toUser(
      await server.runtime.store.db
        .selectFrom('users')
        .selectAll()
        .where('tenant_id', '=', t.tenant.id)
        .where('id', '=', repId)
        .executeTakeFirstOrThrow(),
    );
    const trend = (
      await trendReport.execute(
        server.runtime.ctx,
        principalFor(rep, t.tenant.id, 'test'),
        { from: '2026-03-02', to: '2026-03-03' },
        { grain: 'day' },
      )
    ).json as TrendJson;
    // The rep's one deal was open on day one and won on day two.
    expect(trend.buckets.map((b) => [b.count, b.amountMinor])).toEqual([
      [1, 300_000],
      [0, 0],
    ]);
  });
});
