import { isDomainError } from '../domain/errors.js';
import { translate } from '../i18n/messages.js';
import { negotiateLocale } from '../i18n/negotiate.js';

/** Where a command writes; tests pass their own to capture output. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** An argument the user got wrong: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The CLI speaks the language of the shell's locale (LANG=zh_CN.UTF-8 → Chinese). As in
 * POSIX, an empty variable counts as unset, so `LC_ALL= LANG=zh_CN.UTF-8` is Chinese.
 */
export function cliLocale(env: NodeJS.ProcessEnv = process.env) {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return negotiateLocale(lang.split('.')[0]?.replace('_', '-'));
}

export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) return { message: error.message, exitCode: 2 };
  if (isDomainError(error)) {
    const details = error.issues.map((issue) => `  ${issue.path}: ${issue.message}`);
    return {
      message: [translate(error.code, cliLocale(), error.params), ...details].join('\n'),
      exitCode: 1,
    };
  }
  return { message: error instanceof Error ? error.message : String(error), exitCode: 1 };
}
