import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { visibilityFor } from '../../src/domain/access/visibility.js';
import { collectionCellsSql } from '../../src/store/analytics/collections.sql.js';
import { openStore } from '../../src/store/db.js';
import type { QueryListener } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { dialectsUnderTest } from '../support/dialects.js';

/**
 * The collections report reads a tenant's installments by due date and its receipts by
 * receipt date (migration 0025): without those indexes each report scans every
 * installment and receipt the tenant ever had. The statement checked is the one
 * `collectionCellsSql` really sends, caught with the store's query listener.
 */
describe.each(dialectsUnderTest())('collections query plan ($name)', (dialect) => {
  it('reads the installments due in the buckets through their due-date index', async () => {
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
      await collectionCellsSql(
        store.db,
        {
          tenantId: 'tenant-without-rows',
          currency: null,
          pipelineId: null,
          ownerIds: null,
          visibility: visibilityFor('admin', [], null, []),
        },
        [
          { from: '2026-01-01', to: '2026-01-31' },
          { from: '2026-02-01', to: '2026-02-28' },
        ],
      );
      const query = statements.find((statement) => /payment_installments/.test(statement.sql));
      expect(query).toBeDefined();
      const plan = await store.db.transaction().execute(async (trx) => {
        if (store.dialect === 'postgres') {
          // An empty table is cheapest to scan whole; rule that out so the index choice shows.
          await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
        }
        const prefix = store.dialect === 'postgres' ? 'explain ' : 'explain query plan ';
        const result = await trx.executeQuery<Record<string, unknown>>(
          CompiledQuery.raw(prefix + (query?.sql ?? ''), [...(query?.parameters ?? [])]),
        );
        return result.rows.map((row) => String(row['QUERY PLAN'] ?? row.detail)).join('\n');
      });
      // The planned half: installments due in the buckets, by due date. (Which side the
      // collected half starts from depends on table statistics, which empty tables lack.)
      expect(plan).toContain('payment_installments_due_idx');
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
