import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActivity } from '../../src/app/activities.service.js';
import { createLead } from '../../src/app/leads.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { findUserByEmail } from '../../src/app/users.service.js';
import { openRuntime } from '../../src/runtime.js';
import { cli } from '../support/cli.js';

/** `pipewright lead score` and `pipewright lead convert`: the API's rules from the shell. */
let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-lead-'));
  db = join(dir, 'lead.db');
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => cli(...args, '--tenant', 'acme', '--db', db);

describe('pipewright lead', () => {
  it('explains a score, re-scores, converts once and refuses a second conversion', async () => {
    const made = await cli(
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
    expect(made.code, made.err).toBe(0);
    const runtime = await openRuntime(db);
    let leadId = '';
    try {
      const tenant = await findTenant(runtime.ctx, 'acme');
      const principal = systemPrincipal(tenant?.id ?? '', 'test');
      const admin = await findUserByEmail(runtime.ctx, principal, 'boss@acme.test');
      const lead = await createLead(runtime.ctx, principal, {
        name: '赵磊',
        company: '无锡恒通物流',
        source: 'referral',
        bantNeed: '车队调度',
        ownerId: admin?.id ?? null,
      });
      leadId = lead.id;
      // Logged a month ago: counts for neither engagement (30 days) nor recency (7 days) today.
      await createActivity(runtime.ctx, principal, {
        type: 'call',
        subject: 'old call',
        leadId,
        occurredAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
      });
    } finally {
      await runtime.close();
    }

    const score = await run('lead', 'score', leadId);
    expect(score.code, score.err).toBe(0);
    expect(score.out.split('\n')).toEqual([
      'Score: 30',
      '  +20: source is referral',
      '  +10: BANT need is answered',
    ]);
    const json = await run('lead', 'score', leadId, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ score: 30, total: 30 });
    const all = await run('lead', 'score', '--all');
    expect(all.code, all.err).toBe(0);
    expect(all.out).toBe('Re-scored: 0 lead(s) changed score.');
    const both = await run('lead', 'score', leadId, '--all');
    expect(both.code).toBe(2);

    const converted = await run('lead', 'convert', leadId, '--json');
    expect(converted.code, converted.err).toBe(0);
    const result = JSON.parse(converted.out) as {
      lead: { status: string };
      created: { account: boolean; contact: boolean; opportunity: boolean };
    };
    expect(result.lead.status).toBe('converted');
    expect(result.created).toEqual({ account: true, contact: true, opportunity: true });
    const again = await run('lead', 'convert', leadId);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already converted');
  });
});
