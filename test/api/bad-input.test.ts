import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
import { snapshot } from '../support/counts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { createFixtures } from '../support/fixtures.js';
import { bodyCases, foreignIdFor } from '../support/operation-cases.js';
import type { Fixtures } from '../support/fixtures.js';
import { nonNull, operations, wrongTypeValue } from '../support/openapi.js';
import type { OpenApiDocument, Operation } from '../support/openapi.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Every endpoint that takes a body, discovered from the OpenAPI document (so a new endpoint
 * without a case here fails the suite), is sent malformed JSON, the wrong shape, unknown
 * fields, wrong types for each field, oversize strings and references to another tenant's
 * records. Each must answer 4xx with a problem body and leave the database exactly as it
 * was. Finally the valid body must succeed, proving the case can fail.
 */
describe.each(dialectsUnderTest())('bad input is refused and writes nothing ($name)', (dialect) => {
  let server: TestServer;
  let a: TestTenant;
  let fixturesA: Fixtures;
  let fixturesB: Fixtures;
  let doc: OpenApiDocument;
  let bodyOperations: Operation[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    a = await createTestTenant(server);
    const b = await createTestTenant(server);
    fixturesA = await createFixtures(a.client);
    fixturesB = await createFixtures(b.client);
    doc = (await a.client.get<OpenApiDocument>('/api/openapi.json')).body;
    bodyOperations = operations(doc).filter((op) => op.body !== null);
  });
  afterAll(async () => server?.close());

  it('has a case for every endpoint that takes a body', () => {
    expect(bodyOperations.length).toBeGreaterThan(20);
    expect(bodyOperations.map((op) => op.operationId).filter((id) => !(id in bodyCases))).toEqual(
      [],
    );
  });

  const version = (client: ApiClient) => async (path: string) => {
    const response = await client.get<{ version: number }>(path);
    expect(response.status).toBe(200);
    return response.body.version;
  };

  async function expectRefusedWithoutWrites(
    client: ApiClient,
    method: string,
    path: string,
    body: unknown,
    statuses: number[],
    label: string,
    rawBody?: string,
  ): Promise<void> {
    const before = await snapshot(server.runtime.store);
    const response = await client.request<{ code?: string }>(
      method,
      path,
      body,
      rawBody ? { rawBody, headers: { 'content-type': 'application/json' } } : {},
    );
    expect(statuses, `${label}: ${response.status} ${JSON.stringify(response.body)}`).toContain(
      response.status,
    );
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(typeof response.body.code).toBe('string');
    expect(await snapshot(server.runtime.store), `${label} wrote something`).toEqual(before);
  }

  it.each(Object.keys(bodyCases))('%s', async (operationId) => {
    const op = bodyOperations.find((candidate) => candidate.operationId === operationId);
    const testCase = bodyCases[operationId];
    if (!op?.body || !testCase)
      throw new Error(`no operation ${operationId} in the OpenAPI document`);
    const { path, body } = await testCase.build(fixturesA, version(a.client), a.admin.email);
    const send = (payload: unknown, statuses: number[], label: string, raw?: string) =>
      expectRefusedWithoutWrites(
        a.client,
        op.method,
        path,
        payload,
        statuses,
        `${operationId} ${label}`,
        raw,
      );

    await send(undefined, [400], 'malformed JSON', '{"not json');
    await send([body], [400], 'array instead of object');
    await send({ ...body, unexpectedField: 1 }, [400], 'unknown field');
    for (const [field, schema] of Object.entries(op.body.properties ?? {})) {
      const fieldSchema = nonNull(doc, schema);
      await send(
        { ...body, [field]: wrongTypeValue(fieldSchema) },
        [400],
        `wrong type for ${field}`,
      );
      if (fieldSchema.maxLength !== undefined && fieldSchema.maxLength < 100_000) {
        await send(
          { ...body, [field]: 'x'.repeat(fieldSchema.maxLength + 1) },
          [400],
          `oversize ${field}`,
        );
      }
    }
    for (const [field, fixture] of Object.entries(testCase.refs)) {
      const foreign = fixturesB[fixture];
      await send({ ...body, [field]: foreign }, [404, 422], `other tenant's ${field}`);
    }
    if (
      /\/[0-9a-f-]{36}(\/(move|close|members|splits|disable|enable|password|evaluations|playbook|approve|reject|cancel))?$/.test(
        path,
      )
    ) {
      const foreignPath = path.replace(/[0-9a-f-]{36}/, foreignIdFor(path, fixturesB));
      await expectRefusedWithoutWrites(
        a.client,
        op.method,
        foreignPath,
        body,
        [404],
        `${operationId} other tenant's record`,
      );
    }

    // The valid body is accepted: the refusals above were about what we changed.
    const ok = await a.client.request(op.method, path, body);
    expect([200, 201, 204], `${operationId} valid body: ${JSON.stringify(ok.body)}`).toContain(
      ok.status,
    );
  });
});
