import { PostgresAdapter } from 'kysely';
import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * One migration set serves both dialects; the only difference is the column type each
 * gives the same concept. SQLite stores instants as ISO-8601 text (which sorts correctly),
 * PostgreSQL as timestamptz; money is a 64-bit integer on both.
 */
export interface ColumnTypes {
  readonly timestamp: 'timestamptz' | 'text';
  readonly date: 'date' | 'text';
  readonly money: 'bigint' | 'integer';
  readonly json: 'jsonb' | 'text';
}

export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function columnTypes(db: Kysely<unknown>): ColumnTypes {
  const pg = isPostgres(db);
  return {
    timestamp: pg ? 'timestamptz' : 'text',
    date: pg ? 'date' : 'text',
    money: pg ? 'bigint' : 'integer',
    json: pg ? 'jsonb' : 'text',
  };
}

/** Column names are plain strings in migrations: they describe a schema, not query it. */
export type Builder = CreateTableBuilder<string, string>;

/** Starts a table keyed by (tenant_id, id), the key every tenant-owned table shares. */
export function tenantTable(db: Kysely<unknown>, name: string): Builder {
  return db.schema
    .createTable(name)
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id'))
    .addColumn('id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint(`${name}_pkey`, ['tenant_id', 'id']);
}

/** created_at, updated_at and the optimistic-concurrency version. */
export function withVersioning(table: Builder, types: ColumnTypes): Builder {
  return table
    .addColumn('created_at', types.timestamp, (col) => col.notNull())
    .addColumn('updated_at', types.timestamp, (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1));
}

/** A reference to another row of the same tenant: the tenant is part of the key. */
export function tenantReference(table: Builder, column: string, target: string): Builder {
  const name = table.toOperationNode().table.table.identifier.name;
  return table.addForeignKeyConstraint(`${name}_${column}_fkey`, ['tenant_id', column], target, [
    'tenant_id',
    'id',
  ]);
}
