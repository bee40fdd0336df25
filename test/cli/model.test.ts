import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadWorld, openAnalyticsDatabase } from '../support/analytics-load.js';
import type { AnalyticsDatabase } from '../support/analytics-load.js';
import { generateWorld } from '../support/analytics-world.js';
import { cli } from '../support/cli.js';
import { sqlite } from '../support/dialects.js';

/**
 * `pipewright model train|show` on a SQLite file holding a generated history (the tenant's
 * slug is its id): training prints what it did per pipeline, in the shell's language, and
 * `show` prints the accuracy against the baselines and the calibration bands.
 */
describe('pipewright model', () => {
  let database: AnalyticsDatabase;
  let slug: string;

  beforeAll(async () => {
    database = await openAnalyticsDatabase(sqlite);
    slug = (await loadWorld(database.runtime.store.db, generateWorld({ seed: 42, deals: 400 })))
      .tenantId;
    // The CLI opens the file itself; the test's runtime must not hold it meanwhile.
    await database.runtime.close();
  }, 60_000);
  afterAll(async () => database?.database.drop());

  const run = (...args: string[]) => cli('model', ...args, '--db', database.database.target);

  it('shows that nothing is trained yet', async () => {
    vi.stubEnv('LC_ALL', 'en_US.UTF-8');
    const shown = await run('show', '--tenant', slug, '--pipeline', 'main');
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toBe('main: no trained model.');
  });

  it('trains every pipeline, then shows the model', async () => {
    vi.stubEnv('LC_ALL', 'en_US.UTF-8');
    const trained = await run('train', '--tenant', slug);
    expect(trained.code, trained.err).toBe(0);
    expect(trained.out).toMatch(/^main: trained on \d+ closed deals \(\d+ held out\), scored \d+/m);
    expect(trained.out).toMatch(/^other: /m);

    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8');
    const shown = await run('show', '--tenant', slug, '--pipeline', 'main');
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain('naive_bayes');
    expect(shown.out).toContain('概率区间');
    // A table of the ten bands under its header ends the output.
    const lines = shown.out.split('\n');
    expect(lines.at(-11)).toMatch(/^概率区间/);
    expect(lines.at(-1)).toMatch(/^90–100%/);

    const json = await run('show', '--tenant', slug, '--pipeline', 'main', '--json');
    const [main] = JSON.parse(json.out) as { key: string; model: { status: string } }[];
    expect(main).toMatchObject({ key: 'main', model: { status: 'active' } });
  });

  it('refuses an unknown pipeline or tenant', async () => {
    expect((await run('train', '--tenant', slug, '--pipeline', 'nope')).code).toBe(2);
    expect((await run('show', '--tenant', 'nope')).code).toBe(2);
  });
});
