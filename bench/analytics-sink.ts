import SqliteDatabase from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import pg from 'pg';
import type { RawValue } from './raw-driver.js';
import type { BenchTarget } from './targets.js';

/** How PostgreSQL should read a column's array (SQLite takes every value as given). */
export type ColumnType = 'text' | 'int' | 'bigint' | 'ts' | 'date' | 'json';

export interface TableShape {
  readonly table: string;
  readonly columns: readonly (readonly [name: string, type: ColumnType])[];
}

/**
 * A bulk loader for generated rows, on its own connection. Built for speed on a throw-away
 * database, not for safety: foreign-key checks are off on this connection (the generator
 * writes consistent rows and the run checks them afterwards), and the secondary indexes of
 * the loaded tables are dropped first and rebuilt once at the end, which sorts each index
 * once instead of inserting millions of entries into it one by one.
 */
export interface BulkSink {
  insert(shape: TableShape, rows: readonly (readonly RawValue[])[]): Promise<void>;
  /** Drops the secondary (non-constraint) indexes of `tables`, remembering their DDL. */
  dropIndexes(tables: readonly string[]): Promise<void>;
  /** Recreates what `dropIndexes` dropped. */
  restoreIndexes(): Promise<void>;
  close(): Promise<void>;
}

export function openBulkSink(target: BenchTarget): Promise<BulkSink> {
  return target.dialect === 'sqlite'
    ? Promise.resolve(sqliteSink(target.database))
    : postgresSink(target.database, target.schema);
}

function sqliteSink(path: string): BulkSink {
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  // A lost bench database is simply regenerated: no fsync per transaction while loading.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -262144');
  const statements = new Map<string, Statement<RawValue[]>>();
  const dropped: string[] = [];
  const statementFor = (shape: TableShape): Statement<RawValue[]> => {
    let statement = statements.get(shape.table);
    if (!statement) {
      const names = shape.columns.map(([name]) => name);
      statement = db.prepare<RawValue[]>(
        `insert into ${shape.table} (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`,
      );
      statements.set(shape.table, statement);
    }
    return statement;
  };
  const insertAll = db.transaction((shape: TableShape, rows: readonly (readonly RawValue[])[]) => {
    const statement = statementFor(shape);
    for (const row of rows) statement.run(...row);
  });
  return {
    insert: (shape, rows) => {
      insertAll(shape, rows);
      return Promise.resolve();
    },
    dropIndexes: (tables) => {
      const rows = db
        .prepare<string[], { name: string; sql: string }>(
          `select name, sql from sqlite_master where type = 'index' and sql is not null
             and tbl_name in (${tables.map(() => '?').join(', ')})`,
        )
        .all(...tables);
      for (const row of rows) {
        dropped.push(row.sql);
        db.exec(`drop index ${row.name}`);
      }
      return Promise.resolve();
    },
    restoreIndexes: () => {
      for (const ddl of dropped.splice(0)) db.exec(ddl);
      return Promise.resolve();
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

const PG_ARRAY_TYPE: Record<ColumnType, string> = {
  text: 'text[]',
  int: 'int[]',
  bigint: 'bigint[]',
  ts: 'timestamptz[]',
  date: 'date[]',
  json: 'jsonb[]',
};

/** Rows per `insert … select * from unnest(…)`: one array parameter per column, any length. */
const PG_ROWS_PER_STATEMENT = 20_000;

async function postgresSink(url: string, schema: string | undefined): Promise<BulkSink> {
  const client = new pg.Client({
    connectionString: url,
    options: ['-c TimeZone=UTC', ...(schema ? [`-c search_path=${schema}`] : [])].join(' '),
  });
  await client.connect();
  // Foreign keys are enforced by system triggers; a superuser's bulk load may skip them.
  await client.query(`set session_replication_role = replica`);
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  const dropped: string[] = [];
  return {
    insert: async (shape, rows) => {
      const names = shape.columns.map(([name]) => name);
      const casts = shape.columns.map(([, type], i) => `$${i + 1}::${PG_ARRAY_TYPE[type]}`);
      const text = `insert into ${shape.table} (${names.join(', ')}) select * from unnest(${casts.join(', ')})`;
      await client.query('begin');
      try {
        for (let start = 0; start < rows.length; start += PG_ROWS_PER_STATEMENT) {
          const slice = rows.slice(start, start + PG_ROWS_PER_STATEMENT);
          const columns = names.map((_, c) => slice.map((row) => row[c] ?? null));
          await client.query(text, columns);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    },
    dropIndexes: async (tables) => {
      const { rows } = await client.query<{ indexname: string; indexdef: string }>(
        `select i.indexname, i.indexdef from pg_indexes i
          where i.schemaname = current_schema() and i.tablename = any($1::text[])
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname
              and c.connamespace = (select oid from pg_namespace where nspname = current_schema()))`,
        [tables],
      );
      for (const row of rows) {
        dropped.push(row.indexdef);
        await client.query(`drop index "${row.indexname}"`);
      }
    },
    restoreIndexes: async () => {
      for (const ddl of dropped.splice(0)) await client.query(ddl);
    },
    close: () => client.end(),
  };
}
