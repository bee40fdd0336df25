import type { Command } from 'commander';
import { DEMO, seedDemoTenant } from '../../app/demo.service.js';
import { allTenants } from '../../app/tenants.service.js';
import { loadConfig, parsePort } from '../../config.js';
import { openRuntime, startHttpServer, startJobWorker } from '../../runtime.js';
import { databaseTarget } from '../database-option.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';

interface ServeOptions {
  host?: string;
  port?: string;
  demo?: boolean;
}

export function serveCommand(program: Command, io: Io): void {
  program
    .command('serve')
    .description('Run the API and web UI (migrates the database first)')
    .option('--host <host>', 'interface to listen on (default HOST or 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default PORT or 3000; 0 picks a free one)')
    .option('--demo', 'create the demo tenant if the database has no tenant yet')
    .action(async (options: ServeOptions, command: Command) => {
      let port: number | undefined;
      try {
        port = options.port === undefined ? undefined : parsePort(options.port);
      } catch {
        throw new UsageError(`invalid --port "${options.port}"`);
      }
      const database = databaseTarget(command);
      const config = loadConfig(process.env, {
        database,
        ...(options.host ? { host: options.host } : {}),
        ...(port !== undefined ? { port } : {}),
      });
      const runtime = await openRuntime(config.database, { delivery: config.delivery });
      if (options.demo && (await allTenants(runtime.ctx)).length === 0) {
        io.out('Empty database: creating the demo tenant…');
        await seedDemoTenant(runtime.ctx);
      }
      const { app, url } = await startHttpServer(runtime, config);
      // The sweeps run here too, so a single `npm start` is a complete installation.
      const worker = config.jobs
        ? startJobWorker(runtime, {
            pollMs: config.jobsPollMs,
            log: (line) => app.log.info(line),
          })
        : null;
      io.out('');
      io.out(`  Pipewright is running at ${url}`);
      io.out(`  API docs:  ${url}/api/docs`);
      if (options.demo) io.out(`  Demo login: ${DEMO.adminEmail} / ${DEMO.password}`);
      io.out(`  Database:  ${runtime.store.location}`);
      io.out(
        `  Sweeps:    ${worker ? `every ${config.jobsPollMs / 1000}s in this process` : 'off (PIPEWRIGHT_JOBS=off)'}`,
      );
      io.out('');
      const stop = async () => {
        await worker?.stop();
        await app.close();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
