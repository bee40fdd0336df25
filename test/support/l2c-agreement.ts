import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { dialectsUnderTest } from './dialects.js';
import { openAnalyticsDatabase } from './analytics-load.js';
import type { AnalyticsDatabase, LoadedWorld } from './analytics-load.js';
import { generateL2cWorld, loadL2cWorld } from './l2c-world.js';
import type { L2cWorld } from './l2c-world.js';

export interface L2cAgreementCase {
  readonly world: L2cWorld;
  readonly loaded: LoadedWorld;
  readonly app: AppContext;
}

/**
 * "The receivables SQL and its reference agree" over random lead-to-cash worlds on every
 * database under test (like `describeAgreement`, with contracts, plans and receipts).
 */
export function describeL2cAgreement(
  title: string,
  check: (input: L2cAgreementCase) => Promise<void>,
  options: { numRuns?: number; maxDeals?: number } = {},
): void {
  describe.each(dialectsUnderTest())(`${title} ($name)`, (dialect) => {
    let database: AnalyticsDatabase;
    beforeAll(async () => {
      database = await openAnalyticsDatabase(dialect);
    });
    afterAll(async () => {
      await database.close();
    });

    it('gives the reference implementation’s figures on random histories', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.integer({ min: 0, max: options.maxDeals ?? 120 }),
          async (seed, deals) => {
            const world = generateL2cWorld({ seed, deals });
            const loaded = await loadL2cWorld(database.runtime.store.db, world);
            await check({ world, loaded, app: database.runtime.ctx });
          },
        ),
        { numRuns: options.numRuns ?? 8 },
      );
    }, 180_000);
  });
}
