import { expect } from 'vitest';
import { stringify } from 'yaml';
import { ApiClient } from './client.js';
import { createQuoteFixtures } from './quote-fixtures.js';
import type { QuoteFixtureIds } from './quote-fixtures.js';
import { createCatalogFixtures } from './catalog-fixtures.js';
import type { CatalogFixtureIds } from './catalog-fixtures.js';
import { createContractFixtures } from './contract-fixtures.js';
import type { ContractFixtureIds } from './contract-fixtures.js';
import { TEST_PASSWORD } from './tenants.js';

interface WithId {
  id: string;
  version: number;
}

interface PipelineBody extends WithId {
  stages: { id: string; key: string; kind: string }[];
}

/** One record of every kind, created over the API, for tests that need something to point at. */
export interface Fixtures extends CatalogFixtureIds, ContractFixtureIds {
  readonly adminId: string;
  /** A pipeline with key actions and an approval-gated second stage. */
  readonly gatedPipelineId: string;
  /** Deals in the gated pipeline, each with a pending approval (approve, reject, cancel). */
  readonly approvalIds: readonly string[];
  readonly gatedOpportunityId: string;
  readonly closeReasonId: string;
  readonly customFieldId: string;
  readonly attachmentId: string;
  readonly sessionId: string;
  readonly tokenId: string;
  /** A finished import of two leads, one of them refused (so it has an error report). */
  readonly importId: string;
  /** A notification in the admin's inbox (another admin assigned them a lead). */
  readonly notificationId: string;
  /** Open pairs of duplicate leads: [to dismiss, to merge]. */
  readonly duplicateIds: readonly string[];
  readonly userId: string;
  readonly teamId: string;
  readonly team2Id: string;
  readonly poolId: string;
  readonly accountId: string;
  readonly account2Id: string;
  readonly contactId: string;
  readonly contact2Id: string;
  readonly leadId: string;
  /** A second lead, for the conversion (converting the first would end its other uses). */
  readonly lead2Id: string;
  /** A web form (owned by the admin) and its token, for the public submission endpoint. */
  readonly leadFormId: string;
  readonly leadFormToken: string;
  /** A lead and an account waiting in the public pool `poolId` (ownership endpoints). */
  readonly pooledLeadId: string;
  readonly pooledAccountId: string;
  readonly pipelineId: string;
  readonly pipeline2Id: string;
  readonly stageIds: string[];
  readonly opportunityId: string;
  readonly activityId: string;
  readonly taskId: string;
  /** A quota of `userId` for the first quarter of 2099. */
  readonly targetId: string;
  /** A private board view of the admin's. */
  readonly savedViewId: string;
  /** A webhook endpoint (at a closed port: no suite here dispatches) and a queued ping to it. */
  readonly deliveryEndpointId: string;
  readonly deliveryId: string;
  /** A draft template experiment on opportunities, and a running script experiment. */
  readonly experimentId: string;
  /** A (disabled) automation rule: notify the owner when a deal is created. */
  readonly automationRuleId: string;
  readonly runningExperimentId: string;
  /** Quotes (of a deal of their own) in the states the quote operations start from. */
  readonly quoteIds: QuoteFixtureIds;
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

/** A minimal pipeline file (YAML) with the three stages above, for the file endpoints. */
export function threeStageFile(key: string): string {
  return stringify({ key, nameZh: '文件', nameEn: 'From a file', stages: threeStages });
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;

/** Someone else assigns the admin a lead, which puts a notification in their inbox. */
async function adminNotification(client: ApiClient, poolId: string): Promise<string> {
  const email = `${unique('admin')}@example.test`;
  await created(
    client.post('/api/v1/users', {
      email,
      name: 'Second admin',
      role: 'admin',
      password: TEST_PASSWORD,
    }),
  );
  const other = await new ApiClient(client.baseUrl).signIn(email, TEST_PASSWORD);
  const me = await client.get<{ user: { id: string } }>('/api/v1/me');
  const lead = await created<WithId>(
    client.post('/api/v1/leads', { name: 'Assigned', source: 'event', poolId }),
  );
  const assigned = await other.post(`/api/v1/leads/${lead.id}/ownership`, {
    version: lead.version,
    action: 'assign',
    toUserId: me.body.user.id,
    reason: 'fixture',
  });
  if (assigned.status !== 200) throw new Error(`assign failed: ${JSON.stringify(assigned.body)}`);
  const inbox = await client.get<{ items: { id: string }[] }>('/api/v1/notifications');
  const id = inbox.body.items[0]?.id;
  if (!id) throw new Error('no notification for the admin');
  return id;
}

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
  const lead2 = await created(
    client.post('/api/v1/leads', { name: 'Lead 2', company: 'Lead Co', source: 'referral' }),
  );
  const leadForm = await client.post<{ form: { id: string }; token: string }>(
    '/api/v1/lead-forms',
    { name: unique('form'), campaign: 'fixture' },
  );
  if (leadForm.status !== 201) throw new Error(`form failed: ${JSON.stringify(leadForm.body)}`);
  const pooledLead = await created(
    client.post('/api/v1/leads', { name: 'Pooled', source: 'event', poolId: pool.id }),
  );
  const pooledAccount = await created(
    client.post('/api/v1/accounts', { name: unique('pooled'), poolId: pool.id }),
  );
  // The fixtures point at records; the gates of the tenant's B2B template are not theirs to
  // satisfy, so the default pipeline here is the ungated one with the same stage keys.
  const pipeline = await createUngatedDefaultPipeline(client);
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
  const engine = await createEngineFixtures(client, account.id);
  const target = await created(
    client.post('/api/v1/targets', {
      subjectType: 'user',
      subjectId: user.id,
      periodStart: '2099-01-01',
      periodEnd: '2099-03-31',
      amountMinor: 100_000,
      currency: 'CNY',
    }),
  );
  const savedView = await created(
    client.post('/api/v1/saved-views', { kind: 'board', name: unique('fixture view') }),
  );
  const me = await client.get<{ user: { id: string } }>('/api/v1/me');
  const sessions = await client.get<{ id: string }[]>('/api/v1/me/sessions');
  const token = await client.post<{ apiToken: { id: string } }>('/api/v1/me/tokens', {
    name: 'fixture',
  });
  const imported = await client.uploadWith<{ id: string }>('/api/v1/imports/leads', {
    name: 'leads.csv',
    content: 'name,source\nImported lead,event\n,website\n',
  });
  if (imported.status !== 201) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  const duplicateIds = await createDuplicatePairs(client);
  const notificationId = await adminNotification(client, pool.id);
  const endpoint = await client.post<{ endpoint: { id: string } }>('/api/v1/delivery-endpoints', {
    channel: 'webhook',
    name: unique('fixture hook'),
    url: 'http://127.0.0.1:9/hooks',
  });
  if (endpoint.status !== 201) throw new Error(`endpoint failed: ${JSON.stringify(endpoint.body)}`);
  const ping = await client.post<{ deliveryId: string }>(
    `/api/v1/delivery-endpoints/${endpoint.body.endpoint.id}/ping`,
  );
  if (ping.status !== 202) throw new Error(`ping failed: ${JSON.stringify(ping.body)}`);
  const [experiment, runningExperiment] = await createExperiments(client);
  const automationRule = await created<{ id: string }>(
    client.post('/api/v1/automation/rules', {
      name: unique('fixture rule'),
      enabled: false,
      trigger: { type: 'created' },
      actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'new deal' }],
    }),
  );
  return {
    ...engine,
    adminId: me.body.user.id,
    sessionId: sessions.body[0]?.id ?? '',
    tokenId: token.body.apiToken.id,
    importId: imported.body.id,
    duplicateIds,
    notificationId,
    deliveryEndpointId: endpoint.body.endpoint.id,
    deliveryId: ping.body.deliveryId,
    experimentId: experiment,
    automationRuleId: automationRule.id,
    runningExperimentId: runningExperiment,
    userId: user.id,
    teamId: team.id,
    team2Id: team2.id,
    poolId: pool.id,
    accountId: account.id,
    account2Id: account2.id,
    contactId: contact.id,
    contact2Id: contact2.id,
    leadId: lead.id,
    lead2Id: lead2.id,
    leadFormId: leadForm.body.form.id,
    leadFormToken: leadForm.body.token,
    pooledLeadId: pooledLead.id,
    pooledAccountId: pooledAccount.id,
    pipelineId: pipeline.id,
    pipeline2Id: pipeline2.id,
    stageIds: pipeline.stages.map((stage) => stage.id),
    opportunityId: opportunity.id,
    activityId: activity.id,
    taskId: task.id,
    targetId: target.id,
    savedViewId: savedView.id,
    quoteIds: await createQuoteFixtures(client, account.id),
    ...(await createCatalogFixtures(client)),
    ...(await createContractFixtures(client)),
  };
}

