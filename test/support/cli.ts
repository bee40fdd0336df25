import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the `pipewright` command in-process, capturing its output and exit code. */
export async function cli(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await runCli(['node', 'pipewright', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * A SQLite database of its own, in a temporary directory, holding tenant `acme` (admin
 * `boss@acme.test`), for CLI suites; `remove()` deletes it all.
 */
export async function cliTenantDatabase(
  name: string,
  password: string,
): Promise<{ db: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), `pipewright-cli-${name}-`));
  const db = join(dir, `${name}.db`);
  const created = await cli(
    'tenant',
    'create',
    'acme',
    '--admin-email',
    'boss@acme.test',
    '--admin-password',
    password,
    '--db',
    db,
  );
  if (created.code !== 0) throw new Error(`tenant create failed: ${created.err}`);
  return { db, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
