import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLead, getLead } from '../../src/app/leads.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { isDomainError } from '../../src/domain/errors.js';
import { openRuntime } from '../../src/runtime.js';
import { cli } from '../support/cli.js';

/**
 * `pipewright duplicates list|dismiss|merge`: the review queue from the command line,
 * through the same services (and so the same rules and audit) as the API.
 */
let dir: string;
let db: string;
const leads: Record<string, string> = {};

interface ListedPair {
  id: string;
  left: { id: string };
  right: { id: string };
  reasons: string[];
  status: string;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-dup-'));
  db = join(dir, 'dup.db');
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
  const runtime = await openRuntime(db);
  try {
    const tenantId = (await findTenant(runtime.ctx, 'acme'))?.id ?? '';
    const system = systemPrincipal(tenantId, 'test-setup');
    const users = (await cli('user', 'list', '--tenant', 'acme', '--json', '--db', db)).out;
    const [boss] = JSON.parse(users) as { id: string }[];
    for (const [key, name, phone, email] of [
      ['a', '王一', '+86 138 0000 1111', null],
      ['b', '王 一', '13800001111', 'wang@acme.cn'],
      ['c', '李二', null, 'li@acme.cn'],
      ['d', '李三', null, 'LI@acme.cn'],
    ] as const) {
      leads[key] = (
        await createLead(runtime.ctx, system, {
          name,
          source: 'event',
          phone,
          email,
          ownerId: boss?.id ?? null,
        })
      ).id;
    }
  } finally {
    await runtime.close();
  }
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

async function listed(...extra: string[]): Promise<ListedPair[]> {
  const result = await cli(
    'duplicates',
    'list',
    '--tenant',
    'acme',
    '--json',
    '--db',
    db,
    ...extra,
  );
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as ListedPair[];
}

const pairWith = (pairs: ListedPair[], x: string, y: string) =>
  pairs.find((p) => [p.left.id, p.right.id].sort().join() === [x, y].sort().join());

describe('pipewright duplicates', () => {
  it('lists, dismisses and merges', async () => {
    const open = await listed();
    const phone = pairWith(open, leads.a ?? '', leads.b ?? '');
    const email = pairWith(open, leads.c ?? '', leads.d ?? '');
    expect(phone?.reasons).toEqual(['phone']);
    expect(email?.reasons).toEqual(['email']);

    const table = await cli('duplicates', 'list', '--tenant', 'acme', '--db', db);
    expect(table.out).toContain('phone=13800001111');
    expect(table.out.split('\n')[0]).toMatch(
      /^ID\s+TYPE\s+LEFT\s+RIGHT\s+MATCHES\s+SCORE\s+STATUS$/,
    );

    const dismissed = await cli(
      'duplicates',
      'dismiss',
      email?.id ?? '',
      '--tenant',
      'acme',
      '--note',
      'two people',
      '--db',
      db,
    );
    expect(dismissed.code, dismissed.err).toBe(0);
    expect(pairWith(await listed(), leads.c ?? '', leads.d ?? '')).toBeUndefined();
    expect(
      pairWith(await listed('--status', 'dismissed'), leads.c ?? '', leads.d ?? ''),
    ).toBeDefined();

    const survivorSide = phone?.left.id === leads.a ? 'left' : 'right';
    const merged = await cli(
      'duplicates',
      'merge',
      phone?.id ?? '',
      '--tenant',
      'acme',
      '--survivor',
      survivorSide,
      '--take',
      'name',
      '--db',
      db,
    );
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toContain(`into ${leads.a}`);
    const runtime = await openRuntime(db);
    try {
      const tenantId = (await findTenant(runtime.ctx, 'acme'))?.id ?? '';
      const system = systemPrincipal(tenantId, 'check');
      const survivor = await getLead(runtime.ctx, system, leads.a ?? '');
      expect(survivor).toMatchObject({ name: '王 一', email: 'wang@acme.cn' });
      const gone = await getLead(runtime.ctx, system, leads.b ?? '').catch(
        (error: unknown) => error,
      );
      expect(isDomainError(gone) && gone.code).toBe('record_merged');
    } finally {
      await runtime.close();
    }
  });

  it('refuses bad arguments with exit code 2 and domain refusals with 1', async () => {
    const badStatus = await cli(
      'duplicates',
      'list',
      '--tenant',
      'acme',
      '--status',
      'maybe',
      '--db',
      db,
    );
    expect([badStatus.code, badStatus.err]).toEqual([2, expect.stringContaining('--status')]);
    const [pair] = await listed();
    const badSide = await cli(
      'duplicates',
      'merge',
      pair?.id ?? '',
      '--tenant',
      'acme',
      '--survivor',
      'middle',
      '--db',
      db,
    );
    expect(badSide.code).toBe(2);
    const badField = await cli(
      'duplicates',
      'merge',
      pair?.id ?? '',
      '--tenant',
      'acme',
      '--survivor',
      'left',
      '--take',
      'website',
      '--db',
      db,
    );
    expect([badField.code, badField.err]).toEqual([1, expect.stringContaining('fields/website')]);
    const missing = await cli(
      'duplicates',
      'dismiss',
      '00000000-0000-7000-8000-000000000000',
      '--tenant',
      'acme',
      '--db',
      db,
    );
    expect(missing.code).toBe(1);
  });
});
