import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import type { QueryListener } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { claimDeliveries } from '../../src/store/outbox.repo.js';
import { dialectsUnderTest } from '../support/dialects.js';

/**
 * The dispatcher's claim must read the queue index in claim order, never sort the due rows:
 * with a sort, each claim costs the whole backlog and draining it costs its square
 * (migration 0015). The statement checked is the one `claimDeliveries` really sends, caught
 * with the store's query listener, so a change to the query cannot slip past the plan.
 */
describe.each(dialectsUnderTest())('delivery claim plan ($name)', (dialect) => {
  it('reads deliveries_queue_idx in order, without a sort', async () => {
    const database = dialect.create();
    const statements: Parameters<QueryListener>[0][] = [];
    const store = await openStore({
      target: database.target,
      ...(database.schema ? { schema: database.schema } : {}),
      onQuery: (query) => statements.push(query),
    });
    try {
      await migrateToLatest(store);
      statements.length = 0;
      const now = new Date().toISOString();
      await claimDeliveries(store.db, store.dialect, {
        tenantId: 'tenant-without-rows',
        workerId: 'worker',
        now,
        leaseUntil: now,
        limit: 50,
      });
      const claim = statements.find((statement) => /^\s*update deliveries/i.test(statement.sql));
      expect(claim).toBeDefined();
      const plan = await store.db.transaction().execute(async (trx) => {
        if (store.dialect === 'postgres') {
          // An empty table is cheapest to scan whole; rule that out so the index choice shows.
          await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
        }
        const prefix = store.dialect === 'postgres' ? 'explain ' : 'explain query plan ';
        const result = await trx.executeQuery<Record<string, unknown>>(
          CompiledQuery.raw(prefix + (claim?.sql ?? ''), [...(claim?.parameters ?? [])]),
        );
        return result.rows.map((row) => String(row['QUERY PLAN'] ?? row.detail)).join('\n');
      });
      expect(plan).toContain('deliveries_queue_idx');
      expect(plan).not.toMatch(/\bSort\b|TEMP B-TREE FOR ORDER BY/);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
