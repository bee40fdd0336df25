import { expect } from 'vitest';
import type { ApiClient } from './client.js';

interface WithId {
  id: string;
  version: number;
}

interface PipelineBody extends WithId {
  stages: { id: string; key: string; kind: string }[];
}

/** One record of every kind, created over the API, for tests that need something to point at. */
export interface Fixtures {
  readonly adminId: string;
  readonly sessionId: string;
  readonly tokenId: string;
  readonly userId: string;
  readonly teamId: string;
  readonly team2Id: string;
  readonly poolId: string;
  readonly accountId: string;
  readonly account2Id: string;
  readonly contactId: string;
  readonly contact2Id: string;
  readonly leadId: string;
  readonly pipelineId: string;
  readonly pipeline2Id: string;
  readonly stageIds: string[];
  readonly opportunityId: string;
  readonly activityId: string;
  readonly taskId: string;
}

export async function created<T extends { id: string }>(
  promise: Promise<{ status: number; body: unknown }>,
): Promise<T> {
  const response = await promise;
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as T;
}

export const threeStages = [
  {
    key: 'open',
    nameZh: '进行中',
    nameEn: 'Open',
    kind: 'open',
    probability: 20,
    forecastCategory: 'pipeline',
  },
  {
    key: 'won',
    nameZh: '赢单',
    nameEn: 'Won',
    kind: 'won',
    probability: 100,
    forecastCategory: 'closed',
  },
  {
    key: 'lost',
    nameZh: '输单',
    nameEn: 'Lost',
    kind: 'lost',
    probability: 0,
    forecastCategory: 'omitted',
  },
];

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;

export async function createFixtures(client: ApiClient): Promise<Fixtures> {
  const team = await created(client.post('/api/v1/teams', { name: unique('team') }));
  const team2 = await created(
    client.post('/api/v1/teams', { name: unique('team'), parentId: team.id }),
  );
  const user = await created(
    client.post('/api/v1/users', {
      email: `${unique('rep')}@example.test`,
      name: 'Rep',
      role: 'rep',
      teamId: team.id,
    }),
  );
  const pool = await created(
    client.post('/api/v1/pools', { name: unique('pool'), teamId: team.id }),
  );
  const account = await created(
    client.post('/api/v1/accounts', { name: unique('account'), ownerId: user.id }),
  );
  const account2 = await created(
    client.post('/api/v1/accounts', { name: unique('account'), parentId: account.id }),
  );
  const contact = await created(
    client.post('/api/v1/contacts', { accountId: account.id, name: 'Boss' }),
  );
  const contact2 = await created(
    client.post('/api/v1/contacts', {
      accountId: account.id,
      name: 'Staff',
      reportsToId: contact.id,
    }),
  );
  const lead = await created(client.post('/api/v1/leads', { name: 'Lead', source: 'website' }));
  const pipelines = await client.get<{ items: PipelineBody[] }>('/api/v1/pipelines');
  const pipeline = pipelines.body.items[0];
  if (!pipeline) throw new Error('tenant has no default pipeline');
  const pipeline2 = await created<PipelineBody>(
    client.post('/api/v1/pipelines', {
      key: unique('p'),
      nameZh: '二',
      nameEn: 'Two',
      stages: threeStages,
    }),
  );
  const opportunity = await created(
    client.post('/api/v1/opportunities', {
      name: 'Deal',
      accountId: account.id,
      primaryContactId: contact.id,
    }),
  );
  const activity = await created(
    client.post('/api/v1/activities', {
      type: 'call',
      subject: 'Call',
      opportunityId: opportunity.id,
    }),
  );
  const task = await created(
    client.post('/api/v1/tasks', { title: 'Follow up', opportunityId: opportunity.id }),
  );
  const me = await client.get<{ user: { id: string } }>('/api/v1/me');
  const sessions = await client.get<{ id: string }[]>('/api/v1/me/sessions');
  const token = await client.post<{ apiToken: { id: string } }>('/api/v1/me/tokens', {
    name: 'fixture',
  });
  return {
    adminId: me.body.user.id,
    sessionId: sessions.body[0]?.id ?? '',
    tokenId: token.body.apiToken.id,
    userId: user.id,
    teamId: team.id,
    team2Id: team2.id,
    poolId: pool.id,
    accountId: account.id,
    account2Id: account2.id,
    contactId: contact.id,
    contact2Id: contact2.id,
    leadId: lead.id,
    pipelineId: pipeline.id,
    pipeline2Id: pipeline2.id,
    stageIds: pipeline.stages.map((stage) => stage.id),
    opportunityId: opportunity.id,
    activityId: activity.id,
    taskId: task.id,
  };
}
