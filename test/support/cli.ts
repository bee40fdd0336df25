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
