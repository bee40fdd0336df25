import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline, unique } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Experiment {
  id: string;
  version: number;
  status: string;
  variants: { key: string }[];
}
interface Deal {
  id: string;
  version: number;
  stageId: string;
  deadlineAt: string | null;
}
interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
}
interface Comparison {
  variantKey: string;
  test: { pValue: number; adjustedPValue: number; significant: boolean; ci95: number[] } | null;
}
interface Report {
  verdict: string;
  controlKey: string;
  variants: {
    key: string;
    assigned: number;
    won: number;
    timeToClose: { n: number; medianDays: number | null };
  }[];
  winRate: Comparison[];
  timeToClose: { variantKey: string; test: { pValue: number; significant: boolean } | null }[];
  stages: {
    stageId: string;
    variants: { key: string; entered: number; advanced: number }[];
    conversion: Comparison[];
  }[];
}

const DAY = 86_400_000;
const text = (key: string, weight: number, body: string) => ({
  key,
  name: `Variant ${key.toUpperCase()}`,
  weight,
  content: { kind: 'text', text: body },
});

/**
 * A/B experiments over the API: the design rules, start/stop with sticky assignment, the
 * variant a rep is shown, a cadence variant driving the follow-up clock, and the report on
 * generated deals — one experiment where variant B clearly wins more often and faster (the
 * report must call it significant) and one with no effect at all (it must not), with the
 * counts checked against the generated data.
 */
