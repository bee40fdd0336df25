import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliTenantDatabase } from '../support/cli.js';

/** `pipewright product …` and `pipewright price-book …`: the catalogue from the shell. */
describe('pipewright product and price-book', () => {
  let db: string;
  let remove: () => void;
  beforeAll(async () => {
    ({ db, remove } = await cliTenantDatabase('catalog', 'a long passphrase'));
  });
  afterAll(() => remove());

  const run = (...args: string[]) => cli(...args, '--tenant', 'acme', '--db', db);

  it('adds, lists and archives products', async () => {
    const added = await run(
      'product',
      'add',
      '--code',
      'AN-SEAT',
      '--name',
      'Analytics seat',
      '--type',
      'cornerstone',
      '--series',
      'Analytics',
      '--unit',
      'seat',
    );
    expect(added.err).toBe('');
    expect(added.out).toContain('AN-SEAT');
    const again = await run(
      'product',
      'add',
      '--code',
      'AN-SEAT',
      '--name',
      'x',
      '--type',
      'lighthouse',
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('code');
    const badType = await run('product', 'add', '--code', 'X1', '--name', 'x', '--type', 'gadget');
    expect(badType.code).toBe(2);

    await run('product', 'add', '--code', 'OLD-1', '--name', 'Old thing', '--type', 'lighthouse');
    expect((await run('product', 'archive', '--code', 'OLD-1')).out).toContain('archived');
    const active = await run('product', 'list', '--json');
    const codes = (JSON.parse(active.out) as { code: string }[]).map((p) => p.code);
    expect(codes).toContain('AN-SEAT');
    expect(codes).not.toContain('OLD-1');
    const all = await run('product', 'list', '--all');
    expect(all.out).toMatch(/OLD-1.*archived/);
    expect((await run('product', 'archive', '--code', 'NOPE')).code).toBe(2);
  });

  it('adds price books and sets tiered prices', async () => {
    const added = await run('price-book', 'add', '--name', 'Standard', '--default');
    expect(added.err).toBe('');
    expect(added.out).toContain('CNY');
    const second = await run('price-book', 'add', '--name', 'Other', '--default');
    expect(second.code).toBe(1);
    expect(second.err).toContain('Standard');

    const set = await run(
      'price-book',
      'set-price',
      '--book',
      'Standard',
      '--product',
      'AN-SEAT',
      '--price',
      '1200.00',
      '--tier',
      '10=1100',
      '--tier',
      '50=1000.50',
    );
    expect(set.err).toBe('');
    expect(set.out).toContain('(version 1)');
    expect(set.out).toContain('50+');
    const reset = await run(
      'price-book',
      'set-price',
      '--book',
      'Standard',
      '--product',
      'AN-SEAT',
      '--price',
      '1250',
    );
    expect(reset.out).toContain('(version 2)');
    const badTiers = await run(
      'price-book',
      'set-price',
      '--book',
      'Standard',
      '--product',
      'AN-SEAT',
      '--price',
      '1',
      '--tier',
      '50=1',
      '--tier',
      '10=1',
    );
    expect(badTiers.code).toBe(1);
    expect(badTiers.err).toContain('ascending');
    const books = await run('price-book', 'list', '--json');
    expect(JSON.parse(books.out)).toEqual([
      expect.objectContaining({ name: 'Standard', currency: 'CNY', default: 'default' }),
    ]);
  });
});
