import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertHistoryEntry, toHistoryRow } from '../../src/store/stage-history.repo.js';
import type { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import {
  advanceDays,
  allStalled,
  createStallPipeline,
  DAY,
  stageOf,
  tokenClient,
} from '../support/stalled.js';
import type { StallFlagBody, StallPipeline, StalledPage } from '../support/stalled.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Stalled-deal detection over real HTTP while a manual clock moves: each flag appears the
 * day its threshold is exceeded (never on the day it is reached) and disappears when the
 * work is done. Thresholds: `qualify` expects 10 days, a follow-up every 3 days and the
 * required action `discovery`; `propose` is judged by the tenant's history only.
 */
interface Deal {
  id: string;
  version: number;
}

describe.each(dialectsUnderTest())('stalled deals over time ($name)', (dialect) => {
  // 10:00 in Shanghai, the tenant's zone: "today" for next steps is its calendar date.
  const clock = new ManualClock(Date.parse('2026-03-02T02:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let admin: ApiClient;
  let pipeline: StallPipeline;
  let accountId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    admin = await tokenClient(server, t.admin.email);
    pipeline = await createStallPipeline(admin);
    accountId = (await created<{ id: string }>(admin.post('/api/v1/accounts', { name: '博远' })))
      .id;
  });
  afterAll(async () => server?.close());

  const createDeal = (stage: string, body: Record<string, unknown> = {}) =>
    created<Deal>(
      admin.post('/api/v1/opportunities', {
        name: `Deal in ${stage}`,
        accountId,
        pipelineId: pipeline.id,
        stageId: stageOf(pipeline, stage),
        ...body,
      }),
    );
  const logActivity = (deal: Deal) =>
    created<{ id: string; occurredAt: string }>(
      admin.post('/api/v1/activities', { type: 'call', subject: 'Call', opportunityId: deal.id }),
    );
  /** The flags of one deal, or [] when it is not listed. */
  const flagsOf = async (
    deal: Deal,
    query = '',
    pipelineId = pipeline.id,
  ): Promise<StallFlagBody[]> => {
    const items = await allStalled(admin, `pipelineId=${pipelineId}&limit=200${query}`);
    return items.find((item) => item.opportunity.id === deal.id)?.flags ?? [];
  };
  const codesOf = async (deal: Deal, query = '') =>
    (await flagsOf(deal, query)).map((flag) => flag.code);
  const shanghaiToday = () =>
    new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const setNextStep = async (deal: Deal, nextStepDate: string | null) => {
    const current = await admin.get<Deal>(`/api/v1/opportunities/${deal.id}`);
    const updated = await admin.patch(`/api/v1/opportunities/${deal.id}`, {
      version: current.body.version,
      nextStepDate,
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  };

  it('flags a deal that outstays the expected days of its stage, from the day after', async () => {
    const deal = await createDeal('qualify');
    advanceDays(clock, 10);
    expect(await codesOf(deal, '&code=dwell_over_expected')).toEqual([]);
    advanceDays(clock, 1);
    const flags = await flagsOf(deal, '&code=dwell_over_expected');
    expect(flags).toContainEqual({
      code: 'dwell_over_expected',
      days: 11,
      expectedDays: 10,
      message: 'In this stage for 11 days, longer than the expected 10 days.',
    });
    // The code filter picks deals, not flags: the deal comes with all of its reasons.
    expect(flags.map((flag) => flag.code)).toEqual([
      'dwell_over_expected',
      'required_actions_pending',
      'no_recent_activity',
    ]);
  });

  it('flags required key actions not done after the stage’s cadence, until they are done', async () => {
    const deal = await createDeal('qualify');
    await created(
      admin.post(`/api/v1/opportunities/${deal.id}/playbook`, { kind: 'action', key: 'intro' }),
    );
    advanceDays(clock, 3);
    expect(await codesOf(deal, '&code=required_actions_pending')).toEqual([]);
    advanceDays(clock, 1);
    expect(await flagsOf(deal, '&code=required_actions_pending')).toContainEqual({
      code: 'required_actions_pending',
      // Only the required action; the optional one does not count either way.
      actions: [{ key: 'discovery', nameZh: '需求调研', nameEn: 'Discovery call' }],
      daysInStage: 4,
      afterDays: 3,
      message: 'Required key actions still not done after 4 days in this stage: Discovery call.',
    });
    await created(
      admin.post(`/api/v1/opportunities/${deal.id}/playbook`, { kind: 'action', key: 'discovery' }),
    );
    expect(await codesOf(deal)).not.toContain('required_actions_pending');
  });

  it('flags silence beyond the follow-up cadence; an activity or a planned next step ends it', async () => {
    const deal = await createDeal('qualify');
    const call = await logActivity(deal);
    advanceDays(clock, 3);
    expect(await codesOf(deal, '&code=no_recent_activity')).toEqual([]);
    advanceDays(clock, 1);
    expect(await flagsOf(deal, '&code=no_recent_activity')).toContainEqual({
      code: 'no_recent_activity',
      lastActivityAt: call.occurredAt,
      cadenceDays: 3,
      daysSince: 4,
      message: 'No activity for 4 days (follow up every 3 days).',
    });

    await logActivity(deal);
    expect(await codesOf(deal)).not.toContain('no_recent_activity');

    advanceDays(clock, 4);
    expect(await codesOf(deal)).toContain('no_recent_activity');
    // A next step today (in the tenant's zone) means the follow-up is planned.
    await setNextStep(deal, shanghaiToday());
    expect(await codesOf(deal)).not.toContain('no_recent_activity');
    advanceDays(clock, 1);
    // …and once its date has passed without activity, the deal is silent again.
    expect(await codesOf(deal)).toContain('no_recent_activity');
    await setNextStep(deal, '2026-12-31');
    expect(await codesOf(deal)).not.toContain('no_recent_activity');
    // The next step silences only the activity flag.
    expect(await codesOf(deal)).toContain('required_actions_pending');
  });

  it('counts a deal that never had an activity from its creation', async () => {
    const deal = await createDeal('qualify');
    advanceDays(clock, 3);
    expect(await codesOf(deal)).toEqual([]);
    advanceDays(clock, 1);
    expect(await flagsOf(deal, '&code=no_recent_activity')).toContainEqual(
      expect.objectContaining({ code: 'no_recent_activity', lastActivityAt: null, daysSince: 4 }),
    );
  });

  it('judges by the tenant’s 75th percentile once 20 closed intervals exist', async () => {
    // History: a closed deal whose past intervals in `propose` lasted 1, 2, … 20 days.
    const past = await createDeal('won');
    const proposeId = stageOf(pipeline, 'propose');
    const interval = (enteredMs: number, days: number) =>
      insertHistoryEntry(server.runtime.store.db, t.tenant.id, {
        id: randomUUID(),
        opportunityId: past.id,
        pipelineId: pipeline.id,
        stageId: proposeId,
        fromStageId: null,
        enteredAt: new Date(enteredMs).toISOString(),
        leftAt: new Date(enteredMs + days * DAY).toISOString(),
        movedBy: null,
        reason: null,
        amount: { amountMinor: 0, currency: 'CNY' },
      });
    // Odd milliseconds: whole days must come out whole on both databases.
    const start = clock.now().getTime() - 90 * DAY + 123;
    for (let days = 1; days <= 19; days++) await interval(start + days * DAY, days);

    const deal = await createDeal('propose');
    advanceDays(clock, 1);
    const younger = await createDeal('propose');
    advanceDays(clock, 15);
    // 16 days in stage, but 19 intervals are too few to judge by.
    expect(await codesOf(deal)).toEqual([]);

    await interval(start, 20);
    // Older than a year: not part of today's process, so not counted.
    await interval(clock.now().getTime() - 400 * DAY, 1);
    // Nearest rank: the 15th of 20 intervals in order of dwell is 15 days.
    expect(await flagsOf(deal)).toEqual([
      {
        code: 'dwell_over_p75',
        days: 16,
        p75Days: 15,
        sampleSize: 20,
        message:
          'In this stage for 16 days, longer than 75% of past deals here (15 days, from 20 deals).',
      },
    ]);
    // At the percentile is not over it.
    expect(await codesOf(younger)).toEqual([]);
  });

  it('takes the yardstick from the latest 1,000 intervals, so it follows the recent process', async () => {
    const own = await createStallPipeline(admin);
    const past = await created<Deal>(
      admin.post('/api/v1/opportunities', {
        name: 'History',
        accountId,
        pipelineId: own.id,
        stageId: stageOf(own, 'won'),
      }),
    );
    const now = clock.now().getTime();
    // Half a year ago deals took 100 days here; lately, 2 days. Over all 1,500 intervals
    // the 75th percentile would be 100 days; over the latest 1,000 it is 2.
    const rows = [
      ...Array.from({ length: 500 }, (_, i) => [now - 300 * DAY + i * 60_000, 100] as const),
      ...Array.from({ length: 1000 }, (_, i) => [now - 60 * DAY + i * 60_000, 2] as const),
    ].map(([entered, days]) =>
      toHistoryRow(t.tenant.id, {
        id: randomUUID(),
        opportunityId: past.id,
        pipelineId: own.id,
        stageId: stageOf(own, 'propose'),
        fromStageId: null,
        enteredAt: new Date(entered).toISOString(),
        leftAt: new Date(entered + days * DAY).toISOString(),
        movedBy: null,
        reason: null,
        amount: { amountMinor: 0, currency: 'CNY' },
      }),
    );
    for (let at = 0; at < rows.length; at += 250)
      await server.runtime.store.db
        .insertInto('stage_history')
        .values(rows.slice(at, at + 250))
        .execute();
    const deal = await created<Deal>(
      admin.post('/api/v1/opportunities', {
        name: 'Fresh',
        accountId,
        pipelineId: own.id,
        stageId: stageOf(own, 'propose'),
      }),
    );
    advanceDays(clock, 3);
    expect(await flagsOf(deal, '', own.id)).toEqual([
      expect.objectContaining({ code: 'dwell_over_p75', days: 3, p75Days: 2, sampleSize: 1000 }),
    ]);
  });

  it('finds the stalled deals behind many busy ones that the database cannot tell apart', async () => {
    // Past the action threshold, the database returns every deal of the stage: it does not
    // know which actions are done. Busy deals (action done, next step planned) come first
    // and fill more than one read; the page must still find the stalled ones behind them.
    const own = await createStallPipeline(admin);
    const deal = (body: Record<string, unknown>) =>
      created<Deal>(
        admin.post('/api/v1/opportunities', {
          name: 'Deal',
          accountId,
          pipelineId: own.id,
          stageId: stageOf(own, 'qualify'),
          ...body,
        }),
      );
    for (let i = 0; i < 55; i++) {
      const busy = await deal({ nextStepDate: '2026-12-31' });
      await created(
        admin.post(`/api/v1/opportunities/${busy.id}/playbook`, {
          kind: 'action',
          key: 'discovery',
        }),
      );
    }
    clock.advance(3_600_000);
    const first = await deal({});
    clock.advance(3_600_000);
    const second = await deal({});
    advanceDays(clock, 4);
    const page = (cursor?: string) =>
      admin.get<StalledPage>(
        `/api/v1/opportunities/stalled?pipelineId=${own.id}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
    const one = await page();
    expect(one.body.items.map((item) => item.opportunity.id)).toEqual([first.id]);
    expect(one.body.nextCursor).not.toBeNull();
    const two = await page(one.body.nextCursor ?? '');
    expect(two.body.items.map((item) => item.opportunity.id)).toEqual([second.id]);
    expect(two.body.nextCursor).toBeNull();
  });

  it('never lists a closed or deleted deal, however stale', async () => {
    const lost = await createDeal('qualify');
    const deleted = await createDeal('qualify');
    advanceDays(clock, 30);
    expect(await codesOf(lost)).toContain('dwell_over_expected');
    expect(await codesOf(deleted)).toContain('dwell_over_expected');
    const moved = await admin.post(`/api/v1/opportunities/${lost.id}/move`, {
      version: lost.version,
      stageId: stageOf(pipeline, 'lost'),
      review: { reasons: ['price'] },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await admin.delete(`/api/v1/opportunities/${deleted.id}`)).status).toBe(204);
    expect(await codesOf(lost)).toEqual([]);
    expect(await codesOf(deleted)).toEqual([]);
    const all = await allStalled(admin, `pipelineId=${pipeline.id}`);
    expect(all.map((item) => item.opportunity.id)).not.toContain(lost.id);
  });

  it('explains each flag in the language of Accept-Language', async () => {
    const deal = await createDeal('qualify');
    advanceDays(clock, 11);
    const zh = await tokenClient(server, t.admin.email, 'zh-CN');
    const page = await zh.get<StalledPage>(
      `/api/v1/opportunities/stalled?pipelineId=${pipeline.id}&limit=200`,
    );
    const flags = page.body.items.find((item) => item.opportunity.id === deal.id)?.flags ?? [];
    expect(flags.map((flag) => flag.message)).toEqual([
      '已在本阶段停留 11 天，超过预期的 10 天。',
      '进入本阶段已 11 天，必做关键动作仍未完成：需求调研。',
      '商机创建 11 天以来没有任何跟进记录（跟进节奏：每 3 天）。',
    ]);
  });
});
