import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliTenantDatabase } from '../support/cli.js';

/** `pipewright target set|list`: a quota set twice for the same period is changed, not doubled. */
describe('pipewright target', () => {
  let db: string;
  let remove: () => void;
  beforeAll(async () => {
    ({ db, remove } = await cliTenantDatabase('target', 'a long passphrase'));
  });
  afterAll(() => remove());

  it('sets, resets and lists targets, and the targets report reads them', async () => {
    const args = ['--tenant', 'acme', '--user', 'boss@acme.test', '--from', '2026-01-01'];
    const first = await cli(
      'target',
      'set',
      ...args,
      '--to',
      '2026-03-31',
      '--amount',
      '1500.50',
      '--db',
      db,
    );
    expect(first.err).toBe('');
    expect(first.out).toContain('1500.50');
    const again = await cli(
      'target',
      'set',
      ...args,
      '--to',
      '2026-03-31',
      '--amount',
      '2000',
      '--db',
      db,
    );
    expect(again.out).toContain('(version 2)');
    const overlap = await cli(
      'target',
      'set',
      ...args,
      '--to',
      '2026-02-01',
      '--amount',
      '1',
      '--db',
      db,
    );
    expect(overlap.code).not.toBe(0);
    const both = await cli(
      'target',
      'set',
      '--tenant',
      'acme',
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-02',
      '--amount',
      '1',
      '--db',
      db,
    );
    expect(both.code).not.toBe(0);
    const list = await cli('target', 'list', '--tenant', 'acme', '--json', '--db', db);
    const rows = JSON.parse(list.out) as { amountMinor: number; periodEnd: string }[];
    expect(rows).toMatchObject([{ amountMinor: 200_000, periodEnd: '2026-03-31' }]);
    const report = await cli(
      'report',
      'targets',
      '--tenant',
      'acme',
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--json',
      '--db',
      db,
    );
    expect(report.err).toBe('');
    const json = JSON.parse(report.out) as { targets: { targetMinor: number }[] };
    // 31 of the quota's 90 days: 200 000 × 31 ÷ 90, rounded.
    expect(json.targets.map((row) => row.targetMinor)).toEqual([Math.round((200_000 * 31) / 90)]);
  });
});
