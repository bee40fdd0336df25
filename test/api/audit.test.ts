import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, importForm } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import {
  created,
  createFixtures,
  threeStageFile,
  threeStages,
  TINY_PDF,
  unique,
} from '../support/fixtures.js';
import type { Fixtures } from '../support/fixtures.js';
import { bodyCases } from '../support/operation-cases.js';
import { operations } from '../support/openapi.js';
import type { OpenApiDocument, Operation } from '../support/openapi.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Every mutation leaves an audit entry. Generated from the OpenAPI document: each
 * state-changing operation is called once with a valid request carrying its own
 * X-Request-Id, and the audit log must hold an entry for that request id, with the actor
 * and without any secret. A new mutating route without a case fails the suite.
 */
interface AuditRow {
  actor_id: string | null;
  action: string;
  entity_type: string;
  before: unknown;
  after: unknown;
}

/** POSTs that only compute an answer (they take a body too large for a query string). */
const readOnlyPosts = new Set(['previewQuote', 'dryRunAutomationRule']);

describe.each(dialectsUnderTest())('audit entries for every mutation ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;
  let f: Fixtures;
  let doc: OpenApiDocument;
  /** Records created only to be deleted (and restored) by the DELETE operations. */
  const disposable = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
    f = await createFixtures(t.client);
    doc = (await t.client.get<OpenApiDocument>('/api/openapi.json')).body;
    const make = async (path: string, body: Record<string, unknown>) =>
      (await created(t.client.post(path, body))).id;
    const account = await make('/api/v1/accounts', { name: 'to delete' });
    disposable.set('accounts', account);
    disposable.set(
      'contacts',
      await make('/api/v1/contacts', { accountId: f.accountId, name: 'to delete' }),
    );
    disposable.set('leads', await make('/api/v1/leads', { name: 'to delete', source: 'other' }));
    disposable.set(
      'opportunities',
      await make('/api/v1/opportunities', { name: 'to delete', accountId: f.accountId }),
    );
    disposable.set(
      'activities',
      await make('/api/v1/activities', { type: 'note', subject: 'x', accountId: f.accountId }),
    );
    disposable.set('tasks', await make('/api/v1/tasks', { title: 'x', accountId: f.accountId }));
    disposable.set('teams', await make('/api/v1/teams', { name: 'to delete' }));
    const form = await t.client.post<{ form: { id: string } }>('/api/v1/lead-forms', {
      name: 'to revoke',
    });
    disposable.set('lead-forms', form.body.form.id);
    disposable.set('pools', await make('/api/v1/pools', { name: 'to delete' }));
    disposable.set(
      'targets',
      await make('/api/v1/targets', {
        subjectType: 'user',
        subjectId: f.userId,
        periodStart: '2098-01-01',
        periodEnd: '2098-03-31',
        amountMinor: 100_000,
        currency: 'CNY',
      }),
    );
    disposable.set(
      'delivery-endpoints',
      (
        await t.client.post<{ endpoint: { id: string } }>('/api/v1/delivery-endpoints', {
          channel: 'webhook',
          name: unique('to delete'),
          url: 'http://127.0.0.1:9/hooks',
        })
      ).body.endpoint.id,
    );
    disposable.set('deliveries', f.deliveryId);
    disposable.set(
      'automation',
      await make('/api/v1/automation/rules', {
        name: unique('to delete'),
        enabled: false,
        trigger: { type: 'created' },
        actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'x' }],
      }),
    );
    disposable.set(
      'experiments',
      await make('/api/v1/experiments', {
        name: unique('to delete'),
        subject: 'script',
        population: 'leads',
        variants: ['a', 'b'].map((key) => ({
          key,
          name: key,
          weight: 5000,
          content: { kind: 'text', text: key },
        })),
      }),
    );
    const disposableProduct = await make('/api/v1/products', {
      code: unique('GONE'),
      name: 'to delete',
      productType: 'lighthouse',
    });
    disposable.set('products', disposableProduct);
    const disposableBook = await make('/api/v1/price-books', {
      name: unique('to delete'),
      currency: 'USD',
    });
    disposable.set('price-books', disposableBook);
    const disposableEntry = await t.client.put<{ id: string }>(
      `/api/v1/price-books/${f.priceBookId}/entries`,
      { productId: f.archivedProductId, unitPriceMinor: 1_00 },
    );
    disposable.set('price-book-entries', disposableEntry.body.id);
    disposable.set(
      'saved-views',
      await make('/api/v1/saved-views', { kind: 'board', name: unique('to delete') }),
    );
    disposable.set(
      'custom-fields',
      await make('/api/v1/custom-fields', {
        key: unique('x').replace(/-/g, '_'),
        labelZh: '删',
        labelEn: 'Gone',
        type: 'text',
      }),
    );
    const upload = await t.client.upload<{ id: string }>(
      `/api/v1/opportunities/${f.opportunityId}/attachments?type=other`,
      'gone.pdf',
      TINY_PDF,
    );
    disposable.set('attachments', upload.body.id);
    disposable.set(
      'pipelines',
      await make('/api/v1/pipelines', {
        key: unique('gone'),
        nameZh: '删',
        nameEn: 'Gone',
        stages: threeStages,
      }),
    );
  });
  afterAll(async () => server?.close());

  async function auditRows(requestId: string): Promise<AuditRow[]> {
    const result =
      await sql<AuditRow>`select actor_id, action, entity_type, before, after from audit_log where request_id = ${requestId}`.execute(
        server.runtime.store.db,
      );
    return result.rows;
  }

  /** Another session of the admin (the password may have been changed by then). */
  async function freshSession(): Promise<ApiClient> {
    const client = new ApiClient(server.url);
    for (const password of [TEST_PASSWORD, `${TEST_PASSWORD} and more`]) {
      if (
        (await client.post('/api/v1/auth/login', { email: t.admin.email, password })).status === 200
      )
        return client;
    }
    throw new Error('cannot sign in again');
  }

  /** A concrete, valid request for a mutating operation. */
  async function requestFor(
    op: Operation,
    client: ApiClient,
  ): Promise<{ path: string; body?: unknown; upload?: boolean; yaml?: string; form?: FormData }> {
    const version = async (path: string) =>
      (await client.get<{ version: number }>(path)).body.version;
    const bodyCase = bodyCases[op.operationId];
    if (bodyCase) return bodyCase.build(f, version, t.admin.email);
    const collection = op.path.split('/')[3] ?? '';
    switch (op.operationId) {
      case 'revokeMySession': {
        // A second session to revoke (the password may have been changed by then).
        const second = new ApiClient(server.url);
        for (const password of [TEST_PASSWORD, `${TEST_PASSWORD} and more`]) {
          if (
            (await second.post('/api/v1/auth/login', { email: t.admin.email, password })).status ===
            200
          )
            break;
        }
        const sessions =
          await client.get<{ id: string; current: boolean }[]>('/api/v1/me/sessions');
        return { path: `/api/v1/me/sessions/${sessions.body.find((s) => !s.current)?.id}` };
      }
      case 'revokeMyApiToken':
        return { path: `/api/v1/me/tokens/${f.tokenId}` };
      case 'undoOpportunityPlaybookItem':
        return { path: `/api/v1/opportunities/${f.gatedOpportunityId}/playbook/action/kickoff` };
      case 'uploadOpportunityAttachment':
        return {
          path: `/api/v1/opportunities/${f.opportunityId}/attachments?type=contract`,
          upload: true,
        };
      case 'putPipelineFile': {
        // A file body (YAML text), not JSON: the pipeline as code, created by the upload.
        const key = unique('file');
        return { path: `/api/v1/pipeline-files/${key}`, yaml: threeStageFile(key) };
      }
      case 'applyPipelineTemplate':
        return { path: '/api/v1/pipeline-templates/saas/apply' };
      case 'importRecords':
        // A multipart upload: one audit entry for the whole import, not one per row.
        return {
          path: '/api/v1/imports/leads',
          form: importForm({ name: 'leads.csv', content: 'name,source\nAudited,event\n' }),
        };
      case 'reverseAllocation':
        return { path: `/api/v1/receipt-allocations/${f.allocationId}/reverse` };
      case 'voidReceipt':
        return { path: `/api/v1/receipts/${f.voidableReceiptId}/void` };
      case 'readNotification':
        return { path: `/api/v1/notifications/${f.notificationId}/read` };
      case 'readAllNotifications':
      case 'deleteMyDelegation':
        return { path: op.path };
      case 'removeOpportunityMember':
        return { path: `/api/v1/opportunities/${f.opportunityId}/members/${f.adminId}` };
      case 'signOut':
      case 'signOutEverywhere':
        return { path: op.path };
      default: {
        const id = disposable.get(collection);
        if (!id) throw new Error(`no request for ${op.operationId}: add a case`);
        return { path: op.path.replace('{id}', id) };
      }
    }
  }

  it('records who changed what, with the request id, for every mutating route', async () => {
    const mutating = operations(doc).filter(
      (op) =>
        ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method) &&
        op.path.startsWith('/api/v1/') &&
        !readOnlyPosts.has(op.operationId),
    );
    // Deletions before their restores, and the sign-outs (which end the admin's session) last.
    const rank = (op: Operation) =>
      op.operationId.startsWith('signOut')
        ? 3
        : op.operationId.startsWith('restore')
          ? 2
          : op.method === 'DELETE'
            ? 1
            : 0;
    const ordered = [...mutating].sort((a, b) => rank(a) - rank(b));
    expect(ordered.length).toBeGreaterThan(40);
    const actions = new Set<string>();
    for (const op of ordered) {
      // Signing out ends a session: use a separate one so the main client stays signed in.
      const client = op.operationId.startsWith('signOut') ? await freshSession() : t.client;
      const { path, body, upload, yaml, form } = await requestFor(op, client);
      const requestId = `audit-${op.operationId}`;
      const headers = { 'x-request-id': requestId };
      const response = upload
        ? await client.upload(path, 'contract.pdf', TINY_PDF, headers)
        : form
          ? await client.request(op.method, path, undefined, { form, headers })
          : yaml !== undefined
            ? await client.request(op.method, path, undefined, {
                rawBody: yaml,
                headers: { ...headers, 'content-type': 'application/yaml' },
              })
            : await client.request(op.method, path, body, { headers });
      expect(
        [200, 201, 202, 204],
        `${op.operationId}: ${response.status} ${JSON.stringify(response.body)}`,
      ).toContain(response.status);
      const rows = await auditRows(requestId);
      expect(rows.length, `${op.operationId} left no audit entry`).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.actor_id, op.operationId).toBe(t.admin.id);
        const text = JSON.stringify([row.before, row.after]);
        expect(text, `${op.operationId} leaked a secret`).not.toMatch(
          /pwt_[A-Za-z0-9_-]{20}|\$argon2/,
        );
        actions.add(row.action);
      }
    }
    expect([...actions].sort()).toEqual(
      expect.arrayContaining([
        'create',
        'update',
        'delete',
        'restore',
        'move_stage',
        'sign_in',
        'sign_out',
        'revoke_sessions',
        'revoke',
        'change_password',
        'reset_password',
        'disable',
        'enable',
        'add_member',
        'remove_member',
        'import',
      ]),
    );
  });
});
