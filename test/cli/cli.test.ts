import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrations } from '../../src/store/migrations/index.js';
import { cli } from '../support/cli.js';
import type { CliResult } from '../support/cli.js';
import { dialectsUnderTest } from '../support/dialects.js';

/**
 * The `pipewright` command, driven in-process through `runCli` with a capturing Io (so exit
 * codes and output are asserted exactly), over a fresh SQLite file per test; once through
 * the compiled binary, and against PostgreSQL when PIPEWRIGHT_TEST_PG is set.
 */
/** What a fresh database gets: every migration, in order. */
const ALL_MIGRATIONS = `Applied: ${Object.keys(migrations).join(', ')}`;
const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'correct horse battery';
const STACK_FRAME = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

function expectUsageError(result: CliResult, message: string | RegExp): void {
  expect(result.code, result.err).toBe(2);
  expect(result.err).toMatch(message);
  expect(result.err).not.toMatch(STACK_FRAME);
}

interface TenantJson {
  id: string;
  slug: string;
  name: string;
  locale: string;
  timeZone: string;
  defaultCurrency: string;
  version: number;
}

async function listTenants(db: string): Promise<TenantJson[]> {
  const result = await cli('tenant', 'list', '--json', '--db', db);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as TenantJson[];
}

type SeedCounts = Record<string, number>;

function seededCounts(out: string): SeedCounts {
  const match = /^Seeded tenant (\S+): (\{.*\})$/m.exec(out);
  if (!match?.[2]) throw new Error(`no counts in seed output:\n${out}`);
  return JSON.parse(match[2]) as SeedCounts;
}

let dir: string;
let db: string;
/** Where a command would write if it ignored --db: must never come into existence. */
let fallbackDb: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-'));
  db = join(dir, 'cli.db');
  fallbackDb = join(dir, 'fallback', 'ignored.db');
  vi.stubEnv('DATABASE_URL', undefined);
  vi.stubEnv('PIPEWRIGHT_DB', fallbackDb);
  // Messages follow the shell's locale; pin English unless a test says otherwise.
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
});

afterEach(() => {
  vi.unstubAllEnvs();
  expect(existsSync(fallbackDb), 'a command ignored --db').toBe(false);
  rmSync(dir, { recursive: true, force: true });
});

