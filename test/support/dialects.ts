import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The databases every API suite runs against, like Kysely's own DIALECTS loop: SQLite
 * always; PostgreSQL when PIPEWRIGHT_TEST_PG is set (to a URL, or to 1 for the local
 * default). In CI a missing PostgreSQL is a failure, not a skip; elsewhere the skip is loud.
 */
export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  readonly target: string;
  readonly schema?: string;
  drop(): Promise<void>;
}

export interface DialectUnderTest {
  readonly name: 'sqlite' | 'postgres';
  create(): TestDatabase;
}

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';

function pgUrl(): string | null {
  const setting = process.env.PIPEWRIGHT_TEST_PG;
  if (!setting || setting === '0' || setting === 'false') return null;
  return setting === '1' || setting === 'true' ? DEFAULT_PG : setting;
}

/** SQLite alone, for suites where one dialect is enough (the browser tests). */
export const sqlite: DialectUnderTest = {
  name: 'sqlite',
  create() {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-test-'));
    return {
      dialect: 'sqlite',
      target: join(dir, 'test.db'),
      drop: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  },
};

function postgres(url: string): DialectUnderTest {
  return {
    name: 'postgres',
    create() {
      // One schema per suite run: parallel workers and repeated runs never see each other.
      const schema = `pw_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      return {
        dialect: 'postgres',
        target: url,
        schema,
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
    },
  };
}

let warned = false;

export function dialectsUnderTest(): DialectUnderTest[] {
  const url = pgUrl();
  if (url) return [sqlite, postgres(url)];
  if (process.env.CI) {
    throw new Error('CI must run the PostgreSQL suites: set PIPEWRIGHT_TEST_PG (see .ci/run).');
  }
  if (!warned) {
    warned = true;
    console.warn(
      '\n' +
        '!!! ================================================================== !!!\n' +
        '!!!  PostgreSQL suites SKIPPED: set PIPEWRIGHT_TEST_PG=1 to run them.   !!!\n' +
        '!!!  (CI always runs them; only SQLite was tested in this run.)         !!!\n' +
        '!!! ================================================================== !!!\n',
    );
  }
  return [sqlite];
}
