import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/app/imports.service.js';
import { systemPrincipal } from '../../src/app/tenants.service.js';
import { ApiClient } from '../support/client.js';
import { snapshot } from '../support/counts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { created } from '../support/fixtures.js';
import { csvFile, importFile, listAll, readCsvText } from '../support/imports.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * What makes an import safe to run on real data: bad rows are reported (with row numbers,
 * reasons and a downloadable report) while good rows go in; a re-run imports nothing
 * twice; a run that dies part-way is finished by running it again; a dry run writes no
 * record; closed deals keep their dates and history; only the right people may import.
 */
interface Deal {
  id: string;
  name: string;
  status: string;
  stageId: string;
  createdAt: string;
  closedAt: string | null;
  stageEnteredAt: string;
}
interface HistoryEntry {
  stageId: string;
  fromStageId: string | null;
  enteredAt: string;
  leftAt: string | null;
}

const leadsCsv = (names: readonly string[]) =>
  csvFile([['name', 'source'], ...names.map((name) => [name, 'event'])]);

describe.each(dialectsUnderTest())('import runs ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  it('reports bad rows with row numbers and reasons, imports the good ones, and re-runs skip them', async () => {
    const file = csvFile([
      ['name', 'email', 'status', 'createdAt'],
      ['Good one', 'one@example.test', 'new', '2026-01-02'],
      ['', 'nobody@example.test', 'new', ''],
      ['Bad mail', 'not-an-email', 'sold', '2026-02-30'],
      ['Good two', '', 'mql', '2026/01/03'],
    ]);
    const first = await importFile(t.client, 'leads', { name: 'mixed.csv', content: file });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.counts).toEqual({
      rows: 4,
      imported: 2,
      skipped: 0,
      failed: 2,
      accountsCreated: 0,
    });
    expect(first.body.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'name', 'required'],
      [4, 'email', 'invalid_email'],
      [4, 'status', 'invalid_value'],
      [4, 'createdAt', 'invalid_date'],
    ]);

    const report = await t.client.get<string>(first.body.errorReport);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/csv');
    const rows = readCsvText(report.body);
    expect(rows[0]).toEqual(['row', 'errors', 'name', 'email', 'status', 'createdAt']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['3', '4']);
    expect(rows[2]?.[1]).toContain('email: not an e-mail address ("not-an-email")');
    expect(rows[2]?.slice(2)).toEqual(['Bad mail', 'not-an-email', 'sold', '2026-02-30']);

    const again = await importFile(t.client, 'leads', { name: 'mixed.csv', content: file });
    expect(again.body.counts).toEqual({
      rows: 4,
      imported: 0,
      skipped: 2,
      failed: 2,
      accountsCreated: 0,
    });
    const leads = await listAll<{ name: string }>(t.client, '/api/v1/leads?q=Good');
    expect(leads.map((lead) => lead.name).sort()).toEqual(['Good one', 'Good two']);

    // The fixed rows (the error report itself, corrected) go in; the good rows stay single.
    const fixed = csvFile([
      ['row', 'errors', 'name', 'email', 'status', 'createdAt'],
      ['3', 'name: required', 'Fixed three', 'nobody@example.test', 'new', ''],
      ['4', '…', 'Fixed four', 'four@example.test', 'sql', '2026-02-28'],
    ]);
    const third = await importFile(t.client, 'leads', { name: 'fixed.csv', content: fixed });
    expect(third.body.counts).toMatchObject({ imported: 2, failed: 0 });
  });

  it('resumes a run that died part-way without importing any row twice', async () => {
    const names = Array.from({ length: 57 }, (_, i) => `Resume ${String(i).padStart(2, '0')}`);
    const principal = systemPrincipal(t.tenant.id, 'crash-test');
    const request = () => ({
      entity: 'leads' as const,
      fileName: 'resume.csv',
      format: 'csv' as const,
      input: Readable.from([Buffer.from(leadsCsv(names))]),
      mapping: {},
      dryRun: false,
      batchSize: 10,
    });
    // The process "dies" after its second batch committed: two batches are in, no more.
    await expect(
      runImport(server.runtime.ctx, principal, {
        ...request(),
        afterBatch: (batch) => {
          if (batch === 2) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    const inAfterCrash = await listAll<{ name: string }>(t.client, '/api/v1/leads?q=Resume');
    expect(inAfterCrash).toHaveLength(20);

    const resumed = await runImport(server.runtime.ctx, principal, request());
    expect(resumed.counts).toEqual({
      rows: 57,
      imported: 37,
      skipped: 20,
      failed: 0,
      accountsCreated: 0,
    });
    const all = await listAll<{ name: string }>(t.client, '/api/v1/leads?q=Resume');
    expect(all.map((lead) => lead.name).sort()).toEqual(names);

    // Each run left exactly one audit entry with its counts, the failed one included.
    const audit = await sql<{ after: unknown }>`select after from audit_log
      where tenant_id = ${t.tenant.id} and action = 'import' and request_id = 'crash-test'`.execute(
      server.runtime.store.db,
    );
    const statuses = audit.rows.map((row) => {
      const after = (typeof row.after === 'string' ? JSON.parse(row.after) : row.after) as {
        status: string;
        counts: { imported: number };
      };
      return [after.status, after.counts.imported];
    });
    expect(statuses.sort()).toEqual([
      ['completed', 37],
      ['failed', 20],
    ]);
  });

  it('checks everything on a dry run and writes no record', async () => {
    const before = await snapshot(server.runtime.store);
    const response = await importFile(
      t.client,
      'leads',
      { name: 'dry.csv', content: leadsCsv(['Dry one', 'Dry two', '']) },
      undefined,
      '?dryRun=true',
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ dryRun: true, status: 'completed' });
    expect(response.body.counts).toMatchObject({ rows: 3, imported: 2, failed: 1 });
    expect(await snapshot(server.runtime.store)).toEqual(before);
    // The run itself, and its error report, can be read back.
    const run = await t.client.get<{ counts: { imported: number } }>(
      `/api/v1/import-runs/${response.body.id}`,
    );
    expect(run.status).toBe(200);
    expect((await t.client.get(response.body.errorReport)).status).toBe(200);
  });

  it('keeps the dates and history of won and lost deals', async () => {
    const pipelines = await t.client.get<{
      items: { isDefault: boolean; stages: { id: string; key: string }[] }[];
    }>('/api/v1/pipelines');
    const stages = pipelines.body.items.find((p) => p.isDefault)?.stages ?? [];
    const stageId = (key: string) => stages.find((s) => s.key === key)?.id;
    const file = csvFile([
      ['name', 'account', 'owner', 'stage', 'createdAt', 'closedAt'],
      [
        'Won deal',
        'History Co',
        t.admin.email,
        'won',
        '2025-01-10T09:00:00Z',
        '2025-04-01T09:00:00Z',
      ],
      [
        'Lost deal',
        'History Co',
        t.admin.email,
        'lost',
        '2025-02-01T00:00:00Z',
        '2025-02-20T00:00:00Z',
      ],
      ['Open deal', 'History Co', t.admin.email, 'solution', '2025-03-01T00:00:00Z', ''],
      [
        'Closed too early',
        'History Co',
        t.admin.email,
        'won',
        '2025-03-01T00:00:00Z',
        '2025-02-01T00:00:00Z',
      ],
      [
        'Open with close',
        'History Co',
        t.admin.email,
        'solution',
        '2025-03-01T00:00:00Z',
        '2025-04-01T00:00:00Z',
      ],
      ['Won without date', 'History Co', t.admin.email, 'won', '2025-03-01T00:00:00Z', ''],
    ]);
    const response = await importFile(t.client, 'opportunities', {
      name: 'history.csv',
      content: file,
    });
    expect(response.body.counts).toMatchObject({ imported: 3, failed: 3 });
    expect(response.body.errors.map((e) => [e.row, e.code])).toEqual([
      [5, 'closed_before_created'],
      [6, 'closed_at_on_open'],
      [7, 'required'],
    ]);
    const deals = new Map(
      (await listAll<Deal>(t.client, '/api/v1/opportunities')).map((d) => [d.name, d]),
    );
    const won = deals.get('Won deal');
    expect(won).toMatchObject({
      status: 'won',
      stageId: stageId('won'),
      createdAt: '2025-01-10T09:00:00.000Z',
      closedAt: '2025-04-01T09:00:00.000Z',
      stageEnteredAt: '2025-04-01T09:00:00.000Z',
    });
    const history = (id: string | undefined) =>
      t.client
        .get<{ items: HistoryEntry[] }>(`/api/v1/opportunities/${id}/history`)
        .then((r) => r.body.items);
    expect(await history(won?.id)).toMatchObject([
      {
        stageId: stageId('initial-contact'),
        fromStageId: null,
        enteredAt: '2025-01-10T09:00:00.000Z',
        leftAt: '2025-04-01T09:00:00.000Z',
      },
      {
        stageId: stageId('won'),
        fromStageId: stageId('initial-contact'),
        enteredAt: '2025-04-01T09:00:00.000Z',
        leftAt: null,
      },
    ]);
    expect(await history(deals.get('Lost deal')?.id)).toHaveLength(2);
    expect(await history(deals.get('Open deal')?.id)).toMatchObject([
      { stageId: stageId('solution'), enteredAt: '2025-03-01T00:00:00.000Z', leftAt: null },
    ]);
  });

  it('refuses a mapping that does not fit the file, and a file it cannot read, writing nothing', async () => {
    const before = await snapshot(server.runtime.store);
    const file = { name: 'leads.csv', content: leadsCsv(['x']) };
    const unknownField = await importFile(t.client, 'leads', file, {
      columns: { name: 'nickname' },
    });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body)).toContain('unknown_field');
    const missingColumn = await importFile(t.client, 'leads', file, { columns: { Name: 'name' } });
    expect(missingColumn.status).toBe(400);
    const notJson = await t.client.uploadWith('/api/v1/imports/leads', file, { mapping: '{oops' });
    expect(notJson.status).toBe(400);
    const ambiguous = await importFile(t.client, 'leads', {
      name: 'x.xlsx',
      content: 'PK\u0003\u0004 broken',
    });
    expect(ambiguous.status).toBe(400);
    const noFile = await t.client.request('POST', '/api/v1/imports/leads', undefined, {
      form: (() => {
        const form = new FormData();
        form.append('mapping', '{}');
        return form;
      })(),
    });
    expect(noFile.status).toBe(400);
    const json = await t.client.post('/api/v1/imports/leads', { name: 'x' });
    expect(json.status).toBe(415);
    expect(await snapshot(server.runtime.store)).toEqual(before);
  });

  it('lets admins import anything and lead operations only leads; runs are private to their author', async () => {
    const person = async (role: string) => {
      const email = `${role}-${Date.now()}@${t.tenant.slug}.test`;
      await created(
        t.client.post('/api/v1/users', { email, name: role, role, password: TEST_PASSWORD }),
      );
      return new ApiClient(server.url).signIn(email, TEST_PASSWORD);
    };
    const rep = await person('rep');
    const leadOps = await person('lead_ops');
    const file = { name: 'leads.csv', content: leadsCsv([`Ops lead ${Date.now()}`]) };
    expect((await importFile(rep, 'leads', file)).status).toBe(403);
    const byOps = await importFile(leadOps, 'leads', file);
    expect(byOps.status).toBe(201);
    expect(
      (await importFile(leadOps, 'accounts', { name: 'a.csv', content: 'name\nX\n' })).status,
    ).toBe(403);
    // The author and admins read a run; a colleague is told it does not exist.
    expect((await leadOps.get(`/api/v1/import-runs/${byOps.body.id}`)).status).toBe(200);
    expect((await t.client.get(`/api/v1/import-runs/${byOps.body.id}`)).status).toBe(200);
    expect((await rep.get(`/api/v1/import-runs/${byOps.body.id}`)).status).toBe(404);
    expect((await rep.get(`/api/v1/import-runs/${byOps.body.id}/errors.csv`)).status).toBe(404);
  });
});
