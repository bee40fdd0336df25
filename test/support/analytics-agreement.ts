import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { dialectsUnderTest } from './dialects.js';
import { loadWorld, openAnalyticsDatabase } from './analytics-load.js';
import type { AnalyticsDatabase, LoadedWorld } from './analytics-load.js';
import { generateWorld } from './analytics-world.js';
import type { World } from './analytics-world.js';

export interface AgreementCase {
  readonly world: World;
  readonly loaded: LoadedWorld;
  readonly app: AppContext;
}

export interface AgreementOptions {
  /** Worlds per dialect (default 8). */
  readonly numRuns?: number;
  /** Deals per world at most (default 80). */
  readonly maxDeals?: number;
}

/**
 * "The SQL and the reference agree", as a property over random histories, on every
 * database under test. Each run generates a world from a seed, loads it into a tenant of
 * its own and calls `check`, which runs the report through its service and compares it with
 * the reference. fast-check shrinks a failure to a smaller world and prints its seed.
 */
export function describeAgreement(
  title: string,
  check: (input: AgreementCase) => Promise<void>,
  options: AgreementOptions = {},
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
          fc.integer({ min: 0, max: options.maxDeals ?? 80 }),
          async (seed, deals) => {
            const world = generateWorld({ seed, deals });
            const loaded = await loadWorld(database.runtime.store.db, world);
            await check({ world, loaded, app: database.runtime.ctx });
          },
        ),
        { numRuns: options.numRuns ?? 8 },
      );
    }, 120_000);
  });
}
