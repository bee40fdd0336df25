import type { FastifyInstance } from 'fastify';
import { createAppContext } from './app/context.js';
import type { AppContext, Clock } from './app/context.js';
import type { DeliverySettings } from './domain/outbox/settings.js';
import type { Config } from './config.js';
import { buildHttpApp } from './http/app.js';
import { dirname, join, resolve } from 'node:path';
import { PROJECT_ROOT } from './project-root.js';
import { isPostgresUrl, openStore } from './store/db.js';
import { localFileStorage } from './store/files/local-file-storage.js';
import type { QueryListener, Store } from './store/db.js';
import { migrateToLatest } from './store/migrate.js';
import { startWorker, workOnce } from './jobs/worker.js';
import type { RunReport, RunningWorker, WorkerOptions } from './jobs/worker.js';

/**
 * The composition root: the one place that opens the database, runs migrations and wires
 * the store into the application context the shells (HTTP, CLI, jobs) use.
 */
export interface Runtime {
  readonly ctx: AppContext;
  readonly store: Store;
  readonly migrationsApplied: readonly string[];
  close(): Promise<void>;
}

/** Attachments live beside the SQLite file by default, or under PIPEWRIGHT_FILES_DIR. */
function filesDirectory(database: string, configured: string | undefined): string {
  if (configured) return configured;
  if (isPostgresUrl(database) || database === ':memory:')
    return join(PROJECT_ROOT, 'data', 'files');
  return join(dirname(resolve(database)), 'files');
}

export async function openRuntime(
  database: string,
  options: {
    schema?: string;
    clock?: Clock;
    migrate?: boolean;
    poolSize?: number;
    filesDir?: string;
    onQuery?: QueryListener;
    /** How the outbox sends (from the configuration); default: no SMTP. */
    delivery?: DeliverySettings;
  } = {},
): Promise<Runtime> {
  const store = await openStore({
    target: database,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  });
  try {
    const { applied } = options.migrate === false ? { applied: [] } : await migrateToLatest(store);
    const files = localFileStorage(
      filesDirectory(database, options.filesDir ?? process.env.PIPEWRIGHT_FILES_DIR),
    );
    const base = createAppContext(store, files, options.clock);
    const ctx: AppContext = options.delivery ? { ...base, delivery: options.delivery } : base;
    return { ctx, store, migrationsApplied: applied, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export async function runMigrations(database: string): Promise<readonly string[]> {
  const store = await openStore({ target: database });
  try {
    return (await migrateToLatest(store)).applied;
  } finally {
    await store.close();
  }
}

export async function startHttpServer(
  runtime: Runtime,
  config: Config,
  options: { logger: boolean } = { logger: true },
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildHttpApp(runtime.ctx, {
    logger: options.logger ? { level: config.logLevel } : false,
    publicUrl: config.publicUrl,
    webRoot: config.webRoot,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, url: `http://${config.host}:${port}` };
}

export type { RunReport, RunningWorker };

/**
 * Background work (deadline, recycle and re-activation sweeps) for this process: `serve`
 * starts it beside the HTTP server, `pipewright worker` runs it alone for scale-out.
 */
export function startJobWorker(
  runtime: Runtime,
  options: WorkerOptions & { pollMs: number },
): RunningWorker {
  return startWorker(runtime.ctx, options);
}

/** One pass over the due jobs, for `pipewright sweep` and cron-style deployments. */
export function runDueJobs(runtime: Runtime, options: WorkerOptions = {}): Promise<RunReport[]> {
  return workOnce(runtime.ctx, options);
}