describe('help and usage errors', () => {
  it('--help prints the usage and every command, exit 0', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: pipewright [options] [command]');
    for (const command of ['serve', 'migrate', 'tenant', 'seed']) {
      expect(result.out).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(result.out).toContain('--db <target>');
    expect(result.err).toBe('');
  });

  it('tenant --help prints the tenant sub-commands, exit 0', async () => {
    const result = await cli('tenant', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: pipewright tenant [options] [command]');
    expect(result.out).toMatch(/^\s+create \[options\] <slug>/m);
    expect(result.out).toMatch(/^\s+list \[options\]/m);
  });

  it('tenant create --help lists its options, exit 0', async () => {
    const result = await cli('tenant', 'create', '--help');
    expect(result.code).toBe(0);
    for (const option of ['--admin-email', '--admin-password', '--locale', '--currency']) {
      expect(result.out).toContain(option);
    }
  });

  it('--version prints the package version, exit 0', async () => {
    const result = await cli('--version');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown command exits 2 with a message and a hint, no stack', async () => {
    const result = await cli('frobnicate', '--db', db);
    expectUsageError(result, /unknown command 'frobnicate'/);
    expect(result.err).toContain('--help');
    expect(result.out).toBe('');
  });

  it('an unknown option exits 2', async () => {
    expectUsageError(await cli('migrate', '--colour', '--db', db), /unknown option '--colour'/);
  });

  it('missing required options exit 2 without touching the database', async () => {
    expectUsageError(
      await cli('tenant', 'create', 'acme', '--db', db),
      /required option '--admin-email <email>' not specified/,
    );
    expectUsageError(
      await cli('tenant', 'create', 'acme', '--admin-email', 'a@acme.cn', '--db', db),
      /required option '--admin-password <password>' not specified/,
    );
    expectUsageError(
      await cli(
        ...['tenant', 'create', '--admin-email', 'a@acme.cn'],
        ...['--admin-password', PASSWORD, '--db', db],
      ),
      /missing required argument 'slug'/,
    );
    expect(existsSync(db)).toBe(false);
  });
});

describe('migrate', () => {
  it('applies every migration on a fresh file, then reports up to date', async () => {
    const first = await cli('migrate', '--db', db);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe(ALL_MIGRATIONS);
    expect(existsSync(db)).toBe(true);

    const second = await cli('migrate', '--db', db);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toBe('Schema is up to date.');
  });

  it('takes --db before the command as well as after it', async () => {
    const result = await cli('--db', db, 'migrate');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe(ALL_MIGRATIONS);
  });
});

describe('tenant create / list', () => {
  it('creates a tenant with defaults, then lists it as JSON and as text', async () => {
    const created = await cli(
      'tenant',
      'create',
      'acme',
      '--admin-email',
      'admin@acme.cn',
      '--admin-password',
      PASSWORD,
      '--db',
      db,
    );
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/^Created tenant acme \([0-9a-f-]{36}\); admin admin@acme\.cn\.$/);
    expect(created.err).toBe('');

    const tenants = await listTenants(db);
    expect(tenants).toHaveLength(1);
    expect(tenants[0]).toMatchObject({
      slug: 'acme',
      name: 'acme',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      defaultCurrency: 'CNY',
      version: 1,
    });
    expect(created.out).toContain(tenants[0]?.id);

    const text = await cli('tenant', 'list', '--db', db);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toBe(`acme\tacme\tzh-CN\tCNY\t${tenants[0]?.id}`);
  });

  it('honours --name, --locale, --currency and --time-zone', async () => {
    const created = await cli(
      'tenant',
      'create',
      'globex',
      '--admin-email',
      'ceo@globex.example',
      '--admin-password',
      PASSWORD,
      '--admin-name',
      'Hank Scorpio',
      '--name',
      'Globex Corporation',
      '--locale',
      'en',
      '--currency',
      'USD',
      '--time-zone',
      'America/Chicago',
      '--db',
      db,
    );
    expect(created.code, created.err).toBe(0);
    expect(await listTenants(db)).toEqual([
      expect.objectContaining({
        slug: 'globex',
        name: 'Globex Corporation',
        locale: 'en',
        defaultCurrency: 'USD',
        timeZone: 'America/Chicago',
      }),
    ]);
  });

  it('tenant list on an empty database prints nothing (and [] as JSON)', async () => {
    const text = await cli('tenant', 'list', '--db', db);
    expect(text).toEqual({ code: 0, out: '', err: '' });
    expect(await listTenants(db)).toEqual([]);
  });

  const createArgs = (overrides: Record<string, string>, slug = 'acme'): string[] => {
    const options: Record<string, string> = {
      '--admin-email': 'admin@acme.cn',
      '--admin-password': PASSWORD,
      ...overrides,
    };
    return ['tenant', 'create', slug, ...Object.entries(options).flat()];
  };

  it.each([
    ['slug with capitals', createArgs({}, 'Acme'), /invalid slug "Acme"/],
    ['slug with a space', createArgs({}, 'ac me'), /invalid slug "ac me"/],
    ['slug ending in a dash', createArgs({}, 'acme-'), /invalid slug "acme-"/],
    ['slug over 40 characters', createArgs({}, 'a'.repeat(41)), /invalid slug/],
    ['locale', createArgs({ '--locale': 'fr' }), /invalid --locale "fr": use zh-CN or en/],
    ['currency', createArgs({ '--currency': 'XYZ' }), /unsupported --currency "XYZ"/],
    ['lower-case currency', createArgs({ '--currency': 'usd' }), /unsupported --currency "usd"/],
    ['time zone', createArgs({ '--time-zone': 'Mars/Olympus' }), /unknown --time-zone/],
    ['e-mail', createArgs({ '--admin-email': 'not-an-email' }), /invalid --admin-email/],
    ['e-mail with spaces', createArgs({ '--admin-email': 'a b@c.d' }), /invalid --admin-email/],
  ])('an invalid %s exits 2 before opening the database', async (_name, args, message) => {
    const result = await cli(...args, '--db', db);
    expectUsageError(result, message);
    expect(result.out).toBe('');
    expect(existsSync(db)).toBe(false);
  });

  it('a weak password exits 1 with the translated validation message and creates nothing', async () => {
    const result = await cli(...createArgs({ '--admin-password': 'short' }), '--db', db);
    expect(result.code).toBe(1);
    expect(result.err).toBe('error: The request is not valid.\n  password: at least 10 characters');
    expect(result.err).not.toMatch(STACK_FRAME);
    expect(await listTenants(db)).toEqual([]);

    const mentionsEmail = await cli(
      ...createArgs({ '--admin-password': 'my admin password' }),
      '--db',
      db,
    );
    expect(mentionsEmail.code).toBe(1);
    expect(mentionsEmail.err).toContain('password: must not contain your e-mail name');
    expect(await listTenants(db)).toEqual([]);
  });

  it('speaks the shell language: LANG=zh_CN gives the Chinese message', async () => {
    vi.stubEnv('LC_ALL', undefined);
    vi.stubEnv('LC_MESSAGES', undefined);
    vi.stubEnv('LANG', 'zh_CN.UTF-8');
    const result = await cli(...createArgs({ '--admin-password': 'short' }), '--db', db);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: 请求内容无效。\n {2}password: /);
  });

  it('an empty LC_ALL is ignored like an unset one (POSIX), so LANG still decides', async () => {
    vi.stubEnv('LC_ALL', '');
    vi.stubEnv('LC_MESSAGES', undefined);
    vi.stubEnv('LANG', 'zh_CN.UTF-8');
    const result = await cli(...createArgs({ '--admin-password': 'short' }), '--db', db);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: 请求内容无效。/);
  });

  it('a duplicate slug exits 1 and leaves the first tenant alone', async () => {
    const first = await cli(...createArgs({ '--name': 'First' }), '--db', db);
    expect(first.code, first.err).toBe(0);
    const again = await cli(
      ...createArgs({ '--name': 'Second', '--admin-email': 'other@acme.cn' }),
      '--db',
      db,
    );
    expect(again.code).toBe(1);
    expect(again.err).toBe('error: A record with the same slug already exists.');
    expect(again.out).toBe('');
    const tenants = await listTenants(db);
    expect(tenants.map((t) => [t.slug, t.name])).toEqual([['acme', 'First']]);
  });
});

