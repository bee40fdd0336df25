import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
import { snapshot } from '../support/counts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { createFixtures, threeStages, unique } from '../support/fixtures.js';
import type { Fixtures } from '../support/fixtures.js';
import { nonNull, operations, wrongTypeValue } from '../support/openapi.js';
import type { OpenApiDocument, Operation } from '../support/openapi.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * Every endpoint that takes a body, discovered from the OpenAPI document (so a new endpoint
 * without a case here fails the suite), is sent malformed JSON, the wrong shape, unknown
 * fields, wrong types for each field, oversize strings and references to another tenant's
 * records. Each must answer 4xx with a problem body and leave the database exactly as it
 * was. Finally the valid body must succeed, proving the case can fail.
 */
interface Case {
  /** Concrete path (ids filled in) and a valid body, built when the test runs. */
  build(
    f: Fixtures,
    version: (path: string) => Promise<number>,
    adminEmail: string,
  ): Promise<{ path: string; body: Record<string, unknown> }>;
  /** Which entity each id field references, for the cross-tenant substitution. */
  refs: Record<string, keyof Fixtures>;
}

const v1 = '/api/v1';

const cases: Record<string, Case> = {
  signIn: {
    build: (_f, _version, adminEmail) =>
      Promise.resolve({
        path: `${v1}/auth/login`,
        body: { email: adminEmail, password: TEST_PASSWORD },
      }),
    refs: {},
  },
  updateTenant: {
    build: async (_f, version) => ({
      path: `${v1}/tenant`,
      body: { version: await version(`${v1}/tenant`), name: 'Renamed' },
    }),
    refs: {},
  },
  createUser: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/users`,
        body: { email: `${unique('u')}@example.test`, name: 'New', role: 'rep', teamId: f.teamId },
      }),
    refs: { teamId: 'teamId' },
  },
  updateUser: {
    build: async (f, version) => {
      const path = `${v1}/users/${f.userId}`;
      return { path, body: { version: await version(path), name: 'Renamed', teamId: f.teamId } };
    },
    refs: { teamId: 'teamId' },
  },
  createTeam: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/teams`,
        body: { name: 'T', parentId: f.teamId, managerId: f.userId },
      }),
    refs: { parentId: 'teamId', managerId: 'userId' },
  },
  updateTeam: {
    build: async (f, version) => {
      const path = `${v1}/teams/${f.team2Id}`;
      return {
        path,
        body: { version: await version(path), name: 'T2', parentId: f.teamId, managerId: f.userId },
      };
    },
    refs: { parentId: 'teamId', managerId: 'userId' },
  },
  createPool: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/pools`,
        body: { name: 'P', teamId: f.teamId, region: '上海' },
      }),
    refs: { teamId: 'teamId' },
  },
  updatePool: {
    build: async (f, version) => {
      const path = `${v1}/pools/${f.poolId}`;
      return { path, body: { version: await version(path), name: 'P2', teamId: f.teamId } };
    },
    refs: { teamId: 'teamId' },
  },
  createAccount: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/accounts`,
        body: { name: 'Acme', parentId: f.accountId, ownerId: f.userId },
      }),
    refs: { parentId: 'accountId', ownerId: 'userId', poolId: 'poolId' },
  },
  updateAccount: {
    build: async (f, version) => {
      const path = `${v1}/accounts/${f.account2Id}`;
      return {
        path,
        body: {
          version: await version(path),
          name: 'Acme 2',
          parentId: f.accountId,
          ownerId: f.userId,
        },
      };
    },
    refs: { parentId: 'accountId', ownerId: 'userId', poolId: 'poolId' },
  },
  createContact: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/contacts`,
        body: { accountId: f.accountId, name: 'C', reportsToId: f.contactId, ownerId: f.userId },
      }),
    refs: { accountId: 'accountId', reportsToId: 'contactId', ownerId: 'userId' },
  },
  updateContact: {
    build: async (f, version) => {
      const path = `${v1}/contacts/${f.contact2Id}`;
      return {
        path,
        body: {
          version: await version(path),
          name: 'C2',
          accountId: f.accountId,
          reportsToId: f.contactId,
        },
      };
    },
    refs: { accountId: 'accountId', reportsToId: 'contactId', ownerId: 'userId' },
  },
  createLead: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/leads`,
        body: { name: 'L', source: 'event', ownerId: f.userId },
      }),
    refs: { ownerId: 'userId', poolId: 'poolId' },
  },
  updateLead: {
    build: async (f, version) => {
      const path = `${v1}/leads/${f.leadId}`;
      return { path, body: { version: await version(path), name: 'L2', poolId: f.poolId } };
    },
    refs: { ownerId: 'userId', poolId: 'poolId' },
  },
  createPipeline: {
    build: () =>
      Promise.resolve({
        path: `${v1}/pipelines`,
        body: { key: unique('k'), nameZh: '新', nameEn: 'New', stages: threeStages },
      }),
    refs: {},
  },
  updatePipeline: {
    build: async (f, version) => {
      const path = `${v1}/pipelines/${f.pipeline2Id}`;
      return { path, body: { version: await version(path), nameEn: 'Renamed' } };
    },
    refs: {},
  },
  createOpportunity: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/opportunities`,
        body: {
          name: 'Deal',
          accountId: f.accountId,
          primaryContactId: f.contactId,
          ownerId: f.userId,
          pipelineId: f.pipelineId,
          sourceLeadId: f.leadId,
          amount: { amountMinor: 1_000_00, currency: 'CNY' },
        },
      }),
    refs: {
      accountId: 'accountId',
      primaryContactId: 'contactId',
      ownerId: 'userId',
      pipelineId: 'pipelineId',
      sourceLeadId: 'leadId',
    },
  },
  updateOpportunity: {
    build: async (f, version) => {
      const path = `${v1}/opportunities/${f.opportunityId}`;
      return {
        path,
        body: {
          version: await version(path),
          name: 'Deal 2',
          accountId: f.accountId,
          ownerId: f.userId,
        },
      };
    },
    refs: {
      accountId: 'accountId',
      primaryContactId: 'contactId',
      ownerId: 'userId',
      sourceLeadId: 'leadId',
    },
  },
  moveOpportunity: {
    build: async (f, version) => {
      const path = `${v1}/opportunities/${f.opportunityId}`;
      return {
        path: `${path}/move`,
        body: { version: await version(path), stageId: f.stageIds[1] },
      };
    },
    refs: {},
  },
  createActivity: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/activities`,
        body: {
          type: 'visit',
          subject: 'Visit',
          opportunityId: f.opportunityId,
          contactId: f.contactId,
        },
      }),
    refs: {
      leadId: 'leadId',
      opportunityId: 'opportunityId',
      accountId: 'accountId',
      contactId: 'contactId',
    },
  },
  updateActivity: {
    build: async (f, version) => {
      const path = `${v1}/activities/${f.activityId}`;
      return {
        path,
        body: { version: await version(path), subject: 'Call 2', accountId: f.accountId },
      };
    },
    refs: {
      leadId: 'leadId',
      opportunityId: 'opportunityId',
      accountId: 'accountId',
      contactId: 'contactId',
    },
  },
  createTask: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/tasks`,
        body: { title: 'Send proposal', opportunityId: f.opportunityId, assigneeId: f.userId },
      }),
    refs: {
      leadId: 'leadId',
      opportunityId: 'opportunityId',
      accountId: 'accountId',
      contactId: 'contactId',
      assigneeId: 'userId',
    },
  },
  changeMyPassword: {
    build: () =>
      Promise.resolve({
        path: `${v1}/me/password`,
        body: { currentPassword: TEST_PASSWORD, newPassword: `${TEST_PASSWORD} and more` },
      }),
    refs: {},
  },
  createMyApiToken: {
    build: () => Promise.resolve({ path: `${v1}/me/tokens`, body: { name: 'integration' } }),
    refs: {},
  },
  addOpportunityMember: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/opportunities/${f.opportunityId}/members`,
        body: { userId: f.adminId, role: 'presales' },
      }),
    refs: { userId: 'userId' },
  },
  resetUserPassword: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/users/${f.userId}/password`,
        body: { newPassword: 'a brand new passphrase' },
      }),
    refs: {},
  },
  // Disable, then enable again: last, because disabling hands the user's records over.
  disableUser: {
    build: async (f, version) => ({
      path: `${v1}/users/${f.userId}/disable`,
      body: { version: await version(`${v1}/users/${f.userId}`), transferTo: f.adminId },
    }),
    refs: { transferTo: 'userId', poolId: 'poolId' },
  },
  enableUser: {
    build: async (f, version) => ({
      path: `${v1}/users/${f.userId}/enable`,
      body: { version: await version(`${v1}/users/${f.userId}`) },
    }),
    refs: {},
  },
  updateTask: {
    build: async (f, version) => {
      const path = `${v1}/tasks/${f.taskId}`;
      return { path, body: { version: await version(path), status: 'done', assigneeId: f.userId } };
    },
    refs: {
      leadId: 'leadId',
      opportunityId: 'opportunityId',
      accountId: 'accountId',
      contactId: 'contactId',
      assigneeId: 'userId',
    },
  },
};

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
    expect(bodyOperations.map((op) => op.operationId).filter((id) => !(id in cases))).toEqual([]);
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

  it.each(Object.keys(cases))('%s', async (operationId) => {
    const op = bodyOperations.find((candidate) => candidate.operationId === operationId);
    const testCase = cases[operationId];
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
    if (/\/[0-9a-f-]{36}(\/(move|members|disable|enable|password))?$/.test(path)) {
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

function foreignIdFor(path: string, f: Fixtures): string {
  if (path.includes('/users/')) return f.userId;
  if (path.includes('/teams/')) return f.team2Id;
  if (path.includes('/pools/')) return f.poolId;
  if (path.includes('/accounts/')) return f.account2Id;
  if (path.includes('/contacts/')) return f.contact2Id;
  if (path.includes('/leads/')) return f.leadId;
  if (path.includes('/pipelines/')) return f.pipeline2Id;
  if (path.includes('/opportunities/')) return f.opportunityId;
  if (path.includes('/activities/')) return f.activityId;
  if (path.includes('/tasks/')) return f.taskId;
  throw new Error(`no foreign id for ${path}`);
}
