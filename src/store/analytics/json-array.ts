import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { isPostgres } from '../migrations/columns.js';

/**
 * The elements of a JSON array column as rows, the one place the dialects differ when a
 * report reads a JSON list (e.g. `opportunity_reviews.reasons`): SQLite's `json_each` and
 * PostgreSQL's `jsonb_array_elements_text`. Returns a `left join` clause exposing
 * `<alias>.value` as text, so a row whose array is empty still appears once, with a null
 * value, on both databases.
 */
export function leftJoinJsonArrayElements<DB>(
  db: Kysely<DB>,
  json: RawBuilder<unknown>,
  alias: string,
): RawBuilder<unknown> {
  const as = sql.table(alias);
  return isPostgres(db)
    ? sql`left join lateral jsonb_array_elements_text(${json}) as ${as}(value) on true`
    : sql`left join json_each(${json}) as ${as} on true`;
}