describe('seed demo', () => {
  it('creates the demo tenant; the same seed into another file gives the same counts', async () => {
    const first = await cli('seed', 'demo', '--opportunities', '50', '--seed', '7', '--db', db);
    expect(first.code, first.err).toBe(0);
    const counts = seededCounts(first.out);
    expect(counts.opportunities).toBe(50);
    for (const key of ['users', 'accounts', 'contacts', 'leads', 'history', 'activities']) {
      expect(counts[key], key).toBeGreaterThan(0);
    }
    expect(first.out).toContain('Sign in as admin@demo.pipewright.dev / pipewright-demo');
    expect((await listTenants(db)).map((t) => t.slug)).toEqual(['demo']);

    const otherDb = join(dir, 'other.db');
    const second = await cli(
      'seed',
      'demo',
      '--opportunities',
      '50',
      '--seed',
      '7',
      '--db',
      otherDb,
    );
    expect(second.code, second.err).toBe(0);
    expect(seededCounts(second.out)).toEqual(counts);

    // Seeding the same slug twice is a duplicate, not a second copy.
    const repeat = await cli('seed', 'demo', '--opportunities', '50', '--seed', '7', '--db', db);
    expect(repeat.code).toBe(1);
    expect(repeat.err).toContain('slug already exists');
  });

  it('a custom --slug names the tenant and its admin domain', async () => {
    const result = await cli('seed', 'demo', '--slug', 'trial', '--opportunities', '5', '--db', db);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^Seeded tenant trial: /m);
    expect(result.out).toContain('Sign in as admin@trial.pipewright.dev');
  });

  it.each([
    ['--opportunities', 'abc'],
    ['--opportunities', '0'],
    ['--opportunities', '2.5'],
    ['--opportunities', '-3'],
    ['--seed', 'x7'],
  ])('%s %s exits 2 without touching the database', async (option, value) => {
    const result = await cli('seed', 'demo', `${option}=${value}`, '--db', db);
    expectUsageError(result, `${option} must be a whole number from 1 to`);
    expect(result.err).toContain(`got "${value}"`);
    expect(existsSync(db)).toBe(false);
  });
});

