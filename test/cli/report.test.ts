import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../src/app/accounts.service.js';
import { createOpportunity } from '../../src/app/opportunities.service.js';
import { listAllPipelines } from '../../src/app/pipelines.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { reports } from '../../src/app/analytics/registry.js';
import { openRuntime } from '../../src/runtime.js';
import { cli, cliTenantDatabase } from '../support/cli.js';

/**
 * `pipewright report <name>`: every API report from the command line, as a table in the
 * shell's language, as JSON or as CSV, with the same filters and the same errors.
 */
let db: string;
let remove: () => void;

beforeAll(async () => {
  ({ db, remove } = await cliTenantDatabase('reports', 'correct horse battery'));
  const runtime = await openRuntime(db);
  try {
    const tenantId = (await findTenant(runtime.ctx, 'acme'))?.id ?? '';
    const system = systemPrincipal(tenantId, 'test-setup');
    const [pipeline] = await listAllPipelines(runtime.ctx, system, { includeArchived: false });
    const admin = JSON.parse(
      (await cli('user', 'list', '--tenant', 'acme', '--json', '--db', db)).out,
    ) as { id: string }[];
    const ownerId = admin[0]?.id ?? '';
    const account = await createAccount(runtime.ctx, system, { name: '博远科技', ownerId });
    for (const amountMinor of [120_000, 80_000])
      await createOpportunity(runtime.ctx, system, {
        name: `博远 ${amountMinor}`,
        accountId: account.id,
        ownerId,
        pipelineId: pipeline?.id ?? '',
        amount: { amountMinor, currency: 'CNY' },
      });
  } finally {
    await runtime.close();
  }
});
afterAll(() => {
  vi.unstubAllEnvs();
  remove();
});

describe('pipewright report', () => {
  it('lists every report of the API', async () => {
    const help = await cli('report', '--help');
    for (const report of reports) expect(help.out).toContain(report.name);
  });

  it('prints every report as a table, JSON and CSV', async () => {
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8');
    for (const report of reports) {
      for (const format of [[], ['--json'], ['--csv']]) {
        const result = await cli('report', report.name, '--tenant', 'acme', ...format, '--db', db);
        expect(result.code, `${report.name} ${format.join(' ')}: ${result.err}`).toBe(0);
        expect(result.out.length, report.name).toBeGreaterThan(0);
      }
    }
  });

  it('prints the funnel as a table in the shell’s language', async () => {
    vi.stubEnv('LC_ALL', 'en_US.UTF-8');
    const english = await cli('report', 'funnel', '--tenant', 'acme', '--db', db);
    expect(english.code, english.err).toBe(0);
    const [header, first] = english.out.split('\n');
    expect(header).toMatch(/^Stage\s+Deals\s+Amount\s+Weighted\s+Reached\s+Reached amount$/);
    expect(first).toMatch(/\s2\s+2000\.00\s/);
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8');
    const chinese = await cli('report', 'funnel', '--tenant', 'acme', '--db', db);
    expect(chinese.out).toMatch(/^阶段\s+商机数\s+金额/);
  });

  it('prints JSON and CSV with the same figures', async () => {
    const json = await cli('report', 'funnel', '--tenant', 'acme', '--json', '--db', db);
    expect(json.code, json.err).toBe(0);
    const body = JSON.parse(json.out) as { stages: { count: number; amountMinor: number }[] };
    expect(body.stages[0]).toMatchObject({ count: 2, amountMinor: 200_000 });
    vi.stubEnv('LC_ALL', 'en_US.UTF-8');
    const csv = await cli('report', 'funnel', '--tenant', 'acme', '--csv', '--db', db);
    expect(csv.out.split('\n')[0]).toBe('Stage,Deals,Amount,Weighted,Reached,Reached amount');
    expect(csv.out.split('\n')[1]).toMatch(/,2,2000\.00,/);
  });

  it('takes the report’s own options and refuses bad ones', async () => {
    const past = await cli(
      'report',
      'funnel',
      '--tenant',
      'acme',
      '--as-of',
      '2020-01-01',
      '--json',
      '--db',
      db,
    );
    expect(past.code, past.err).toBe(0);
    expect((JSON.parse(past.out) as { asOf: string }).asOf).toBe('2020-01-01');
    const bad = await cli('report', 'funnel', '--tenant', 'acme', '--as-of', 'soon', '--db', db);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('asOf');
    const period = await cli(
      'report',
      'funnel',
      '--tenant',
      'acme',
      '--from',
      '2026-05-01',
      '--to',
      '2026-04-01',
      '--db',
      db,
    );
    expect(period.code).toBe(1);
    const pipeline = await cli(
      'report',
      'funnel',
      '--tenant',
      'acme',
      '--pipeline',
      'nope',
      '--db',
      db,
    );
    expect(pipeline.code).toBe(2);
    expect(pipeline.err).toContain('no pipeline "nope"');
    const both = await cli('report', 'funnel', '--tenant', 'acme', '--json', '--csv', '--db', db);
    expect(both.code).toBe(2);
  });
});
