import { randomBytes } from 'node:crypto';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTenant } from '../../src/app/demo.service.js';
import { migrations } from '../../src/store/migrations/index.js';
import { dealsWithStaleReach } from '../../src/store/stage-reach.repo.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created, createUngatedDefaultPipeline } from '../support/fixtures.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface Deal {
  id: string;
  version: number;
  stageId: string;
}

interface Stage {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  probability: number;
  forecastCategory: string;
}

/**
 * `opportunities.visited_stages` (one bit per stage slot the deal's history holds) is what
 * the funnel's "how far did they get" reads. Every writer of stage history must keep it
 * right, and stage slots must survive pipeline edits; these checks compare the stored bits
 * with the history after each kind of write.
 */
describe.each(dialectsUnderTest())('visited stages kept with history ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let pipeline: { id: string; version: number; stages: Stage[] };
  let accountId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    pipeline = (await createUngatedDefaultPipeline(t.client)) as typeof pipeline;
    accountId = (await created<{ id: string }>(t.client.post('/api/v1/accounts', { name: 'Acme' })))
      .id;
  });
  afterAll(async () => server?.close());

  const db = () => server.runtime.store.db;
  const slots = async (pipelineId: string) =>
    new Map(
      (
        await db()
          .selectFrom('stages')
          .select(['id', 'slot'])
          .where('tenant_id', '=', t.tenant.id)
          .where('pipeline_id', '=', pipelineId)
          .execute()
      ).map((row) => [row.id, row.slot]),
    );
  const visited = async (dealId: string) =>
    (
      await db()
        .selectFrom('opportunities')
        .select('visited_stages')
        .where('tenant_id', '=', t.tenant.id)
        .where('id', '=', dealId)
        .executeTakeFirstOrThrow()
    ).visited_stages;
  const stageId = (key: string) => {
    const stage = pipeline.stages.find((candidate) => candidate.key === key);
    if (!stage) throw new Error(`no stage ${key}`);
    return stage.id;
  };
  const move = async (deal: Deal, key: string, reason?: string) => {
    const moved = await t.client.post<Deal>(`/api/v1/opportunities/${deal.id}/move`, {
      version: deal.version,
      stageId: stageId(key),
      ...(reason ? { reason } : {}),
    });
    expect(moved.status).toBe(200);
    return moved.body;
  };

  it('gives each stage its own slot and each deal the bits of the stages it entered', async () => {
    const bySlot = await slots(pipeline.id);
    expect(new Set(bySlot.values()).size).toBe(pipeline.stages.length);
    const bit = (key: string) => 1 << (bySlot.get(stageId(key)) ?? -1);

    const deal = await created<Deal>(
      t.client.post('/api/v1/opportunities', { name: 'Reach', accountId }),
    );
    expect(await visited(deal.id)).toBe(bit('initial-contact'));
    let now = await move(deal, 'solution');
    now = await move(now, 'needs-confirmed', '客户预算推迟');
    expect(await visited(deal.id)).toBe(
      bit('initial-contact') | bit('solution') | bit('needs-confirmed'),
    );
    const lost = await t.client.post<Deal>(`/api/v1/opportunities/${deal.id}/close`, {
      version: now.version,
      outcome: 'lost',
      reasons: ['price'],
    });
    expect(lost.status).toBe(200);
    now = lost.body;
    await move(now, 'negotiation', 'reopened');
    expect(await visited(deal.id)).toBe(
      bit('initial-contact') |
        bit('solution') |
        bit('needs-confirmed') |
        bit('lost') |
        bit('negotiation'),
    );
    expect(await dealsWithStaleReach(db(), t.tenant.id)).toEqual([]);

    // The check sees a row whose latest entry lags its history, as a raw write would leave it.
    const row = await db()
      .selectFrom('opportunities')
      .select(['stage_entered_at'])
      .where('id', '=', deal.id)
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('opportunities')
      .set({ stage_entered_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', deal.id)
      .execute();
    expect(await dealsWithStaleReach(db(), t.tenant.id)).toEqual([deal.id]);
    await db()
      .updateTable('opportunities')
      .set({ stage_entered_at: row.stage_entered_at })
      .where('id', '=', deal.id)
      .execute();
    expect(await dealsWithStaleReach(db(), t.tenant.id)).toEqual([]);
  });

  it('keeps slots when stages are re-ordered, and gives new stages free slots', async () => {
    const before = await slots(pipeline.id);
    const toInput = ({ id, key, nameZh, nameEn, kind, probability, forecastCategory }: Stage) => ({
      id,
      key,
      nameZh,
      nameEn,
      kind,
      probability,
      forecastCategory,
    });
    const [first, second, third, fourth, won, lost] = pipeline.stages as [
      Stage,
      Stage,
      Stage,
      Stage,
      Stage,
      Stage,
    ];
    const extra = {
      key: 'extra',
      nameZh: '补充',
      nameEn: 'Extra',
      kind: 'open',
      probability: 20,
      forecastCategory: 'pipeline',
    };
    // A new stage in the middle and two stages swapped: positions change, slots do not.
    const edited = await t.client.patch<typeof pipeline>(`/api/v1/pipelines/${pipeline.id}`, {
      version: pipeline.version,
      stages: [
        ...[first, third, second].map(toInput),
        extra,
        toInput(fourth),
        toInput(won),
        toInput(lost),
      ],
    });
    expect(edited.status).toBe(200);
    const after = await slots(pipeline.id);
    for (const [id, slot] of before) expect(after.get(id)).toBe(slot);
    const extraId = edited.body.stages.find((stage) => stage.key === 'extra')?.id ?? '';
    expect(after.get(extraId)).toBe(before.size);

    // Removing the unused stage frees its slot; the next new stage takes the lowest free one.
    const withoutExtra = edited.body.stages.filter((stage) => stage.key !== 'extra');
    const removed = await t.client.patch<typeof pipeline>(`/api/v1/pipelines/${pipeline.id}`, {
      version: edited.body.version,
      stages: withoutExtra.map(toInput),
    });
    expect(removed.status).toBe(200);
    const again = await t.client.patch<typeof pipeline>(`/api/v1/pipelines/${pipeline.id}`, {
      version: removed.body.version,
      stages: [{ ...extra, key: 'again' }, ...removed.body.stages.map(toInput)],
    });
    expect(again.status).toBe(200);
    const againId = again.body.stages.find((stage) => stage.key === 'again')?.id ?? '';
    expect((await slots(pipeline.id)).get(againId)).toBe(before.size);
    expect(await dealsWithStaleReach(db(), t.tenant.id)).toEqual([]);
  });

  it('fills in slots and bits for the data already there when its migration runs', async () => {
    const store = server.runtime.store;
    const migrator = new Migrator({
      db: store.db,
      ...(store.schema ? { migrationTableSchema: store.schema } : {}),
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    expect((await migrator.migrateTo('0010-analytics-indexes')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const stages = await db()
      .selectFrom('stages')
      .select(['slot', 'position'])
      .where('tenant_id', '=', t.tenant.id)
      .where('pipeline_id', '=', pipeline.id)
      .orderBy('position')
      .execute();
    expect(stages.map((stage) => stage.slot)).toEqual(stages.map((_, rank) => rank));
    expect(await dealsWithStaleReach(db(), t.tenant.id)).toEqual([]);
    const { n } = await db()
      .selectFrom('opportunities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', t.tenant.id)
      .where('visited_stages', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });

  it('sets the bits of the deals the demo tenant writes in bulk', async () => {
    const seeded = await seedDemoTenant(server.runtime.ctx, {
      slug: `reach-${randomBytes(3).toString('hex')}`,
      opportunities: 40,
      seed: 7,
    });
    const tenantId = seeded.tenant.id;
    expect(await dealsWithStaleReach(db(), tenantId)).toEqual([]);
    const { n } = await db()
      .selectFrom('opportunities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('visited_stages', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });
});
