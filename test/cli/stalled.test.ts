import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../src/app/accounts.service.js';
import { createOpportunity } from '../../src/app/opportunities.service.js';
import { createPipeline } from '../../src/app/pipelines.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { displayWidth } from '../../src/cli/table.js';
import { openRuntime } from '../../src/runtime.js';
import { cli } from '../support/cli.js';
import { ManualClock } from '../support/clock.js';
import { DAY } from '../support/stalled.js';

/**
 * `pipewright stalled`: the manager's list from the command line. The deals are created
 * through the services with a clock 20 days in the past, so the command (on the real
 * clock) finds them stalled.
 */
let dir: string;
let db: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-stalled-'));
  db = join(dir, 'stalled.db');
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
  const tenant = await cli(
    'tenant',
    'create',
    'acme',
    '--admin-email',
    'boss@acme.test',
    '--admin-password',
    'correct horse battery',
    '--db',
    db,
  );
  expect(tenant.code, tenant.err).toBe(0);
  const runtime = await openRuntime(db, { clock: new ManualClock(Date.now() - 20 * DAY) });
  try {
    const tenantId = (await findTenant(runtime.ctx, 'acme'))?.id ?? '';
    const system = systemPrincipal(tenantId, 'test-setup');
    const admin = (await cli('user', 'list', '--tenant', 'acme', '--json', '--db', db)).out;
    const [boss] = JSON.parse(admin) as { id: string }[];
    const pipeline = await createPipeline(runtime.ctx, system, {
      key: 'enterprise',
      nameZh: '大客户',
      nameEn: 'Enterprise',
      stages: [
        {
          key: 'qualify',
          nameZh: '资格确认',
          nameEn: 'Qualify',
          kind: 'open',
          probability: 20,
          forecastCategory: 'pipeline',
          expectedDwellDays: 10,
        },
        {
          key: 'won',
          nameZh: '赢单',
          nameEn: 'Won',
          kind: 'won',
          probability: 100,
          forecastCategory: 'closed',
        },
        {
          key: 'lost',
          nameZh: '输单',
          nameEn: 'Lost',
          kind: 'lost',
          probability: 0,
          forecastCategory: 'omitted',
        },
      ],
    });
    const account = await createAccount(runtime.ctx, system, {
      name: '博远科技',
      ownerId: boss?.id ?? '',
    });
    await createOpportunity(runtime.ctx, system, {
      name: '博远 CRM 二期',
      accountId: account.id,
      ownerId: boss?.id ?? '',
      pipelineId: pipeline.id,
    });
  } finally {
    await runtime.close();
  }
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('pipewright stalled', () => {
  it('prints the stalled deals as a table with the reasons', async () => {
    const result = await cli('stalled', '--tenant', 'acme', '--pipeline', 'enterprise', '--db', db);
    expect(result.code, result.err).toBe(0);
    const [header, row] = result.out.split('\n');
    expect(header).toMatch(/^DEAL\s+OWNER\s+STAGE\s+DAYS\s+WHY$/);
    expect(row).toMatch(
      /^博远 CRM 二期\s+boss@acme\.test\s+Qualify\s+20\s+In this stage for 20 days, longer than the expected 10 days\.$/,
    );
    // Columns line up even though the deal's name is in Chinese (two columns per character).
    const ownerAt = row?.indexOf('boss') ?? -1;
    expect(displayWidth(row?.slice(0, ownerAt) ?? '')).toBe(header?.indexOf('OWNER'));
  });

  it('speaks the shell’s language and prints JSON with the evidence', async () => {
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8');
    const table = await cli('stalled', '--tenant', 'acme', '--db', db);
    expect(table.out).toMatch(/^商机\s+负责人\s+阶段\s+天数\s+原因/);
    expect(table.out).toContain('已在本阶段停留 20 天，超过预期的 10 天。');
    const json = await cli('stalled', '--tenant', 'acme', '--json', '--db', db);
    const deals = JSON.parse(json.out) as {
      opportunity: { name: string; daysInStage: number };
      flags: Record<string, unknown>[];
    }[];
    expect(deals.map((deal) => [deal.opportunity.name, deal.opportunity.daysInStage])).toEqual([
      ['博远 CRM 二期', 20],
    ]);
    expect(deals[0]?.flags).toEqual([
      {
        code: 'dwell_over_expected',
        days: 20,
        expectedDays: 10,
        message: '已在本阶段停留 20 天，超过预期的 10 天。',
      },
    ]);
  });

  it('filters by flag and says when nothing is stalled', async () => {
    const none = await cli(
      'stalled',
      '--tenant',
      'acme',
      '--code',
      'no_recent_activity',
      '--db',
      db,
    );
    expect(none.code, none.err).toBe(0);
    expect(none.out).toBe('No stalled deals.');
  });

  it('refuses an unknown pipeline or flag with a usage error', async () => {
    const pipeline = await cli('stalled', '--tenant', 'acme', '--pipeline', 'nope', '--db', db);
    expect(pipeline.code).toBe(2);
    expect(pipeline.err).toContain('no pipeline "nope"');
    const code = await cli('stalled', '--tenant', 'acme', '--code', 'lazy', '--db', db);
    expect(code.code).toBe(2);
    expect(code.err).toContain('unknown --code "lazy"');
  });
});
