import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../../src/project-root.js';
import type { DialectUnderTest } from './dialects.js';

/**
 * What crash tests need: a database a separate `pipewright` process can open by URL alone
 * (on PostgreSQL a database of its own, since the CLI has no schema option), and the real
 * command as a child process that can be killed with SIGKILL.
 */
export async function ownDatabase(
  dialect: DialectUnderTest,
  prefix: string,
): Promise<{ target: string; drop: () => Promise<void> }> {
  const created = dialect.create();
  if (dialect.name === 'sqlite') return { target: created.target, drop: () => created.drop() };
  const base = created.target;
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const onBase = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await onBase(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: url.toString(),
    drop: () => onBase(`drop database if exists ${name} with (force)`),
  };
}

/** The real command, as a separate process (run from the sources, so it is never stale). */
export function cliProcess(db: string, args: readonly string[]) {
  return spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'main.ts'), ...args, '--db', db],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'en_US.UTF-8' },
    },
  );
}

export function finished(
  child: ReturnType<typeof spawn>,
): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}
