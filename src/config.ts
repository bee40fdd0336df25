import { join } from 'node:path';
import { defaultDeliverySettings } from './domain/outbox/settings.js';
import type { DeliverySettings, SmtpSettings } from './domain/outbox/settings.js';
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
  /** The outbox's e-mail and HTTP sending (PIPEWRIGHT_SMTP_URL, PIPEWRIGHT_SMTP_FROM, PIPEWRIGHT_OUTBOX_MAX_ATTEMPTS). */
  readonly delivery: DeliverySettings;
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
    delivery: overrides.delivery ?? parseDeliverySettings(env),
  };
}

/**
 * SMTP as one URL, `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`
 * (TLS), plus the From address; attempts per delivery before it is dead-lettered (1–50).
 */
export function parseDeliverySettings(env: NodeJS.ProcessEnv): DeliverySettings {
  const attempts = Number(
    env.PIPEWRIGHT_OUTBOX_MAX_ATTEMPTS ?? defaultDeliverySettings.maxAttempts,
  );
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 50) {
    throw new Error(
      `invalid PIPEWRIGHT_OUTBOX_MAX_ATTEMPTS: ${env.PIPEWRIGHT_OUTBOX_MAX_ATTEMPTS}`,
    );
  }
  return {
    ...defaultDeliverySettings,
    maxAttempts: attempts,
    smtp: env.PIPEWRIGHT_SMTP_URL
      ? parseSmtpUrl(
          env.PIPEWRIGHT_SMTP_URL,
          env.PIPEWRIGHT_SMTP_FROM ?? 'Pipewright <pipewright@localhost>',
        )
      : null,
  };
}

export function parseSmtpUrl(text: string, from: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('invalid PIPEWRIGHT_SMTP_URL (expected smtp://user:password@host:port)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error('invalid PIPEWRIGHT_SMTP_URL (expected smtp:// or smtps://)');
  }
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? parsePort(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
    from,
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
