import { sql } from 'kysely';
import type { SelectQueryBuilder } from 'kysely';
import { DomainError } from '../domain/errors.js';

/**
 * Keyset (cursor) pagination: pages stay fast at any depth and stable while rows are
 * inserted, unlike OFFSET. The order is always (sort column, id) so ties are broken the same
 * way on both dialects, and the cursor carries the last row's values for both.
 */
export interface SortColumn {
  /** Name used in the API (`?sort=-expectedCloseDate`). */
  readonly key: string;
  readonly column: string;
  /** Stand-in for NULL so nullable columns still have a total order. */
  readonly nullAs?: string | number;
}

export interface PageQuery {
  readonly limit: number;
  readonly cursor: string | null;
  readonly sort: SortColumn;
  readonly direction: 'asc' | 'desc';
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

type CursorValue = string | number;

export function encodeCursor(sortKey: string, value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sortKey: string): [CursorValue, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sortKey &&
      (typeof parsed[1] === 'string' || typeof parsed[1] === 'number') &&
      typeof parsed[2] === 'string'
    ) {
      return [parsed[1], parsed[2]];
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake, not ours
  }
  throw new DomainError('invalid_cursor');
}

function sortExpression(table: string, sort: SortColumn) {
  const ref = sql.ref(`${table}.${sort.column}`);
  return sort.nullAs === undefined ? ref : sql`coalesce(${ref}, ${sort.nullAs})`;
}

/** Adds the cursor condition, the order and limit+1 (to know whether a next page exists). */
export function applyKeyset<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  table: string,
  page: PageQuery,
): SelectQueryBuilder<DB, TB, O> {
  const sortExpr = sortExpression(table, page.sort);
  const idRef = sql.ref(`${table}.id`);
  const op = page.direction === 'asc' ? '>' : '<';
  let result = query;
  if (page.cursor !== null) {
    const [value, id] = decodeCursor(page.cursor, page.sort.key);
    result = result.where(
      sql<boolean>`(${sortExpr} ${sql.raw(op)} ${value} or (${sortExpr} = ${value} and ${idRef} ${sql.raw(op)} ${id}))`,
    );
  }
  return result
    .orderBy(sortExpr, page.direction)
    .orderBy(idRef, page.direction)
    .limit(page.limit + 1);
}

/** Turns the limit+1 rows of `applyKeyset` into a page and the cursor of its last row. */
export function toPage<R extends { id: string }, T>(
  rows: readonly R[],
  page: PageQuery,
  map: (row: R) => T,
): Page<T> {
  const visible = rows.slice(0, page.limit);
  const last = visible.at(-1);
  const hasMore = rows.length > page.limit;
  let nextCursor: string | null = null;
  if (hasMore && last) {
    const raw = (last as Record<string, unknown>)[page.sort.column];
    const value = raw ?? page.sort.nullAs;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`sort column ${page.sort.column} has no value on row ${last.id}`);
    }
    nextCursor = encodeCursor(page.sort.key, value, last.id);
  }
  return { items: visible.map(map), nextCursor };
}