describe('the compiled binary', () => {
  const run = promisify(execFile);
  const bin = join(PROJECT_ROOT, 'bin', 'pipewright.js');
  const built = existsSync(join(PROJECT_ROOT, 'dist', 'src', 'main.js'));

  it('bin/pipewright.js runs: --help exits 0, migrate works, a usage error exits 2', async () => {
    if (!built) {
      if (process.env.CI) throw new Error('dist/ is missing: CI must run `npm run build` first');
      console.warn(
        '\n!!! dist/ is missing: the compiled-binary check was NOT run. Run `npm run build` (npm test does). !!!\n',
      );
      return;
    }
    const help = await run(process.execPath, [bin, '--help'], { cwd: dir });
    expect(help.stdout).toContain('Usage: pipewright [options] [command]');

    const migrate = await run(process.execPath, [bin, 'migrate', '--db', db], { cwd: dir });
    expect(migrate.stdout.trim()).toBe(ALL_MIGRATIONS);

    const failed = await run(process.execPath, [bin, 'frobnicate'], { cwd: dir }).then(
      () => null,
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain("unknown command 'frobnicate'");
    expect(failed?.stderr).not.toMatch(STACK_FRAME);
  });
});

const postgres = dialectsUnderTest().find((dialect) => dialect.name === 'postgres');

describe.runIf(postgres !== undefined)('--db with a postgres:// URL', () => {
  const database = `pw_cli_${randomBytes(6).toString('hex')}`;
  let adminUrl = '';
  let url = '';

  beforeAll(async () => {
    if (!postgres) return;
    adminUrl = postgres.create().target;
    const target = new URL(adminUrl);
    target.pathname = `/${database}`;
    url = target.toString();
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`create database "${database}"`);
    } finally {
      await client.end();
    }
  });

  afterAll(async () => {
    if (!adminUrl) return;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`drop database if exists "${database}" with (force)`);
    } finally {
      await client.end();
    }
  });

  it('migrates, creates a tenant, refuses a duplicate and lists it', async () => {
    const first = await cli('migrate', '--db', url);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe(ALL_MIGRATIONS);
    const second = await cli('migrate', '--db', url);
    expect(second.out).toBe('Schema is up to date.');

    const args = ['tenant', 'create', 'acme', '--admin-email', 'admin@acme.cn'];
    const created = await cli(...args, '--admin-password', PASSWORD, '--db', url);
    expect(created.code, created.err).toBe(0);
    const duplicate = await cli(...args, '--admin-password', PASSWORD, '--db', url);
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toBe('error: A record with the same slug already exists.');
    const weak = await cli(
      'tenant',
      'create',
      'weak',
      '--admin-email',
      'a@b.cn',
      '--admin-password',
      'x',
      '--db',
      url,
    );
    expect(weak.code).toBe(1);

    const tenants = await listTenants(url);
    expect(tenants.map((t) => t.slug)).toEqual(['acme']);
  });
});
