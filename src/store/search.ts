import { sql } from 'kysely';
import type { Expression, SqlBool } from 'kysely';

/** `%text%` with LIKE's wildcards escaped, lower-cased for a case-insensitive match. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Case-insensitive substring match over several columns, identical on SQLite and
 * PostgreSQL (`lower(...) like ... escape`), for the `q` filter of list endpoints.
 */
export function matchesText(
  table: string,
  columns: readonly string[],
  text: string,
): Expression<SqlBool> {
  const pattern = containsPattern(text);
  return sql<SqlBool>`(${sql.join(
    columns.map(
      (column) => sql`lower(${sql.ref(`${table}.${column}`)}) like ${pattern} escape '\\'`,
    ),
    sql` or `,
  )})`;
}

export type DeletedFilter = 'exclude' | 'only' | 'include';

export function deletedCondition(table: string, filter: DeletedFilter): Expression<SqlBool> | null {
  const column = sql.ref(`${table}.deleted_at`);
  if (filter === 'exclude') return sql<SqlBool>`${column} is null`;
  if (filter === 'only') return sql<SqlBool>`${column} is not null`;
  return null;
}