describe.each(dialectsUnderTest())('experiments ($name)', (dialect) => {
  const clock = new ManualClock(Date.parse('2026-09-01T01:00:00.000Z'));
  let server: TestServer;
  let t: TestTenant;
  let rep: ApiClient;
  let accountId: string;
  let stages: { id: string; key: string }[];
  const stage = (key: string) => stages.find((s) => s.key === key)?.id ?? '';

  const design = async (body: Record<string, unknown>) =>
    created<Experiment>(t.client.post('/api/v1/experiments', body));
  const start = async (experiment: Experiment) => {
    const response = await t.client.post<{ experiment: Experiment; assigned: number }>(
      `/api/v1/experiments/${experiment.id}/start`,
      { version: experiment.version },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const stop = async (experiment: Experiment) => {
    const response = await t.client.post<Experiment>(`/api/v1/experiments/${experiment.id}/stop`, {
      version: experiment.version,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const newDeal = (name = unique('deal')) =>
    created<Deal>(rep.post('/api/v1/opportunities', { name, accountId }));
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await rep.post<Deal>(path, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const move = (deal: Deal, key: string) =>
    post(`/api/v1/opportunities/${deal.id}/move`, { version: deal.version, stageId: stage(key) });
  const win = (deal: Deal) =>
    post(`/api/v1/opportunities/${deal.id}/close`, {
      version: deal.version,
      outcome: 'won',
      reasons: [],
    });
  const lose = (deal: Deal) =>
    post(`/api/v1/opportunities/${deal.id}/close`, {
      version: deal.version,
      outcome: 'lost',
      reasons: ['price'],
    });
  const assignmentsOf = async (experiment: Experiment) => {
    const page = await t.client.get<{ items: { recordId: string; variantKey: string }[] }>(
      `/api/v1/experiments/${experiment.id}/assignments?limit=200`,
    );
    expect(page.status).toBe(200);
    return new Map(page.body.items.map((item) => [item.recordId, item.variantKey]));
  };
  const reportOf = async (experiment: Experiment) => {
    const response = await t.client.get<Report>(`/api/v1/experiments/${experiment.id}/report`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    t = await createTestTenant(server);
    stages = (await createUngatedDefaultPipeline(t.client)).stages;
    const email = `${unique('rep')}@example.test`;
    await created(
      t.client.post('/api/v1/users', { email, name: 'Rep', role: 'rep', password: TEST_PASSWORD }),
    );
    rep = await new ApiClient(server.url).signIn(email, TEST_PASSWORD);
    accountId = (
      await created<{ id: string }>(rep.post('/api/v1/accounts', { name: unique('acct') }))
    ).id;
  });
  afterAll(async () => server?.close());

  it('refuses designs that break the rules, and lets only admins and managers manage', async () => {
    const badWeights = await t.client.post<Problem>('/api/v1/experiments', {
      name: 'Weights',
      subject: 'script',
      population: 'opportunities',
      variants: [text('a', 5000, 'x'), text('b', 4000, 'y')],
    });
    expect(badWeights.status).toBe(400);
    expect(badWeights.body.errors?.map((e) => e.code)).toContain('weights');
    const cadenceOnLeads = await t.client.post<Problem>('/api/v1/experiments', {
      name: 'Lead cadence',
      subject: 'cadence',
      population: 'leads',
      variants: [
        { key: 'a', name: 'A', weight: 5000, content: { kind: 'cadence', days: {} } },
        { key: 'b', name: 'B', weight: 5000, content: { kind: 'cadence', days: {} } },
      ],
    });
    expect(cadenceOnLeads.status).toBe(400);
    expect(cadenceOnLeads.body.errors?.map((e) => e.path)).toContain('subject');
    const unknownStage = await t.client.post<Problem>('/api/v1/experiments', {
      name: 'Stage',
      subject: 'script',
      population: 'opportunities',
      filter: { stageId: '01900000-0000-7000-8000-000000000000' },
      variants: [text('a', 5000, 'x'), text('b', 5000, 'y')],
    });
    expect(unknownStage.status).toBe(422);
    expect(unknownStage.body.code).toBe('reference_not_found');
    // Another tenant's pipeline and stage are as unknown as missing ones.
    const other = await createTestTenant(server);
    const foreign = await createUngatedDefaultPipeline(other.client);
    const foreignIds = await t.client.post<Problem>('/api/v1/experiments', {
      name: 'Foreign',
      subject: 'cadence',
      population: 'opportunities',
      filter: { pipelineId: foreign.id },
      variants: [
        { key: 'a', name: 'A', weight: 5000, content: { kind: 'cadence', days: {} } },
        {
          key: 'b',
          name: 'B',
          weight: 5000,
          content: { kind: 'cadence', days: { [foreign.stages[0]?.id ?? '']: 1 } },
        },
      ],
    });
    expect(foreignIds.status).toBe(422);
    expect(foreignIds.body.errors?.map((e) => e.path).sort()).toEqual([
      'filter.pipelineId',
      'variants.content.days',
    ]);
    expect((await rep.get('/api/v1/experiments')).status).toBe(403);
  });

  it('assigns sticky variants, shows the rep the script and refuses overlaps and edits', async () => {
    const before = await newDeal();
    const script = await design({
      name: 'Opening script',
      subject: 'script',
      population: 'opportunities',
      variants: [text('a', 5000, '您好，我是…'), text('b', 5000, 'Hello, this is…')],
    });
    const { experiment, assigned } = await start(script);
    expect(experiment.status).toBe('running');
    expect(assigned).toBeGreaterThanOrEqual(1); // the open deal made before the start
    const after = await newDeal();
    const assignments = await assignmentsOf(experiment);
    expect(assignments.has(before.id)).toBe(true);
    expect(assignments.has(after.id)).toBe(true);

    const shown = await rep.get<{ variantKey: string; content: { text: string } }[]>(
      `/api/v1/opportunities/${after.id}/experiment-variants`,
    );
    expect(shown.status).toBe(200);
    expect(shown.body).toHaveLength(1);
    const key = assignments.get(after.id);
    expect(shown.body[0]?.variantKey).toBe(key);
    expect(shown.body[0]?.content.text).toBe(key === 'a' ? '您好，我是…' : 'Hello, this is…');

    const second = await design({
      name: 'Other script',
      subject: 'script',
      population: 'opportunities',
      variants: [text('a', 5000, 'x'), text('b', 5000, 'y')],
    });
    const overlap = await t.client.post<Problem>(`/api/v1/experiments/${second.id}/start`, {
      version: second.version,
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('experiment_overlap');

    const edit = await t.client.patch<Problem>(`/api/v1/experiments/${experiment.id}`, {
      version: experiment.version,
      variants: [text('a', 9000, 'x'), text('b', 1000, 'y')],
    });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('experiment_state');
    const renamed = await t.client.patch<Experiment>(`/api/v1/experiments/${experiment.id}`, {
      version: experiment.version,
      name: 'Opening script (renamed)',
    });
    expect(renamed.status).toBe(200);
    const running = await t.client.delete<Problem>(`/api/v1/experiments/${experiment.id}`);
    expect(running.status).toBe(409);

    // Starting again is refused; stopped, new deals join no more and the rep sees no script.
    const stopped = await stop(renamed.body);
    expect(
      (
        await t.client.post(`/api/v1/experiments/${experiment.id}/start`, {
          version: stopped.version,
        })
      ).status,
    ).toBe(409);
    const late = await newDeal();
    expect((await assignmentsOf(experiment)).has(late.id)).toBe(false);
    const none = await rep.get<unknown[]>(`/api/v1/opportunities/${after.id}/experiment-variants`);
    expect(none.body).toEqual([]);
    expect((await t.client.delete(`/api/v1/experiments/${experiment.id}`)).status).toBe(204);
    expect((await t.client.delete(`/api/v1/experiments/${second.id}`)).status).toBe(204);
  });

  it('gives new leads a template variant', async () => {
    const template = await design({
      name: 'Welcome mail',
      subject: 'template',
      population: 'leads',
      filter: { source: 'event' },
      variants: [text('a', 5000, 'Dear {name}'), text('b', 5000, '{name}，您好')],
    });
    await start(template);
    const lead = await created<{ id: string }>(
      rep.post('/api/v1/leads', { name: '王经理', source: 'event' }),
    );
    const other = await created<{ id: string }>(
      rep.post('/api/v1/leads', { name: '李经理', source: 'website' }),
    );
    const shown = await rep.get<{ subject: string }[]>(
      `/api/v1/leads/${lead.id}/experiment-variants`,
    );
    expect(shown.body.map((v) => v.subject)).toEqual(['template']);
    const filtered = await rep.get<unknown[]>(`/api/v1/leads/${other.id}/experiment-variants`);
    expect(filtered.body).toEqual([]);
  });

  it('lets a cadence variant drive the follow-up clock of its deals', async () => {
    const cadence = await design({
      name: 'Faster follow-up',
      subject: 'cadence',
      population: 'opportunities',
      variants: [
        { key: 'a', name: 'Stage cadence', weight: 5000, content: { kind: 'cadence', days: {} } },
        {
          key: 'b',
          name: 'Daily, then every 2 days',
          weight: 5000,
          content: {
            kind: 'cadence',
            days: { [stage('initial-contact')]: 1, [stage('needs-confirmed')]: 2 },
          },
        },
      ],
    });
    const { experiment } = await start(cadence);
    const deals: Deal[] = [];
    for (let i = 0; i < 12; i += 1) deals.push(await newDeal());
    const variants = await assignmentsOf(experiment);
    const b = deals.find((deal) => variants.get(deal.id) === 'b');
    const a = deals.find((deal) => variants.get(deal.id) === 'a');
    if (!a || !b) throw new Error('12 deals should reach both variants (chance 2 in 4096)');
    const now = clock.now().getTime();
    // The ungated pipeline's stages have no cadence of their own: only B has a deadline.
    expect(a.deadlineAt).toBeNull();
    expect(b.deadlineAt).toBe(new Date(now + DAY).toISOString());
    clock.advance(DAY / 2);
    const call = await rep.post('/api/v1/activities', {
      subject: 'call',
      type: 'call',
      opportunityId: b.id,
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    const afterCall = await rep.get<Deal>(`/api/v1/opportunities/${b.id}`);
    expect(afterCall.body.deadlineAt).toBe(new Date(now + DAY / 2 + DAY).toISOString());
    const moved = await move(afterCall.body, 'needs-confirmed');
    expect(moved.deadlineAt).toBe(new Date(now + DAY / 2 + 2 * DAY).toISOString());
    const stopped = await stop(experiment);
    expect(stopped.status).toBe('stopped');
    // Stopped: the stage's own cadence (none here) applies again at the next move.
    const back = await rep.post<Deal>(`/api/v1/opportunities/${b.id}/move`, {
      version: moved.version,
      stageId: stage('solution'),
    });
    expect(back.body.deadlineAt).toBeNull();
    for (const deal of deals) {
      const fresh = await rep.get<Deal>(`/api/v1/opportunities/${deal.id}`);
      await lose(fresh.body);
    }
  });

  it('reports a clear effect as significant and no effect as not, with exact counts', async () => {
    // Close every deal left open by earlier tests, so the next start assigns only new ones.
    const open = await rep.get<{ items: Deal[] }>('/api/v1/opportunities?status=open&limit=200');
    for (const deal of open.body.items) await lose(deal);

    const effect = await design({
      name: 'Value script',
      subject: 'script',
      population: 'opportunities',
      variants: [text('a', 5000, 'Features first'), text('b', 5000, 'Value first')],
    });
    const { experiment } = await start(effect);
    const deals: Deal[] = [];
    for (let i = 0; i < 120; i += 1) deals.push(await newDeal());
    const variants = await assignmentsOf(experiment);
    expect(variants.size).toBe(120);
    // Known effect: within A every 5th deal wins (20 %), within B 3 of every 5 (60 %); B's
    // winners close after 3 days, A's after 10. Winners pass needs-confirmed; losers do not.
    const seen = new Map<string, number>();
    const winners: Deal[] = [];
    const expected = { a: { assigned: 0, won: 0 }, b: { assigned: 0, won: 0 } };
    for (const deal of deals) {
      const key = variants.get(deal.id) as 'a' | 'b';
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      expected[key].assigned += 1;
      const wins = key === 'a' ? n % 5 === 0 : n % 5 < 3;
      if (wins) {
        expected[key].won += 1;
        winners.push(await move(deal, 'needs-confirmed'));
      } else {
        await lose(deal);
      }
    }
    clock.advance(3 * DAY);
    for (const deal of winners) if (variants.get(deal.id) === 'b') await win(deal);
    clock.advance(7 * DAY);
    for (const deal of winners) if (variants.get(deal.id) === 'a') await win(deal);

    const report = await reportOf(experiment);
    expect(report.controlKey).toBe('a');
    for (const key of ['a', 'b'] as const) {
      const row = report.variants.find((v) => v.key === key);
      expect(row?.assigned).toBe(expected[key].assigned);
      expect(row?.won).toBe(expected[key].won);
      expect(row?.timeToClose.n).toBe(expected[key].won);
      expect(row?.timeToClose.medianDays).toBe(key === 'a' ? 10 : 3);
      const first = report.stages.find((s) => s.stageId === stage('initial-contact'));
      const cell = first?.variants.find((v) => v.key === key);
      expect(cell).toEqual({
        key,
        entered: expected[key].assigned,
        advanced: expected[key].won,
        conversion: expected[key].won / expected[key].assigned,
        timeInStage: expect.any(Object) as unknown,
      });
    }
    expect(report.verdict).toBe('significant');
    const winRate = report.winRate[0]?.test;
    expect(winRate?.significant).toBe(true);
    expect(winRate?.pValue).toBeLessThan(0.001);
    expect(winRate?.ci95[0]).toBeGreaterThan(0);
    expect(report.timeToClose[0]?.test?.significant).toBe(true);
    await stop(experiment);

    // No effect: in each variant exactly every other deal wins, at the same speed.
    const none = await start(
      await design({
        name: 'Greeting',
        subject: 'script',
        population: 'opportunities',
        variants: [text('a', 5000, 'Hi'), text('b', 5000, 'Hello')],
      }),
    );
    expect(none.assigned).toBe(0);
    const more: Deal[] = [];
    for (let i = 0; i < 100; i += 1) more.push(await newDeal());
    const split = await assignmentsOf(none.experiment);
    const count = new Map<string, number>();
    for (const deal of more) {
      const key = split.get(deal.id) ?? '';
      const n = count.get(key) ?? 0;
      count.set(key, n + 1);
      await (n % 2 === 0 ? win(deal) : lose(deal));
    }
    const flat = await reportOf(none.experiment);
    for (const row of flat.variants) {
      expect(row.assigned).toBe(count.get(row.key));
      expect(row.won).toBe(Math.ceil((count.get(row.key) ?? 0) / 2));
    }
    expect(flat.verdict).toBe('not_significant');
    expect(flat.winRate[0]?.test?.significant).toBe(false);
    expect(flat.winRate[0]?.test?.pValue).toBeGreaterThan(0.5);
  }, 240_000); // some 500 requests: slow on a busy machine
});
