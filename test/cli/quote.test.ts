import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.service.js';
import { createOpportunity, getOpportunity } from '../../src/app/opportunities.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { findUserByEmail } from '../../src/app/users.service.js';
import { openRuntime } from '../../src/runtime.js';
import { cli, cliTenantDatabase } from '../support/cli.js';

/** `pipewright quote create|list|show|send|accept`: the JPY example of docs/l2c/quotes.md. */
describe('pipewright quote', () => {
  let db: string;
  let remove: () => void;
  let dealId = '';

  const inAcme = async <T>(
    work: (
      ctx: Awaited<ReturnType<typeof openRuntime>>['ctx'],
      principal: ReturnType<typeof systemPrincipal>,
    ) => Promise<T>,
  ): Promise<T> => {
    const runtime = await openRuntime(db);
    try {
      const tenant = await findTenant(runtime.ctx, 'acme');
      return await work(runtime.ctx, systemPrincipal(tenant?.id ?? '', 'test'));
    } finally {
      await runtime.close();
    }
  };
  const ok = async (...args: string[]) => {
    const result = await cli(...args, '--tenant', 'acme', '--db', db);
    expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
    return result.out;
  };

  beforeAll(async () => {
    ({ db, remove } = await cliTenantDatabase('quote', 'a long passphrase'));
    dealId = await inAcme(async (ctx, principal) => {
      const admin = await findUserByEmail(ctx, principal, 'boss@acme.test');
      const account = await createAccount(ctx, principal, {
        name: 'Tokyo KK',
        ownerId: admin?.id ?? null,
      });
      const deal = await createOpportunity(ctx, principal, {
        name: 'Yen deal',
        accountId: account.id,
        ownerId: admin?.id ?? '',
        amount: { amountMinor: 1, currency: 'JPY' },
      });
      return deal.id;
    });
  });
  afterAll(() => remove());

  it('creates, shows, lists, sends and accepts a quote; the deal amount follows', async () => {
    const created = await ok(
      'quote',
      'create',
      '--deal',
      dealId,
      '--line',
      'Seat;cornerstone;7;1250;3;10',
      'Support;lighthouse;2;999;;10',
      '--discount',
      '2.5',
    );
    // The JPY example: net 10,223, tax 1,023, total 11,246 (no minor digits).
    expect(created).toContain('net 10223; tax 1023; total 11246');
    const id = /id ([0-9a-f-]{36})/.exec(created)?.[1] ?? '';
    expect(await ok('quote', 'list', '--deal', dealId)).toContain(`${id}\tQ-000001\t1\tdraft`);
    expect(await ok('quote', 'show', id)).toContain('Seat × 7 @ 1250');
    expect(await ok('quote', 'send', id)).toMatch(/sent \(version 2\)/);
    expect(await ok('quote', 'accept', id)).toMatch(/accepted/);
    const deal = await inAcme((ctx, principal) => getOpportunity(ctx, principal, dealId));
    expect(deal.amount).toEqual({ amountMinor: 10_223, currency: 'JPY' });
    const lapsed = await ok(
      'quote',
      'create',
      '--deal',
      dealId,
      '--line',
      'Old offer;cornerstone;1;100',
      '--valid-until',
      '2001-01-31',
    );
    expect(lapsed).toContain('(draft)');
    expect(await ok('quote', 'expire-lapsed')).toBe('1 quote(s) expired.');
    expect(await ok('quote', 'list', '--deal', dealId)).toContain('expired');
    const bad = await cli(
      'quote',
      'create',
      '--deal',
      dealId,
      '--line',
      'X;gadget;1;1',
      '--tenant',
      'acme',
      '--db',
      db,
    );
    expect(bad.code).not.toBe(0);
  });
});
