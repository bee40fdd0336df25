import type { RawDriver, RawStatement } from './raw-driver.js';

/**
 * The database's own plan for a statement, on one line: which index serves a query is the
 * first thing to check when a figure looks wrong. SQLite's EXPLAIN QUERY PLAN details, or
 * PostgreSQL's EXPLAIN nodes without costs and with literals shown as `?`.
 */
export async function explain(driver: RawDriver, statement: RawStatement): Promise<string> {
  const sql = `explain ${driver.dialect === 'sqlite' ? 'query plan ' : ''}${statement.sql}`;
  const rows = await driver.query<Record<string, unknown>>({ sql, params: statement.params });
  const lines = rows.map((row) =>
    String(driver.dialect === 'sqlite' ? row.detail : row['QUERY PLAN']),
  );
  return lines
    .map((line) =>
      line
        .replace(/\s*\(cost=[^)]*\)/g, '')
        .replace(/'[^']*'(::\w+(\[\])?)?/g, '?')
        .replace(/^\s*->\s*/, '')
        .trim(),
    )
    .filter((line) => line.length > 0)
    .join(' · ');
}
