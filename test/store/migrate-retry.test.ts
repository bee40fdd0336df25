import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isVanishedCatalogue } from '../../src/store/migrate.js';
import { dialectsUnderTest } from '../support/dialects.js';

/**
 * `migrateToLatest` tries again when Kysely's catalogue read raced with another schema being
 * dropped (test runs dropping their schemas, another tenant's hosting). Which errors count
 * is checked against the errors the real drivers raise, not hand-made objects.
 */
async function errorOf(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

describe.each(dialectsUnderTest())('migration retry on a vanished catalogue ($name)', (dialect) => {
  it('retries only what a concurrent schema drop causes', async () => {
    if (dialect.name === 'sqlite') {
      // One file, one writer: no other schema can vanish, so nothing is retried.
      const db = new SqliteDatabase(':memory:');
      try {
        expect(isVanishedCatalogue(await errorOf(() => db.prepare('select * from gone')))).toBe(
          false,
        );
      } finally {
        db.close();
      }
      return;
    }
    const database = dialect.create();
    const client = new pg.Client({ connectionString: database.target });
    await client.connect();
    try {
      // 42P01: a table of a schema being dropped; 3F000: the schema itself.
      const table = await errorOf(() => client.query(`select * from "pw_gone_${Date.now()}".t`));
      const schema = await errorOf(() =>
        client.query(`create table "pw_gone_${Date.now()}".t (id int)`),
      );
      const syntax = await errorOf(() => client.query('selec 1'));
      expect([isVanishedCatalogue(table), isVanishedCatalogue(schema)]).toEqual([true, true]);
      expect(isVanishedCatalogue(syntax)).toBe(false);
    } finally {
      await client.end();
    }
  });
});
