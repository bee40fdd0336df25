import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { createOrg, DAY, historyOf } from '../support/pools.js';
import type { Held, Org } from '../support/pools.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';

/**
 * Owners also change outside the ownership endpoint: by editing a record (PATCH ownerId or
 * poolId) and by disabling a user, whose records are handed over. Those are flows between
 * pools and owners like any other: each is in the ownership history, and the new owner's
 * follow-up clock starts when they get the record (not when the last owner got it).
 */
describe.each(dialectsUnderTest())(
  'ownership changed by edits and hand-overs ($name)',
  (dialect) => {
    const clock = new ManualClock(Date.parse('2026-11-02T01:00:00.000Z'));
    let server: TestServer;
    let org: Org;
    const inSevenDays = () => new Date(clock.now().getTime() + 7 * DAY).toISOString();

    beforeAll(async () => {
      server = await startTestServer(dialect, { clock });
      org = await createOrg(server, await createTestTenant(server));
    });
    afterAll(async () => server?.close());

    it('records a PATCH to a new owner as a transfer and restarts the clock', async () => {
      const lead = await created<Held>(
        org.admin.post('/api/v1/leads', { name: 'Edited', source: 'event', ownerId: org.ids.rep1 }),
      );
      clock.advance(5 * DAY);
      const moved = await org.admin.patch<Held>(`/api/v1/leads/${lead.id}`, {
        version: lead.version,
        ownerId: org.ids.rep2,
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body).toMatchObject({
        ownerId: org.ids.rep2,
        ownedSince: clock.now().toISOString(),
        deadlineAt: inSevenDays(),
        deadlineLevel: 0,
      });
      expect(await historyOf(org.admin, 'leads', lead.id)).toEqual([
        expect.objectContaining({
          action: 'transfer',
          fromOwnerId: org.ids.rep1,
          toOwnerId: org.ids.rep2,
          reason: 'edited',
          actorId: org.ids.admin,
        }),
      ]);
      const inbox = await org
        .as('rep2')
        .get<{ items: { kind: string; subjectId: string }[] }>('/api/v1/notifications');
      expect(inbox.body.items.filter((n) => n.subjectId === lead.id).map((n) => n.kind)).toEqual([
        'assigned',
      ]);
    });

    it('records a PATCH into a pool as a release and stops the clock; other edits record nothing', async () => {
      const account = await created<Held>(
        org.admin.post('/api/v1/accounts', { name: 'Edited Co', ownerId: org.ids.rep1 }),
      );
      const renamed = await org.admin.patch<Held>(`/api/v1/accounts/${account.id}`, {
        version: account.version,
        name: 'Edited Co Ltd',
      });
      expect(renamed.body.deadlineAt).toBe(account.deadlineAt);
      expect(await historyOf(org.admin, 'accounts', account.id)).toEqual([]);
      const pooled = await org.admin.patch<Held>(`/api/v1/accounts/${account.id}`, {
        version: renamed.body.version,
        poolId: org.defaultPoolId,
      });
      expect(pooled.body).toMatchObject({ ownerId: null, ownedSince: null, deadlineAt: null });
      expect(await historyOf(org.admin, 'accounts', account.id)).toEqual([
        expect.objectContaining({
          action: 'release',
          toPoolId: org.defaultPoolId,
          reason: 'edited',
        }),
      ]);
    });

    it('records the hand-over when a user is disabled, with a fresh clock for the heir', async () => {
      const lead = await created<Held>(
        org.admin.post('/api/v1/leads', {
          name: 'Left behind',
          source: 'event',
          ownerId: org.ids.rep1,
        }),
      );
      clock.advance(3 * DAY);
      const rep = await org.admin.get<{ version: number }>(`/api/v1/users/${org.ids.rep1}`);
      const disabled = await org.admin.post(`/api/v1/users/${org.ids.rep1}/disable`, {
        version: rep.body.version,
        transferTo: org.ids.rep2,
      });
      expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
      const after = await org.admin.get<Held>(`/api/v1/leads/${lead.id}`);
      expect(after.body).toMatchObject({
        ownerId: org.ids.rep2,
        ownedSince: clock.now().toISOString(),
        deadlineAt: inSevenDays(),
      });
      expect((await historyOf(org.admin, 'leads', lead.id)).at(-1)).toMatchObject({
        action: 'transfer',
        fromOwnerId: org.ids.rep1,
        toOwnerId: org.ids.rep2,
        reason: 'owner disabled',
        actorId: org.ids.admin,
      });
    });
  },
);
