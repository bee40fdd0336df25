import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { KyselyConfig } from 'kysely';
import pg from 'pg';
import { pgTypeParsers } from './pg-types.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Human-readable location without credentials, for logs and the CLI. */
  readonly location: string;
  /** PostgreSQL schema the tables live in (SQLite has none). */
  readonly schema: string | null;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A SQLite file path (or `:memory:`), or a `postgres://` / `postgresql://` URL. */
  readonly target: string;
  /** PostgreSQL schema to use (created if missing); lets test runs never collide. */
  readonly schema?: string;
  readonly poolSize?: number;
  /** Called after every statement with its SQL and duration (profiling tools, never the app). */
  readonly onQuery?: QueryListener;
}

export type QueryListener = (query: {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly ms: number;
}) => void;

/** Kysely's `log` option for an `onQuery` listener (none without one). */
function logOption(onQuery: QueryListener | undefined): Pick<KyselyConfig, 'log'> {
  if (!onQuery) return {};
  return {
    log: (event) => {
      if (event.level === 'query')
        onQuery({
          sql: event.query.sql,
          parameters: event.query.parameters,
          ms: event.queryDurationMillis,
        });
    },
  };
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export async function openStore(options: StoreOptions): Promise<Store> {
  return isPostgresUrl(options.target)
    ? openPostgres(options)
    : openSqlite(options.target, options.onQuery);
}

function openSqlite(path: string, onQuery?: QueryListener): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets readers proceed while a writer commits; NORMAL sync is durable in WAL mode
  // across application crashes (only an OS crash can lose the last transactions).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database }),
    ...logOption(onQuery),
  });
  return {
    db,
    dialect: 'sqlite',
    location: path,
    schema: null,
    close: () => db.destroy(),
  };
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPostgres({ target, schema, poolSize, onQuery }: StoreOptions): Promise<Store> {
  if (schema !== undefined && !SCHEMA_PATTERN.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  }
  // JIT off: the app's statements are short or, for reports, dominated by planning-time
  // compilation when on (a report with ~36 subplans spent 11 of its 13 s compiling at 20,000
  // deals); PostgreSQL's own guidance is that JIT pays off only for long analytical scans.
  const sessionSettings = ['-c TimeZone=UTC', '-c jit=off'];
  if (schema) sessionSettings.push(`-c search_path=${schema}`);
  const pool = new pg.Pool({
    connectionString: target,
    max: poolSize ?? 10,
    options: sessionSettings.join(' '),
    types: pgTypeParsers,
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...logOption(onQuery),
  });
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(target) + (schema ? ` (schema ${schema})` : ''),
    schema: schema ?? 'public',
    close: () => db.destroy(),
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
