import SqliteDatabase from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import pg from 'pg';
import { pgTypeParsers } from '../src/store/pg-types.js';
import type { BenchTarget } from './targets.js';

/** A value either driver binds as-is: text, numbers and NULL are all the schema uses. */
export type RawValue = string | number | null;

export interface RawStatement {
  /** SQL with `?` placeholders (rewritten to `$1…` for PostgreSQL). */
  readonly sql: string;
  readonly params: readonly RawValue[];
}

/**
 * The floor: the same SQL the application ends up running, sent straight to the driver,
 * with no HTTP, no validation, no query builder and no mapping of rows to objects.
 */
export interface RawDriver {
  readonly dialect: BenchTarget['dialect'];
  /** BEGIN, the statements in order on one connection, COMMIT. */
  transaction(statements: readonly RawStatement[]): Promise<void>;
  query<R>(statement: RawStatement): Promise<R[]>;
  /**
   * BEGIN, `work` on one connection (reads whose answers decide the next statements
   * included), COMMIT; ROLLBACK when it throws.
   */
  session<T>(work: (run: RawSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Statements inside a `session`: rows of a read, or how many rows a write changed. */
export interface RawSession {
  query<R>(statement: RawStatement): Promise<R[]>;
  execute(statement: RawStatement): Promise<number>;
}

/**
 * Opens the floor's own connection(s) to the run's database, configured as `src/store/db.ts`
 * configures the application's: the same pragmas on SQLite; the same session settings,
 * schema and type parsers on PostgreSQL, with `connections` pooled.
 */
export function openRawDriver(target: BenchTarget, connections: number): RawDriver {
  return target.dialect === 'sqlite'
    ? rawSqlite(target.database)
    : rawPostgres(target.database, target.schema, connections);
}

function rawSqlite(path: string): RawDriver {
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Prepared once per distinct SQL text, as a hand-written data layer would.
  const prepared = new Map<string, Statement<RawValue[]>>();
  const prepare = (sql: string): Statement<RawValue[]> => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare<RawValue[]>(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
  const runAll = db.transaction((statements: readonly RawStatement[]) => {
    for (const { sql, params } of statements) prepare(sql).run(...params);
  });
  return {
    dialect: 'sqlite',
    transaction: (statements) => {
      runAll(statements);
      return Promise.resolve();
    },
    query: <R>({ sql, params }: RawStatement) =>
      Promise.resolve(prepare(sql).all(...params) as R[]),
    session: async <T>(work: (run: RawSession) => Promise<T>): Promise<T> => {
      // The driver is synchronous, so nothing else runs on this connection in between.
      db.exec('begin');
      try {
        const result = await work({
          query: <R>({ sql, params }: RawStatement) =>
            Promise.resolve(prepare(sql).all(...params) as R[]),
          execute: ({ sql, params }) => Promise.resolve(prepare(sql).run(...params).changes),
        });
        db.exec('commit');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('rollback');
        throw error;
      }
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function rawPostgres(url: string, schema: string | undefined, connections: number): RawDriver {
  const settings = ['-c TimeZone=UTC', ...(schema ? [`-c search_path=${schema}`] : [])];
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    options: settings.join(' '),
    types: pgTypeParsers,
  });
  const text = new Map<string, string>();
  const sqlFor = (sql: string): string => {
    let converted = text.get(sql);
    if (converted === undefined) {
      converted = numbered(sql);
      text.set(sql, converted);
    }
    return converted;
  };
  return {
    dialect: 'postgres',
    transaction: async (statements) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        for (const { sql, params } of statements) await client.query(sqlFor(sql), [...params]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    query: async <R>({ sql, params }: RawStatement) => {
      const result = await pool.query(sqlFor(sql), [...params]);
      return result.rows as R[];
    },
    session: async <T>(work: (run: RawSession) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: async <R>({ sql, params }: RawStatement) =>
            (await client.query(sqlFor(sql), [...params])).rows as R[],
          execute: async ({ sql, params }) =>
            (await client.query(sqlFor(sql), [...params])).rowCount ?? 0,
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
