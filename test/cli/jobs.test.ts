import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLead } from '../../src/app/leads.service.js';
import { findTenant, systemPrincipal } from '../../src/app/tenants.service.js';
import { openRuntime } from '../../src/runtime.js';
import { cli, cliTenantDatabase } from '../support/cli.js';
import { ManualClock } from '../support/clock.js';
import { cliProcess, finished } from '../support/own-process.js';

/**
 * The background sweeps from the command line: `pipewright sweep` runs them now and says
 * what they did, `pipewright jobs` lists the runs, `pipewright worker` polls until told to
 * stop and stops cleanly.
 */
const PASSWORD = 'correct horse battery';
let db: string;
let remove: () => void;

beforeEach(async () => {
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
  ({ db, remove } = await cliTenantDatabase('jobs', PASSWORD));
});
afterEach(() => {
  vi.unstubAllEnvs();
  remove();
});

/** A lead the admin took a month ago and never followed up. */
async function forgottenLead(): Promise<void> {
  const runtime = await openRuntime(db, { clock: new ManualClock(Date.now() - 30 * 86_400_000) });
  try {
    const tenant = await findTenant(runtime.ctx, 'acme');
    if (!tenant) throw new Error('no tenant');
    const system = systemPrincipal(tenant.id, 'test');
    const admins = await runtime.store.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    await createLead(runtime.ctx, system, {
      name: 'Forgotten',
      source: 'website',
      ownerId: admins[0]?.id ?? null,
    });
  } finally {
    await runtime.close();
  }
}

describe('pipewright sweep and jobs', () => {
  it('runs the sweeps now and reports what they did', async () => {
    await forgottenLead();
    const swept = await cli('sweep', 'deadlines', '--tenant', 'acme', '--db', db);
    expect(swept.code, swept.err).toBe(0);
    expect(swept.out).toMatch(/^deadline_sweep\t\S+\tmanual:/);
    expect(swept.out).toContain('"recycled":1');

    const again = await cli('sweep', '--db', db);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('reactivation_sweep');
    expect(again.out).toContain('lead_rescore');
    expect(again.out).toContain('pipeline_snapshot');
    expect(again.out).toContain('win_model_train');
    expect(again.out).toContain('renewal_sweep');
    expect(again.out).toContain('receivable_reminders');
    expect(again.out).toContain('quote_expiry');
    expect(again.out).toContain('"recycled":0');

    const jobs = await cli('jobs', '--tenant', 'acme', '--json', '--db', db);
    expect(jobs.code, jobs.err).toBe(0);
    const runs = JSON.parse(jobs.out) as { kind: string; status: string }[];
    // The deadline sweep above, then `sweep all`'s eight kinds.
    expect(runs).toHaveLength(9);
    expect(runs.every((run) => run.status === 'done')).toBe(true);
  });

  it('refuses what it does not understand with a usage error', async () => {
    expect((await cli('sweep', 'everything', '--db', db)).code).toBe(2);
    expect((await cli('sweep', '--batch', '0', '--db', db)).code).toBe(2);
    expect((await cli('sweep', '--tenant', 'nope', '--db', db)).code).toBe(2);
    expect((await cli('jobs', '--limit', 'many', '--db', db)).code).toBe(2);
    expect((await cli('worker', '--poll', '0', '--db', db)).code).toBe(2);
  });

  it('keeps a worker polling until SIGTERM, then stops cleanly', async () => {
    await forgottenLead();
    const worker = cliProcess(db, ['worker', '--poll', '1']);
    const ended = finished(worker);
    let output = '';
    worker.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let i = 0; i < 600 && !output.includes('deadline_sweep'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toMatch(/job deadline_sweep for tenant \S+ \(\S+\) done/);
    worker.kill('SIGTERM');
    const result = await ended;
    expect(result.code, result.out).toBe(0);
  }, 90_000);
});
