import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A throw-away database for one dialect's run: created empty, dropped afterwards. */
export interface BenchTarget {
  readonly dialect: 'sqlite' | 'postgres';
  /** SQLite file path or PostgreSQL URL, as `openRuntime` takes it. */
  readonly database: string;
  /** PostgreSQL schema of this run (it holds every table). */
  readonly schema?: string;
  /** Where it lives, without credentials, for the report. */
  readonly description: string;
  drop(): Promise<void>;
}

/** A new SQLite file in a fresh directory under the OS temp dir (WAL files land beside it). */
export function sqliteTarget(): BenchTarget {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-bench-'));
  return {
    dialect: 'sqlite',
    database: join(dir, 'bench.db'),
    description: 'a new file under the OS temp dir, deleted afterwards',
    drop: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** A dedicated schema in the given database, dropped with everything in it afterwards. */
export function postgresTarget(url: string): BenchTarget {
  const schema = `pw_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return {
    dialect: 'postgres',
    database: url,
    schema,
    description: `a dedicated schema on ${hostOf(url)}, dropped afterwards`,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
