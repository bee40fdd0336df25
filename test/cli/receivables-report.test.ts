import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../src/app/accounts.service.js';
import { createOpportunity } from '../../src/app/opportunities.service.js';
import { listAllPipelines } from '../../src/app/pipelines.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { openRuntime } from '../../src/runtime.js';
import { cli, cliTenantDatabase } from '../support/cli.js';

/**
 * `pipewright report receivables-aging` and `collections` from the command line: their own
 * options (`--as-of`, `--grain`), JSON and CSV with the same figures, bad options refused.
 * One contract of 1 000.00 CNY due 2026-05-31, nothing collected.
 */
let db: string;
let remove: () => void;

beforeAll(async () => {
  ({ db, remove } = await cliTenantDatabase('receivables', 'correct horse battery'));
  const runtime = await openRuntime(db);
  try {
    const tenantId = (await findTenant(runtime.ctx, 'acme'))?.id ?? '';
    const system = systemPrincipal(tenantId, 'test-setup');
    const [pipeline] = await listAllPipelines(runtime.ctx, system, { includeArchived: false });
    const users = JSON.parse(
      (await cli('user', 'list', '--tenant', 'acme', '--json', '--db', db)).out,
    ) as { id: string }[];
    const ownerId = users[0]?.id ?? '';
    const account = await createAccount(runtime.ctx, system, { name: '博远科技', ownerId });
    const deal = await createOpportunity(runtime.ctx, system, {
      name: '博远 ERP',
      accountId: account.id,
      ownerId,
      pipelineId: pipeline?.id ?? '',
      amount: { amountMinor: 100_000, currency: 'CNY' },
    });
    const at = '2026-01-01T00:00:00.000Z';
    const versioned = { created_at: at, updated_at: at, version: 1 };
    const t = { tenant_id: tenantId };
    // Written straight into the tables: the report reads them, however they were posted.
    await runtime.store.db
      .insertInto('contracts')
      .values({
        ...t,
        id: 'ctr-1',
        number: 'C-000001',
        account_id: account.id,
        opportunity_id: deal.id,
        quote_id: null,
        owner_id: ownerId,
        currency: 'CNY',
        amount_minor: 100_000,
        start_date: '2026-01-01',
        end_date: '2026-12-31',
        signed_on: '2026-01-01',
        status: 'active',
        delivery_status: 'not_started',
        recognition_status: 'unrecognised',
        renewal_opportunity_id: null,
        notes: null,
        created_by: null,
        ...versioned,
      })
      .execute();
    await runtime.store.db
      .insertInto('payment_installments')
      .values({
        ...t,
        id: 'inst-1',
        contract_id: 'ctr-1',
        seq: 1,
        due_date: '2026-05-31',
        amount_minor: 100_000,
        status: 'open',
        paid_on: null,
        last_reminded_on: null,
        ...versioned,
      })
      .execute();
  } finally {
    await runtime.close();
  }
});
afterAll(() => {
  vi.unstubAllEnvs();
  remove();
});

describe('pipewright report (receivables)', () => {
  it('ages as of a date, as JSON and as CSV', async () => {
    const json = await cli(
      'report',
      'receivables-aging',
      '--tenant',
      'acme',
      '--as-of',
      '2026-06-30',
      '--json',
      '--db',
      db,
    );
    expect(json.code, json.err).toBe(0);
    const body = JSON.parse(json.out) as {
      asOf: string;
      currencies: { currency: string; totals: Record<string, number> }[];
    };
    expect(body.asOf).toBe('2026-06-30');
    expect(body.currencies[0]).toMatchObject({
      currency: 'CNY',
      totals: { days1to30: 100_000, total: 100_000 },
    });
    vi.stubEnv('LC_ALL', 'en_US.UTF-8');
    const csv = await cli(
      'report',
      'receivables-aging',
      '--tenant',
      'acme',
      '--as-of',
      '2026-07-01',
      '--csv',
      '--db',
      db,
    );
    const [header, total] = csv.out.split('\n');
    expect(header).toBe(
      'Currency,By,Name,Not yet due,1–30 days,31–60 days,61–90 days,Over 90 days,Total',
    );
    // One day later the installment is 31 days overdue.
    expect(total).toBe('CNY,Total,,0.00,0.00,1000.00,0.00,0.00,1000.00');
  });

  it('takes --grain for collections and refuses a grain it does not know', async () => {
    const quarter = await cli(
      'report',
      'collections',
      '--tenant',
      'acme',
      '--from',
      '2026-01-01',
      '--to',
      '2026-06-30',
      '--grain',
      'quarter',
      '--json',
      '--db',
      db,
    );
    expect(quarter.code, quarter.err).toBe(0);
    const body = JSON.parse(quarter.out) as {
      currencies: { periods: { from: string; plannedMinor: number; rate: number | null }[] }[];
    };
    expect(body.currencies[0]?.periods).toEqual([
      expect.objectContaining({ from: '2026-01-01', plannedMinor: 0, rate: null }),
      expect.objectContaining({ from: '2026-04-01', plannedMinor: 100_000, rate: 0 }),
    ]);
    const bad = await cli(
      'report',
      'collections',
      '--tenant',
      'acme',
      '--grain',
      'week',
      '--db',
      db,
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('grain');
  });
});
