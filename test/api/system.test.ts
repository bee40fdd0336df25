import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { operations } from '../support/openapi.js';
import type { OpenApiDocument } from '../support/openapi.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

const run = promisify(execFile);

interface Problem {
  code: string;
  detail: string;
  status: number;
  requestId: string;
  errors?: { path: string; code: string; message: string }[];
}

describe.each(dialectsUnderTest())('system and conventions ($name)', (dialect) => {
  let server: TestServer;
  let tenant: TestTenant;
  let anonymous: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    tenant = await createTestTenant(server);
    anonymous = new ApiClient(server.url);
  });
  afterAll(async () => server?.close());

  it('reports health with the database it reached', async () => {
    const response = await anonymous.get<{ status: string; database: string }>('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: dialect.name });
  });

  it('serves an OpenAPI 3.1 document that passes Redocly recommended rules', async () => {
    const doc = await anonymous.get<OpenApiDocument & { openapi: string }>('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const file = join(mkdtempSync(join(tmpdir(), 'pipewright-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(doc.body));
    // Redocly exits non-zero on errors; the JSON report says how many of each there are.
    const { stdout } = await run(
      'node_modules/.bin/redocly',
      ['lint', file, '--extends=recommended', '--format=json'],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.filter((p) => p.ruleId !== 'operation-4xx-response')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('gives every operation an id, a summary, a tag and documented errors', async () => {
    const doc = (await anonymous.get<OpenApiDocument>('/api/openapi.json')).body;
    const raw = doc.paths;
    for (const op of operations(doc)) {
      const entry = raw[op.path]?.[op.method.toLowerCase()] as unknown as {
        summary?: string;
        tags?: string[];
        responses?: Record<string, unknown>;
      };
      expect(op.operationId, `${op.method} ${op.path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(entry.summary, op.operationId).toBeTruthy();
      expect(entry.tags?.length, op.operationId).toBe(1);
      const errors = Object.keys(entry.responses ?? {}).filter(
        (status) => status.startsWith('4') || status.startsWith('5'),
      );
      expect(errors.length, op.operationId).toBeGreaterThan(0);
    }
  });

  it('serves the interactive API docs', async () => {
    const response = await anonymous.get<string>('/api/docs/');
    expect(response.status).toBe(200);
    expect(response.body).toContain('swagger');
  });

  it('answers unknown routes with a problem, not an HTML page', async () => {
    const response = await anonymous.get<Problem>('/api/v1/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('route_not_found');
  });

  it('requires a session for every /api/v1 endpoint but sign-in', async () => {
    const doc = (await anonymous.get<OpenApiDocument>('/api/openapi.json')).body;
    const guarded = operations(doc).filter(
      (op) => op.path.startsWith('/api/v1') && op.operationId !== 'signIn',
    );
    expect(guarded.length).toBeGreaterThan(40);
    for (const op of guarded) {
      const path = op.path.replace(/\{id\}/g, '0192f6a0-0000-7000-8000-000000000000');
      const response = await anonymous.request<Problem>(op.method, path, op.body ? {} : undefined);
      expect(response.status, `${op.method} ${path}`).toBe(401);
      expect(response.body.code).toBe('unauthenticated');
    }
  });

  it('echoes a sane X-Request-Id and carries it in problems', async () => {
    const response = await anonymous.get<Problem>('/api/v1/me', {
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.body.requestId).toBe('trace-123');
    const minted = await anonymous.get('/api/health', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('translates messages by Accept-Language, keeping the code stable', async () => {
    const zh = new ApiClient(server.url, 'zh-CN,zh;q=0.9,en;q=0.5');
    const en = new ApiClient(server.url, 'en-US');
    const zhResponse = await zh.get<Problem>('/api/v1/me');
    const enResponse = await en.get<Problem>('/api/v1/me');
    expect(zhResponse.body.code).toBe('unauthenticated');
    expect(enResponse.body.code).toBe('unauthenticated');
    expect(zhResponse.body.detail).toBe('请先登录。');
    expect(enResponse.body.detail).toBe('Sign in to continue.');
    const invalid = await zh.post<Problem>('/api/v1/auth/login', { email: 'x@y.z', password: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]).toMatchObject({ path: 'password', code: 'invalid_type' });
    expect(invalid.body.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses oversized bodies with 413 and non-JSON bodies with 415', async () => {
    const big = await tenant.client.post<Problem>('/api/v1/accounts', undefined, {
      rawBody: JSON.stringify({ name: 'x', notes: 'y'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const text = await tenant.client.post<Problem>('/api/v1/accounts', undefined, {
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('unsupported_media_type');
  });

  it('signs in, tells who is signed in, and signs out for good', async () => {
    const client = new ApiClient(server.url);
    const wrong = await client.post<Problem>('/api/v1/auth/login', {
      email: tenant.admin.email,
      password: 'nope nope nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    const unknown = await client.post<Problem>('/api/v1/auth/login', {
      email: 'ghost@nowhere.test',
      password: TEST_PASSWORD,
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_credentials');

    const login = await client.post<{ user: { email: string }; tenant: { id: string } }>(
      '/api/v1/auth/login',
      {
        email: tenant.admin.email.toUpperCase(),
        password: TEST_PASSWORD,
      },
    );
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(tenant.admin.email);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const me = await client.get<{ user: { id: string }; tenant: { id: string } }>('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.tenant.id).toBe(tenant.tenant.id);

    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    // The old cookie no longer works even if a client kept it: the session is revoked server-side.
    const replay = await anonymous.get<Problem>('/api/v1/me', { headers: { cookie } });
    expect(replay.status).toBe(401);
  });

  it('records sign-ins and failed sign-ins in the audit log', async () => {
    const client = new ApiClient(server.url);
    await client.post('/api/v1/auth/login', {
      email: tenant.admin.email,
      password: 'wrong password here',
    });
    await client.signIn(tenant.admin.email, TEST_PASSWORD);
    const audit = await tenant.client.get<{ items: { action: string; entityId: string }[] }>(
      `/api/v1/audit?entityType=user&entityId=${tenant.admin.id}`,
    );
    const actions = audit.body.items.map((entry) => entry.action);
    expect(actions).toContain('sign_in');
    expect(actions).toContain('sign_in_failed');
  });
});