/** A draft experiment (template) and a running one (script), both on opportunities. */
async function createExperiments(client: ApiClient): Promise<[string, string]> {
  const ids: string[] = [];
  for (const subject of ['template', 'script']) {
    const experiment = await created<WithId>(
      client.post('/api/v1/experiments', {
        name: unique(subject),
        subject,
        population: 'opportunities',
        variants: ['a', 'b'].map((key) => ({
          key,
          name: key,
          weight: 5000,
          content: { kind: 'text', text: `${subject} ${key}` },
        })),
      }),
    );
    ids.push(experiment.id);
  }
  const [draft = '', running = ''] = ids;
  const started = await client.post(`/api/v1/experiments/${running}/start`, { version: 1 });
  if (started.status !== 200) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  return [draft, running];
}

/** Two pairs of leads sharing an e-mail address, as the review queue lists them. */
async function createDuplicatePairs(client: ApiClient): Promise<string[]> {
  const ids: string[] = [];
  for (const name of ['dismiss', 'merge']) {
    const email = `${unique(name)}@dup.example`;
    const leads: { id: string }[] = [];
    for (const who of ['张三', '张 三'])
      leads.push(
        await created(client.post('/api/v1/leads', { name: who, source: 'event', email })),
      );
    const queue = await client.get<{ items: { id: string; left: { id: string } }[] }>(
      '/api/v1/duplicates?entityType=lead&limit=200',
    );
    const pair = queue.body.items.find((item) => leads.some((lead) => lead.id === item.left.id));
    if (!pair) throw new Error(`no duplicate pair: ${JSON.stringify(queue.body)}`);
    ids.push(pair.id);
  }
  return ids;
}

