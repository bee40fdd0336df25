import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

interface FieldList {
  entity: string;
  fields: { name: string; required: boolean; kind: string; values: string[] | null }[];
}

/**
 * The import wizard's mapping step lists the fields a column can feed from the server
 * (GET /imports/{entity}/fields), so the browser never keeps its own copy of them.
 */
describe.each(dialectsUnderTest())('import fields ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  it('lists each entity’s fields, the required ones, and enum values', async () => {
    const leads = await t.client.get<FieldList>('/api/v1/imports/leads/fields');
    expect(leads.status, JSON.stringify(leads.body)).toBe(200);
    expect(leads.body.entity).toBe('leads');
    expect(leads.body.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['name']);
    const status = leads.body.fields.find((f) => f.name === 'status');
    expect(status).toMatchObject({ kind: 'enum', required: false });
    expect(status?.values).toContain('sql');
    expect(status?.values).not.toContain('converted');
    expect(leads.body.fields.find((f) => f.name === 'email')).toEqual({
      name: 'email',
      required: false,
      kind: 'email',
      values: null,
    });
    const contacts = await t.client.get<FieldList>('/api/v1/imports/contacts/fields');
    expect(contacts.body.fields.filter((f) => f.required).map((f) => f.name)).toEqual([
      'account',
      'name',
    ]);
  });

  it('refuses an unknown entity and an anonymous caller', async () => {
    expect((await t.client.get('/api/v1/imports/widgets/fields')).status).toBe(400);
    expect((await new ApiClient(server.url).get('/api/v1/imports/leads/fields')).status).toBe(401);
  });
});
