import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/app/tenants.service.js';
import { openRuntime } from '../../src/runtime.js';
import type { Database } from '../../src/store/schema.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { cliProcess, finished, ownDatabase } from '../support/own-process.js';
import { importFile, readCsvText } from '../support/imports.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';

/**
 * Imports at the size they happen in practice. A 100,000-row file with bad rows scattered
 * through it: the bad rows are reported, every good row goes in, and running the file again
 * adds nothing. And the real `pipewright import` killed with SIGKILL part-way (no chance to
 * clean up) and run again: every row in exactly once.
 */
const BIG = 100_000;
/** Every 1,000th row has a broken e-mail address. */
const isBad = (i: number) => i % 1000 === 999;

function leadRows(count: number, prefix: string, bad: (i: number) => boolean): string {
  const lines = ['name,email,phone,source'];
  for (let i = 0; i < count; i++) {
    const email = bad(i) ? `broken-${i}` : `${prefix}-${i}@example.test`;
    lines.push(`${prefix} ${i},${email},+86 138 ${String(i).padStart(8, '0')},event`);
  }
  return `${lines.join('\n')}\n`;
}

async function countRows(
  db: Kysely<Database>,
  table: 'leads' | 'import_keys',
  tenantId: string,
): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n
    from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

async function distinctNames(db: Kysely<Database>, tenantId: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(distinct name) as n
    from leads where tenant_id = ${tenantId}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

describe.each(dialectsUnderTest())('imports at scale ($name)', (dialect) => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    dir = mkdtempSync(join(tmpdir(), 'pipewright-import-scale-'));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a 100k-row CSV: bad rows reported, good rows in, a re-run adds nothing', async () => {
    const t = await createTestTenant(server);
    const db = server.runtime.store.db;
    const file = { name: 'big.csv', content: leadRows(BIG, 'Big', isBad) };
    const bad = BIG / 1000;

    const first = await importFile(t.client, 'leads', file);
    expect(first.status, JSON.stringify(first.body).slice(0, 500)).toBe(201);
    expect(first.body.counts).toEqual({
      rows: BIG,
      imported: BIG - bad,
      skipped: 0,
      failed: bad,
      accountsCreated: 0,
    });
    expect(await countRows(db, 'leads', t.tenant.id)).toBe(BIG - bad);

    // The report lists every bad row, with its row number (the header is row 1).
    const report = await t.client.get<string>(first.body.errorReport);
    const rows = readCsvText(report.body);
    expect(rows).toHaveLength(bad + 1);
    expect(rows[1]?.[0]).toBe('1001');
    expect(rows[1]?.[1]).toContain('email');
    expect(rows.at(-1)?.[0]).toBe(String(BIG + 1));

    const again = await importFile(t.client, 'leads', file);
    expect(again.body.counts).toEqual({
      rows: BIG,
      imported: 0,
      skipped: BIG - bad,
      failed: bad,
      accountsCreated: 0,
    });
    expect(await countRows(db, 'leads', t.tenant.id)).toBe(BIG - bad);
    expect(await distinctNames(db, t.tenant.id)).toBe(BIG - bad);
  }, 600_000);

  it('resumes an import whose process was killed with SIGKILL, losing and duplicating nothing', async () => {
    const database = await ownDatabase(dialect, 'pw_crash');
    const runtime = await openRuntime(database.target);
    try {
      const { tenant } = await createTenant(
        runtime.ctx,
        {
          slug: 'crash',
          name: 'crash',
          admin: { email: 'admin@crash.test', password: TEST_PASSWORD },
        },
        'test-setup',
      );
      const db = runtime.store.db;
      const total = 20_000;
      const path = join(dir, `crash-${dialect.name}.csv`);
      writeFileSync(
        path,
        leadRows(total, 'Crash', () => false),
      );
      const args = ['import', 'leads', path, '--tenant', 'crash', '--batch-size', '500'];

      const child = cliProcess(database.target, args);
      const ended = finished(child);
      // Kill it once a few batches are in, whatever it is doing at that moment.
      let killedAt = 0;
      while (child.exitCode === null) {
        const keys = await countRows(db, 'import_keys', tenant.id);
        if (keys >= 2000) {
          child.kill('SIGKILL');
          killedAt = keys;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const killed = await ended;
      expect(killed.code, `the import ended before it was killed:\n${killed.out}`).toBeNull();
      expect(killedAt).toBeGreaterThan(0);

      // What survived is whole batches: each row's record and its key went in together.
      const leadsAfterKill = await countRows(db, 'leads', tenant.id);
      expect(leadsAfterKill).toBe(await countRows(db, 'import_keys', tenant.id));
      expect(leadsAfterKill % 500).toBe(0);
      expect(leadsAfterKill).toBeLessThan(total);

      const resumed = await finished(cliProcess(database.target, args));
      expect(resumed.code, resumed.out).toBe(0);
      expect(resumed.out).toContain(`${total} rows, ${total - leadsAfterKill} imported`);
      expect(resumed.out).toContain(`${leadsAfterKill} already imported`);
      expect(resumed.out).toMatch(/rows\/s/);
      expect(await countRows(db, 'leads', tenant.id)).toBe(total);
      expect(await distinctNames(db, tenant.id)).toBe(total);
    } finally {
      await runtime.close();
      await database.drop();
    }
  }, 600_000);
});
