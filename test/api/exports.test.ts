import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { download, readCsvText, readXlsxBytes } from '../support/imports.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Exports take out only what the caller may see (an export is a list, not a way around
 * visibility), only for the roles allowed to take data out, and each one is audited.
 * The file's columns are the import fields, so it imports again as it is.
 */
type Person = 'eastManager' | 'rep1' | 'northRep' | 'leadOps';

describe.each(dialectsUnderTest())('exports ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let other: TestTenant;
  const people = new Map<Person, { id: string; client: ApiClient }>();
  const idOf = (name: Person) => people.get(name)?.id ?? '';
  const clientOf = (name: Person | 'admin'): ApiClient =>
    name === 'admin' ? t.client : (people.get(name)?.client ?? t.client);

  /** The `name` column of an export, sorted. */
  async function exportedNames(who: Person | 'admin', entity: string): Promise<string[]> {
    const response = await clientOf(who).get<string>(`/api/v1/exports/${entity}`);
    expect(response.status, response.body).toBe(200);
    const [header = [], ...rows] = readCsvText(response.body);
    return rows.map((row) => row[header.indexOf('name')] ?? '').sort();
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    other = await createTestTenant(server);
    const admin = t.client;
    const east = await created(admin.post('/api/v1/teams', { name: '华东' }));
    const north = await created(admin.post('/api/v1/teams', { name: '华北' }));
    const roster: [Person, string, string | null][] = [
      ['eastManager', 'manager', east.id],
      ['rep1', 'rep', east.id],
      ['northRep', 'rep', north.id],
      ['leadOps', 'lead_ops', null],
    ];
    for (const [name, role, teamId] of roster) {
      const email = `${name.toLowerCase()}@${t.tenant.slug}.test`;
      const user = await created(
        admin.post('/api/v1/users', { email, name, role, teamId, password: TEST_PASSWORD }),
      );
      people.set(name, {
        id: user.id,
        client: await new ApiClient(server.url).signIn(email, TEST_PASSWORD),
      });
    }
    const team = await admin.get<{ version: number }>(`/api/v1/teams/${east.id}`);
    await admin.patch(`/api/v1/teams/${east.id}`, {
      managerId: idOf('eastManager'),
      version: team.body.version,
    });
    for (const [suffix, owner] of [
      ['east', 'rep1'],
      ['north', 'northRep'],
    ] as const) {
      await created(
        admin.post('/api/v1/leads', { name: `L ${suffix}`, source: 'event', ownerId: idOf(owner) }),
      );
      const account = await created(
        admin.post('/api/v1/accounts', { name: `A ${suffix}`, ownerId: idOf(owner) }),
      );
      await created(
        admin.post('/api/v1/contacts', {
          accountId: account.id,
          name: `C ${suffix}`,
          ownerId: idOf(owner),
        }),
      );
      await created(
        admin.post('/api/v1/opportunities', {
          name: `O ${suffix}`,
          accountId: account.id,
          ownerId: idOf(owner),
          amount: { amountMinor: 123_456, currency: 'CNY' },
        }),
      );
    }
    await created(other.client.post('/api/v1/leads', { name: 'L other tenant', source: 'event' }));
  });
  afterAll(async () => server?.close());

  it('gives each role the records it can see, and refuses roles that may not export', async () => {
    expect(await exportedNames('admin', 'leads')).toEqual(['L east', 'L north']);
    expect(await exportedNames('admin', 'opportunities')).toEqual(['O east', 'O north']);
    // A manager takes out their team's records, not the other team's.
    expect(await exportedNames('eastManager', 'leads')).toEqual(['L east']);
    expect(await exportedNames('eastManager', 'accounts')).toEqual(['A east']);
    expect(await exportedNames('eastManager', 'contacts')).toEqual(['C east']);
    expect(await exportedNames('eastManager', 'opportunities')).toEqual(['O east']);
    // Lead operations export leads (all of them, as they see them all) and nothing else.
    expect(await exportedNames('leadOps', 'leads')).toEqual(['L east', 'L north']);
    expect((await clientOf('leadOps').get('/api/v1/exports/accounts')).status).toBe(403);
    // Reps keep their lists in the app.
    expect((await clientOf('rep1').get('/api/v1/exports/leads')).status).toBe(403);
    // Another tenant sees only its own.
    const theirs = await other.client.get<string>('/api/v1/exports/leads');
    expect(readCsvText(theirs.body).slice(1)).toHaveLength(1);
    expect((await t.client.get('/api/v1/exports/pets')).status).toBe(400);
    expect((await t.client.get('/api/v1/exports/leads?format=pdf')).status).toBe(400);
  });

  it('writes deals with names instead of ids and amounts as decimals, in CSV and XLSX', async () => {
    const csv = await t.client.get<string>('/api/v1/exports/opportunities');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/opportunities-\d{4}-\d{2}-\d{2}\.csv/);
    const [header = [], ...rows] = readCsvText(csv.body);
    const east = rows.find((row) => row[header.indexOf('name')] === 'O east') ?? [];
    expect(east[header.indexOf('account')]).toBe('A east');
    expect(east[header.indexOf('owner')]).toBe(`rep1@${t.tenant.slug}.test`);
    expect(east[header.indexOf('amount')]).toBe('1234.56');

    const xlsx = await download(t.client, '/api/v1/exports/opportunities?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    const sheet = await readXlsxBytes(xlsx.bytes);
    expect(sheet[0]).toEqual(header);
    expect(sheet.slice(1).map((row) => row[header.indexOf('name')])).toContain('O north');
  });

  it('records who took which list out', async () => {
    await clientOf('eastManager').get('/api/v1/exports/contacts', {
      headers: { 'x-request-id': 'export-audit' },
    });
    const { rows } = await sql<{ actor_id: string; after: unknown }>`select actor_id, after
      from audit_log where tenant_id = ${t.tenant.id} and action = 'export'
      and request_id = 'export-audit'`.execute(server.runtime.store.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_id).toBe(idOf('eastManager'));
    const after: unknown =
      typeof rows[0]?.after === 'string' ? JSON.parse(rows[0].after) : rows[0]?.after;
    expect(after).toEqual({ entity: 'contacts', format: 'csv' });
  });
});
