import { join } from 'node:path';
import { PROJECT_ROOT } from './project-root.js';

/**
 * Everything configurable, read from the environment once. The CLI's flags override these.
 * Keeping it in one typed object means no module reads process.env on its own.
 */
export interface Config {
  /** SQLite file path or postgres:// URL. */
  readonly database: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly logLevel: string;
  readonly trustProxy: boolean;
  readonly webRoot: string;
  /** Browser origins allowed to call the API (PIPEWRIGHT_CORS_ORIGINS, comma-separated). */
  readonly corsOrigins: readonly string[];
  /** Whether `serve` also runs the background sweeps (PIPEWRIGHT_JOBS=off to leave them to workers). */
  readonly jobs: boolean;
  /** How often a worker looks for due jobs (PIPEWRIGHT_JOBS_POLL_SECONDS). */
  readonly jobsPollMs: number;
}

export const DEFAULT_SQLITE_PATH = './data/pipewright.db';

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config {
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  const port = overrides.port ?? parsePort(env.PORT ?? '3000');
  return {
    database: overrides.database ?? env.DATABASE_URL ?? env.PIPEWRIGHT_DB ?? DEFAULT_SQLITE_PATH,
    host,
    port,
    publicUrl: overrides.publicUrl ?? env.PIPEWRIGHT_PUBLIC_URL ?? `http://${host}:${port}`,
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    trustProxy: overrides.trustProxy ?? env.PIPEWRIGHT_TRUST_PROXY === 'true',
    corsOrigins:
      overrides.corsOrigins ??
      (env.PIPEWRIGHT_CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    jobs: overrides.jobs ?? env.PIPEWRIGHT_JOBS !== 'off',
    jobsPollMs: overrides.jobsPollMs ?? parsePollSeconds(env.PIPEWRIGHT_JOBS_POLL_SECONDS ?? '30'),
    webRoot: overrides.webRoot ?? env.PIPEWRIGHT_WEB_ROOT ?? join(PROJECT_ROOT, 'web', 'dist'),
  };
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`invalid port: ${text}`);
  }
  return port;
}

/** Seconds between job polls: at least 1, at most a day. */
export function parsePollSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) {
    throw new Error(`invalid poll interval (seconds): ${text}`);
  }
  return Math.round(seconds * 1000);
}
