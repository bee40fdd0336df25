import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { wonDeal } from '../support/contracts.js';
import type { WonDeal } from '../support/contracts.js';
import { sqlite } from '../support/dialects.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * `pipewright contract list|show|create` and `pipewright receipt post|allocate|list` against
 * the database a server writes (the deal is won over the API).
 */
describe('pipewright contract and receipt', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let deal: WonDeal;

  beforeAll(async () => {
    server = await startTestServer(sqlite);
    tenant = await createTestTenant(server);
    deal = await wonDeal(tenant.client, { amountMinor: 1_000 });
  });
  afterAll(async () => server.close());

  const ok = async (...args: string[]) => {
    const result = await cli(
      ...args,
      '--tenant',
      tenant.tenant.slug,
      '--db',
      server.database.target,
    );
    expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
    return result.out;
  };

  it('creates, lists and shows a contract; posts, allocates and lists receipts', async () => {
    const created = await ok(
      'contract',
      'create',
      deal.id,
      '--start',
      '2026-01-01',
      '--end',
      '2026-12-31',
      '--installments',
      '3',
      '--every',
      '1',
      '--first-due',
      '2026-01-31',
    );
    const [number, , contractId] = created.trim().split('\t');
    expect(number).toMatch(/^C-\d{6}$/);
    expect(await ok('contract', 'list')).toContain(number);
    const shown = JSON.parse(await ok('contract', 'show', contractId!)) as {
      installments: { id: string; amountMinor: number }[];
    };
    expect(shown.installments.map((i) => i.amountMinor)).toEqual([333, 333, 334]);

    const posted = await ok(
      'receipt',
      'post',
      '--account',
      deal.accountId,
      '--contract',
      contractId!,
      '--amount',
      '500',
      '--currency',
      'cny',
      '--on',
      '2026-02-01',
      '--reference',
      'SLIP-9',
    );
    const receiptId = posted.trim().split('\t')[3]!;
    expect(posted).toContain('unapplied 500');
    const allocated = await ok('receipt', 'allocate', receiptId, shown.installments[0]!.id, '333');
    expect(allocated).toContain('partial\tunapplied 167');
    expect(await ok('receipt', 'list', '--unapplied')).toContain(receiptId);
    // The same bank reference again is the same receipt.
    const again = await ok(
      'receipt',
      'post',
      '--account',
      deal.accountId,
      '--contract',
      contractId!,
      '--amount',
      '500',
      '--currency',
      'CNY',
      '--on',
      '2026-02-01',
      '--reference',
      'SLIP-9',
    );
    expect(again).toContain('(already recorded)');
  });
});
