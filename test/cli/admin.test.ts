import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli, cliTenantDatabase } from '../support/cli.js';

/**
 * Administration from the command line: users, teams and a record's audit history. The
 * CLI acts as the tenant's system administrator through the same services as the API, so
 * the same rules apply (e.g. disabling a user hands their open work over).
 */
const PASSWORD = 'correct horse battery';
let db: string;
let remove: () => void;

beforeEach(async () => {
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
  ({ db, remove } = await cliTenantDatabase('admin', PASSWORD));
});
afterEach(() => {
  vi.unstubAllEnvs();
  remove();
});

const ok = async (...args: string[]) => {
  const result = await cli(...args, '--db', db);
  expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
  return result.out;
};

describe('pipewright user / team / audit', () => {
  it('creates users and teams and lists them', async () => {
    await ok('team', 'create', '华东销售', '--tenant', 'acme', '--manager', 'boss@acme.test');
    const teams = JSON.parse(await ok('team', 'list', '--tenant', 'acme', '--json')) as {
      name: string;
      id: string;
      managerId: string;
    }[];
    expect(teams.map((t) => t.name)).toEqual(['华东销售']);
    await ok(
      'user',
      'create',
      '--tenant',
      'acme',
      '--email',
      'Rep@Acme.test',
      '--name',
      '李雷',
      '--role',
      'rep',
      '--team',
      teams[0]?.id ?? '',
      '--password',
      PASSWORD,
    );
    const users = JSON.parse(await ok('user', 'list', '--tenant', 'acme', '--json')) as {
      email: string;
      role: string;
      teamId: string | null;
    }[];
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['boss@acme.test', 'admin'],
      ['rep@acme.test', 'rep'],
    ]);
    expect(users[1]?.teamId).toBe(teams[0]?.id);
  });

  it('refuses bad arguments with exit code 2 and rule violations with 1', async () => {
    const badRole = await cli(
      'user',
      'create',
      '--tenant',
      'acme',
      '--email',
      'x@acme.test',
      '--name',
      'x',
      '--role',
      'king',
      '--db',
      db,
    );
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/invalid --role/);
    const noTenant = await cli('user', 'list', '--tenant', 'nope', '--db', db);
    expect(noTenant.code).toBe(2);
    expect(noTenant.err).toMatch(/no tenant "nope"/);
    const duplicate = await cli(
      'user',
      'create',
      '--tenant',
      'acme',
      '--email',
      'boss@acme.test',
      '--name',
      'x',
      '--role',
      'rep',
      '--db',
      db,
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toMatch(/already exists/);
  });

  it('disables a user, handing their work over, and shows it in the audit history', async () => {
    await ok(
      'user',
      'create',
      '--tenant',
      'acme',
      '--email',
      'leaver@acme.test',
      '--name',
      'Leaver',
      '--role',
      'rep',
    );
    await ok(
      'user',
      'create',
      '--tenant',
      'acme',
      '--email',
      'heir@acme.test',
      '--name',
      'Heir',
      '--role',
      'rep',
    );
    const users = JSON.parse(await ok('user', 'list', '--tenant', 'acme', '--json')) as {
      email: string;
      id: string;
      status: string;
    }[];
    const leaver = users.find((u) => u.email === 'leaver@acme.test');
    // No open deals or tasks: no heir needed; the leads and accounts would go to the pool.
    expect(await ok('user', 'disable', 'leaver@acme.test', '--tenant', 'acme')).toBe(
      'Disabled leaver@acme.test.',
    );
    const after = JSON.parse(await ok('user', 'list', '--tenant', 'acme', '--json')) as {
      email: string;
      status: string;
    }[];
    expect(after.find((u) => u.email === 'leaver@acme.test')?.status).toBe('disabled');
    expect(await ok('user', 'enable', 'leaver@acme.test', '--tenant', 'acme')).toBe(
      'Enabled leaver@acme.test.',
    );
    const history = JSON.parse(
      await ok('audit', 'user', leaver?.id ?? '', '--tenant', 'acme', '--json'),
    ) as { action: string }[];
    expect(history.map((e) => e.action)).toEqual(['create', 'disable', 'enable']);
    const text = await ok('audit', 'user', leaver?.id ?? '', '--tenant', 'acme');
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/\tdisable\tsystem\t/);
    const unknownHeir = await cli(
      'user',
      'disable',
      'heir@acme.test',
      '--tenant',
      'acme',
      '--transfer-to',
      'ghost@acme.test',
      '--db',
      db,
    );
    expect(unknownHeir.code).toBe(2);
  });
});
