import { expect } from 'vitest';
import type { ApiClient } from './client.js';
import { created } from './fixtures.js';
import type { TestServer } from './server.js';
import { tokenClient } from './stalled.js';
import { TEST_PASSWORD } from './tenants.js';
import type { TestTenant } from './tenants.js';

/**
 * The sales organisation the pool, assignment and follow-up suites share: a sales
 * department (销售部) with an East team (a manager and two reps) and a North team (one
 * rep), a separate support department (one rep), and a lead-ops clerk. Every person gets
 * a token client, since these suites move the clock past session lifetimes.
 */
export type Person = 'eastManager' | 'rep1' | 'rep2' | 'northRep' | 'supportRep' | 'leadOps';
export type TeamName = 'sales' | 'east' | 'north' | 'support';

export interface Org {
  readonly admin: ApiClient;
  readonly teams: Record<TeamName, string>;
  readonly ids: Record<Person | 'admin', string>;
  as(person: Person): ApiClient;
  /** The tenant's company-wide pool. */
  readonly defaultPoolId: string;
}

export interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; code: string; message: string }[];
  [extra: string]: unknown;
}

export interface Held {
  id: string;
  version: number;
  ownerId: string | null;
  poolId: string | null;
  lifecycle: string;
  deadlineAt: string | null;
  deadlineLevel: number;
  ownedSince: string | null;
}

export interface HistoryEntry {
  action: string;
  fromOwnerId: string | null;
  toOwnerId: string | null;
  fromPoolId: string | null;
  toPoolId: string | null;
  fromLifecycle: string;
  toLifecycle: string;
  reason: string;
  actorId: string | null;
  at: string;
}

export async function createOrg(server: TestServer, t: TestTenant): Promise<Org> {
  const admin = await tokenClient(server, t.admin.email);
  const team = async (name: string, parentId?: string) =>
    (await created<{ id: string }>(admin.post('/api/v1/teams', { name, parentId }))).id;
  const sales = await team('销售部');
  const teams: Record<TeamName, string> = {
    sales,
    east: await team('华东', sales),
    north: await team('华北', sales),
    support: await team('客服部'),
  };
  const people: [Person, string, TeamName | null][] = [
    ['eastManager', 'manager', 'east'],
    ['rep1', 'rep', 'east'],
    ['rep2', 'rep', 'east'],
    ['northRep', 'rep', 'north'],
    ['supportRep', 'rep', 'support'],
    ['leadOps', 'lead_ops', null],
  ];
  const ids = { admin: t.admin.id } as Record<Person | 'admin', string>;
  const clients = new Map<Person, ApiClient>();
  for (const [name, role, teamName] of people) {
    const email = `${name.toLowerCase()}@${t.tenant.slug}.test`;
    const user = await created<{ id: string }>(
      admin.post('/api/v1/users', {
        email,
        name,
        role,
        teamId: teamName ? teams[teamName] : null,
        password: TEST_PASSWORD,
      }),
    );
    ids[name] = user.id;
    clients.set(name, await tokenClient(server, email));
  }
  const east = await admin.get<{ version: number }>(`/api/v1/teams/${teams.east}`);
  expect(
    (
      await admin.patch(`/api/v1/teams/${teams.east}`, {
        version: east.body.version,
        managerId: ids.eastManager,
      })
    ).status,
  ).toBe(200);
  const pools = await admin.get<{ items: { id: string; isDefault: boolean }[] }>('/api/v1/pools');
  const defaultPoolId = pools.body.items.find((pool) => pool.isDefault)?.id ?? '';
  expect(defaultPoolId).not.toBe('');
  return {
    admin,
    teams,
    ids,
    defaultPoolId,
    as(person) {
      const client = clients.get(person);
      if (!client) throw new Error(person);
      return client;
    },
  };
}

/** A lead waiting in a pool, as lead-ops would put it there. */
export async function pooledLead(
  org: Org,
  poolId: string,
  traits: Record<string, unknown> = {},
): Promise<Held> {
  return created<Held>(
    org.admin.post('/api/v1/leads', { name: '王经理', source: 'website', poolId, ...traits }),
  );
}

/** Sends one ownership change for the record's current version. */
export async function move<T = Held & Partial<Problem>>(
  client: ApiClient,
  kind: 'leads' | 'accounts',
  id: string,
  body: Record<string, unknown>,
  reader: ApiClient = client,
) {
  const current = await reader.get<Held>(`/api/v1/${kind}/${id}`);
  return client.post<T>(`/api/v1/${kind}/${id}/ownership`, {
    version: current.body.version,
    reason: 'test',
    ...body,
  });
}

export async function historyOf(
  client: ApiClient,
  kind: 'leads' | 'accounts',
  id: string,
): Promise<HistoryEntry[]> {
  const response = await client.get<{ items: HistoryEntry[] }>(
    `/api/v1/${kind}/${id}/ownership-history`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items;
}

/** Replaces the tenant settings, keeping what the change does not name. */
export async function setTenantSettings(
  admin: ApiClient,
  change: Record<string, unknown>,
): Promise<void> {
  const tenant = await admin.get<{ version: number; settings: Record<string, unknown> }>(
    '/api/v1/tenant',
  );
  const response = await admin.patch('/api/v1/tenant', {
    version: tenant.body.version,
    settings: { ...tenant.body.settings, ...change },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** Applies a user change (capacity, languages, leave) for the user's current version. */
export async function patchUser(
  admin: ApiClient,
  id: string,
  change: Record<string, unknown>,
): Promise<void> {
  const user = await admin.get<{ version: number }>(`/api/v1/users/${id}`);
  const response = await admin.patch(`/api/v1/users/${id}`, {
    version: user.body.version,
    ...change,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

export const DAY = 86_400_000;
