import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../support/counts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { createFixtures } from '../support/fixtures.js';
import type { Fixtures } from '../support/fixtures.js';
import { bodyCases, foreignIdFor } from '../support/operation-cases.js';
import { nonNull, operations } from '../support/openapi.js';
import type { OpenApiDocument, Operation } from '../support/openapi.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Tenant isolation, generated from the OpenAPI document so a new route is covered the day
 * it is added: for every /api/v1 operation, tenant A's admin (who may see and do everything
 * in A) puts tenant B's ids in the path, in each id-typed query parameter and in each
 * id-typed body field, and must get 404 or 422 — never B's data — with nothing written.
 */

/** Which of tenant B's records an id-typed field or parameter should point at. */
function foreignReference(name: string, path: string, b: Fixtures): string {
  const byName: Record<string, string | undefined> = {
    accountId: b.accountId,
    contactId: b.contactId,
    primaryContactId: b.contactId,
    reportsToId: b.contactId,
    leadId: b.leadId,
    sourceLeadId: b.leadId,
    opportunityId: b.opportunityId,
    pipelineId: b.pipelineId,
    stageId: b.stageIds[1],
    poolId: b.poolId,
    teamId: b.teamId,
    userId: b.userId,
    ownerId: b.userId,
    ownerIds: b.userId,
    managerId: b.userId,
    assigneeId: b.userId,
    actorId: b.userId,
    transferTo: b.userId,
    toUserId: b.userId,
    delegateId: b.userId,
    toPoolId: b.poolId,
    subjectId: b.userId,
    ruleId: b.automationRuleId,
    productId: b.productId,
    contractId: b.contractId,
    originContractId: b.contractId,
    orderId: b.orderId,
    priceBookId: b.priceBookId,
    entityId: b.opportunityId,
    parentId: path.includes('/teams') ? b.teamId : b.accountId,
  };
  const id = byName[name];
  if (!id)
    throw new Error(`no foreign reference for "${name}" on ${path}: extend foreignReference`);
  return id;
}

const isIdSchema = (doc: OpenApiDocument, schema: Parameters<typeof nonNull>[1]) =>
  nonNull(doc, schema).format === 'uuid';

describe.each(dialectsUnderTest())('tenant isolation matrix ($name)', (dialect) => {
  let server: TestServer;
  let a: TestTenant;
  let fixturesA: Fixtures;
  let fixturesB: Fixtures;
  let doc: OpenApiDocument;
  let routes: Operation[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    a = await createTestTenant(server);
    const b = await createTestTenant(server);
    fixturesA = await createFixtures(a.client);
    fixturesB = await createFixtures(b.client);
    doc = (await a.client.get<OpenApiDocument>('/api/openapi.json')).body;
    routes = operations(doc).filter(
      (op) => op.path.startsWith('/api/v1/') && op.operationId !== 'signIn',
    );
  });
  afterAll(async () => server?.close());

  /** A concrete request for the operation in tenant A: ids filled in, a valid body. */
  async function requestFor(
    op: Operation,
  ): Promise<{ path: string; body: Record<string, unknown> | undefined }> {
    const version = async (path: string) =>
      (await a.client.get<{ version: number }>(path)).body.version;
    const testCase = bodyCases[op.operationId];
    if (op.body) {
      if (!testCase) throw new Error(`no body case for ${op.operationId}`);
      return testCase.build(fixturesA, version, a.admin.email);
    }
    const path = op.path.replace('{userId}', fixturesA.adminId).replace('{id}', () => {
      const probe = op.path.replace('{id}', '00000000-0000-7000-8000-000000000000');
      return foreignIdFor(probe, fixturesA);
    });
    // Required query parameters (e.g. an upload's `type`) get their first allowed value.
    const query = op.parameters
      .filter((p) => p.in === 'query' && p.required && p.schema?.enum)
      .map((p) => `${p.name}=${String(p.schema?.enum?.[0])}`)
      .join('&');
    return { path: query ? `${path}?${query}` : path, body: undefined };
  }

  async function expectIsolated(
    op: Operation,
    path: string,
    body: unknown,
    label: string,
  ): Promise<void> {
    const before = await snapshot(server.runtime.store);
    const response = await a.client.request<{ code?: string }>(op.method, path, body);
    expect(
      [404, 422],
      `${op.method} ${path} ${label}: ${response.status} ${JSON.stringify(response.body)}`,
    ).toContain(response.status);
    expect(
      await snapshot(server.runtime.store),
      `${op.operationId} ${label} wrote something`,
    ).toEqual(before);
  }

  it('covers every operation of the API', () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it.each(['path', 'query', 'body'] as const)(
    'refuses the other tenant’s ids in the %s of every route',
    async (where) => {
      let checked = 0;
      for (const op of routes) {
        const { path, body } = await requestFor(op);
        if (where === 'path' && /\{(id|userId)\}/.test(op.path)) {
          const foreignPath = op.path
            .replace('{kind}', 'action')
            .replace('{key}', 'kickoff')
            .replace('{id}', foreignIdFor(path, fixturesB))
            .replace('{userId}', fixturesB.userId);
          const query = path.includes('?') ? path.slice(path.indexOf('?')) : '';
          await expectIsolated(op, foreignPath + query, body, 'path');
          checked++;
        }
        if (where === 'query') {
          for (const parameter of op.parameters.filter(
            (p) => p.in === 'query' && p.schema && isIdSchema(doc, p.schema),
          )) {
            const foreign = foreignReference(parameter.name, op.path, fixturesB);
            await expectIsolated(
              op,
              `${path}?${parameter.name}=${foreign}`,
              body,
              `query ${parameter.name}`,
            );
            checked++;
          }
        }
        if (where === 'body' && op.body && body) {
          for (const [field, schema] of Object.entries(op.body.properties ?? {})) {
            if (!isIdSchema(doc, schema) || field === 'id') continue;
            await expectIsolated(
              op,
              path,
              { ...body, [field]: foreignReference(field, op.path, fixturesB) },
              `body ${field}`,
            );
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(10);
    },
  );
});
