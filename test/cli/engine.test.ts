import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../src/app/accounts.service.js';
import { createOpportunity } from '../../src/app/opportunities.service.js';
import { createPipeline } from '../../src/app/pipelines.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { findUserByEmail } from '../../src/app/users.service.js';
import { openRuntime } from '../../src/runtime.js';
import { cli } from '../support/cli.js';

/**
 * The pipeline engine from the command line: checklist, a gated move that waits for
 * approval, the approval, and a close with its review — the same rules as the API.
 */
let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-engine-'));
  db = join(dir, 'engine.db');
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const ok = async (...args: string[]) => {
  const result = await cli(...args, '--tenant', 'acme', '--db', db);
  expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
  return result.out;
};

describe('pipewright opportunity / approvals', () => {
  it('shows the checklist, waits for approval, approves, and closes with a review', async () => {
    expect(
      (
        await cli(
          'tenant',
          'create',
          'acme',
          '--admin-email',
          'boss@acme.test',
          '--admin-password',
          'correct horse battery',
          '--db',
          db,
        )
      ).code,
    ).toBe(0);
    const runtime = await openRuntime(db);
    let dealId = '';
    try {
      const tenant = await findTenant(runtime.ctx, 'acme');
      const principal = systemPrincipal(tenant?.id ?? '', 'test');
      const admin = await findUserByEmail(runtime.ctx, principal, 'boss@acme.test');
      const open = (key: string, extra: object = {}) => ({
        key,
        nameZh: key,
        nameEn: key,
        kind: 'open' as const,
        probability: 30,
        forecastCategory: 'pipeline' as const,
        ...extra,
      });
      const pipeline = await createPipeline(runtime.ctx, principal, {
        key: 'cli',
        nameZh: '命令行',
        nameEn: 'CLI',
        stages: [
          open('first', {
            actions: [{ key: 'call', nameZh: '电话', nameEn: 'Call', required: true }],
          }),
          open('second', { approval: { approver: 'admin' } }),
          {
            key: 'won',
            nameZh: 'won',
            nameEn: 'won',
            kind: 'won',
            probability: 100,
            forecastCategory: 'closed',
          },
          {
            key: 'lost',
            nameZh: 'lost',
            nameEn: 'lost',
            kind: 'lost',
            probability: 0,
            forecastCategory: 'omitted',
          },
        ],
      });
      const account = await createAccount(runtime.ctx, principal, {
        name: 'Acme',
        ownerId: admin?.id ?? null,
      });
      const deal = await createOpportunity(runtime.ctx, principal, {
        name: 'CLI deal',
        accountId: account.id,
        pipelineId: pipeline.id,
        ownerId: admin?.id ?? '',
      });
      dealId = deal.id;
    } finally {
      await runtime.close();
    }

    const checklist = await ok('opportunity', 'checklist', dealId);
    expect(checklist).toContain('[ ] call (required)');
    expect(checklist).toContain('key action “Call” is not done');
    const refused = await cli(
      'opportunity',
      'move',
      dealId,
      'second',
      '--tenant',
      'acme',
      '--db',
      db,
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('criteria are unmet');
    expect(await ok('opportunity', 'tick', dealId, 'call', '--note', 'talked to the CTO')).toMatch(
      /^Done: action call/,
    );
    expect(await ok('opportunity', 'move', dealId, 'second')).toMatch(/^Waiting for approval /);
    const pending = JSON.parse(await ok('approvals', 'list', '--json')) as {
      id: string;
      opportunity: string;
    }[];
    expect(pending.map((p) => p.opportunity)).toEqual([dealId]);
    expect(await ok('approvals', 'approve', pending[0]?.id ?? '', '--comment', 'ok')).toBe(
      'approved; move: moved.',
    );
    const noReview = await cli(
      'opportunity',
      'close',
      dealId,
      'lost',
      '--tenant',
      'acme',
      '--db',
      db,
    );
    expect(noReview.code).toBe(1);
    expect(noReview.err).toMatch(/needs a review/);
    expect(
      await ok(
        'opportunity',
        'close',
        dealId,
        'lost',
        '--reasons',
        'price,timing',
        '--competitor',
        'Zoho',
      ),
    ).toMatch(/\(lost\)\.$/);
    const unknownStage = await cli(
      'opportunity',
      'move',
      dealId,
      'nowhere',
      '--tenant',
      'acme',
      '--db',
      db,
    );
    expect(unknownStage.code).toBe(2);
  });
});