/**
 * The B2B stage keys without any standards and with skipping allowed: for tests about
 * moving, history and lists, where the gates of the real template would only be noise.
 * Made the tenant's default so deals land in it.
 */
export async function createUngatedDefaultPipeline(
  client: ApiClient,
): Promise<{ id: string; stages: { id: string; key: string }[] }> {
  const stage = (key: string, kind: string, probability: number, forecastCategory: string) => ({
    key,
    nameZh: key,
    nameEn: key,
    kind,
    probability,
    forecastCategory,
  });
  return created(
    client.post('/api/v1/pipelines', {
      key: unique('ungated'),
      nameZh: '无门禁',
      nameEn: 'Ungated',
      isDefault: true,
      allowSkip: true,
      stages: [
        stage('initial-contact', 'open', 10, 'pipeline'),
        stage('needs-confirmed', 'open', 30, 'pipeline'),
        stage('solution', 'open', 50, 'best_case'),
        stage('negotiation', 'open', 80, 'commit'),
        stage('won', 'won', 100, 'closed'),
        stage('lost', 'lost', 0, 'omitted'),
      ],
    }),
  );
}

/** A PDF's first bytes: enough for the content check to recognise it. */
export const TINY_PDF = '%PDF-1.4\n%fixture\n';

/**
 * The pipeline engine's records: a gated pipeline (key actions `kickoff` and `demo`, a
 * manager sign-off to enter its second stage), three deals waiting for that sign-off, a
 * ticked key action, an attachment, a custom field and the tenant's close reasons.
 */
async function createEngineFixtures(client: ApiClient, accountId: string) {
  const field = await created(
    client.post('/api/v1/custom-fields', {
      key: unique('f').replace(/-/g, '_'),
      labelZh: '预算确认',
      labelEn: 'Budget confirmed',
      type: 'boolean',
    }),
  );
  const gated = await created<PipelineBody>(
    client.post('/api/v1/pipelines', {
      key: unique('gated'),
      nameZh: '门禁',
      nameEn: 'Gated',
      stages: [
        {
          key: 'start',
          nameZh: '开始',
          nameEn: 'Start',
          kind: 'open',
          probability: 10,
          forecastCategory: 'pipeline',
          actions: [
            { key: 'kickoff', nameZh: '启动', nameEn: 'Kick-off', required: false },
            { key: 'demo', nameZh: '演示', nameEn: 'Demo', required: false },
          ],
          materials: [{ key: 'deck', titleZh: '方案', titleEn: 'Deck', url: null }],
        },
        {
          key: 'signed',
          nameZh: '签约',
          nameEn: 'Signed',
          kind: 'open',
          probability: 80,
          forecastCategory: 'commit',
          approval: { approver: 'manager' },
        },
        ...threeStages.slice(1),
      ],
    }),
  );
  const [start, signed] = gated.stages;
  const approvalIds: string[] = [];
  let gatedOpportunityId = '';
  for (let i = 0; i < 3; i++) {
    const deal = await created<{ id: string; version: number }>(
      client.post('/api/v1/opportunities', { name: `Gated ${i}`, accountId, pipelineId: gated.id }),
    );
    gatedOpportunityId ||= deal.id;
    const waiting = await client.post<{ approval: { id: string } }>(
      `/api/v1/opportunities/${deal.id}/move`,
      {
        version: deal.version,
        stageId: signed?.id,
      },
    );
    if (waiting.status !== 202)
      throw new Error(`expected a pending approval: ${JSON.stringify(waiting.body)}`);
    approvalIds.push(waiting.body.approval.id);
  }
  await created(
    client.post(`/api/v1/opportunities/${gatedOpportunityId}/playbook`, {
      kind: 'action',
      key: 'kickoff',
    }),
  );
  const upload = await client.upload<{ id: string }>(
    `/api/v1/opportunities/${gatedOpportunityId}/attachments?type=proposal`,
    'plan.pdf',
    TINY_PDF,
  );
  if (upload.status !== 201) throw new Error(`upload failed: ${JSON.stringify(upload.body)}`);
  const reasons = await client.get<{ id: string; outcome: string }[]>('/api/v1/close-reasons');
  return {
    gatedPipelineId: gated.id,
    gatedStartStageId: start?.id ?? '',
    approvalIds,
    gatedOpportunityId,
    closeReasonId: reasons.body.find((r) => r.outcome === 'lost')?.id ?? '',
    customFieldId: field.id,
    attachmentId: upload.body.id,
  };
}
