import type { Fixtures } from './fixtures.js';
import { threeStages, unique } from './fixtures.js';
import { quoteBodyCases } from './quote-cases.js';
import { catalogBodyCases } from './catalog-cases.js';
import { TEST_PASSWORD } from './tenants.js';

/**
 * A valid request for every endpoint that takes a body, keyed by operationId, and which
 * body fields reference which kind of record. The bad-input and isolation suites mutate
 * these; a new endpoint without a case here fails both suites.
 */
export interface Case {
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

/** A disabled rule (it must not act on the fixtures while the suites run). */
const automationRuleBody = () => ({
  name: unique('rule'),
  enabled: false,
  trigger: { type: 'created' },
  actions: [{ type: 'notify', recipient: { to: 'owner' }, message: 'new deal' }],
});

/** Years for targets created by the suites, one per create, after the fixtures' 2099. */
let targetYear = 2100;

export const bodyCases: Record<string, Case> = {
  createContract: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/opportunities/${f.wonDealId}/contract`,
        body: {
          startDate: '2026-01-01',
          endDate: '2026-12-31',
          plan: { generate: { count: 2, everyMonths: 6, firstDueDate: '2026-01-31' } },
        },
      }),
    refs: {},
  },
  updateContract: {
    build: async (f, version) => {
      const path = `${v1}/contracts/${f.contractId}`;
      return { path, body: { version: await version(path), notes: '框架合同' } };
    },
    refs: {},
  },
  completeContract: {
    build: async (f, version) => ({
      path: `${v1}/contracts/${f.completeContractId}/complete`,
      body: { version: await version(`${v1}/contracts/${f.completeContractId}`) },
    }),
    refs: {},
  },
  terminateContract: {
    build: async (f, version) => ({
      path: `${v1}/contracts/${f.terminateContractId}/terminate`,
      body: { version: await version(`${v1}/contracts/${f.terminateContractId}`) },
    }),
    refs: {},
  },
  replacePaymentPlan: {
    build: async (f, version) => ({
      path: `${v1}/contracts/${f.planContractId}/payment-plan`,
      body: {
        version: await version(`${v1}/contracts/${f.planContractId}`),
        plan: { generate: { count: 4, everyMonths: 3, firstDueDate: '2026-03-31' } },
      },
    }),
    refs: {},
  },
  createOrder: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/contracts/${f.contractId}/orders`,
        body: { description: 'Phase 2', amountMinor: 100, plannedOn: '2026-05-01' },
      }),
    refs: {},
  },
  moveOrder: {
    // The fixture order is pending at version 1; the refusals before the valid body write nothing.
    build: (f) =>
      Promise.resolve({
        path: `${v1}/orders/${f.orderId}/status`,
        body: { version: 1, status: 'in_delivery' },
      }),
    refs: {},
  },
  recogniseRevenue: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/contracts/${f.contractId}/recognitions`,
        body: { amountMinor: 1, recognisedOn: '2026-06-30', orderId: f.orderId },
      }),
    refs: { orderId: 'orderId' },
  },
  postReceipt: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/receipts`,
        body: {
          accountId: f.contractAccountId,
          contractId: f.contractId,
          currency: 'CNY',
          amountMinor: 100,
          receivedOn: '2026-02-01',
          method: 'bank_transfer',
          reference: unique('slip'),
        },
      }),
    refs: { accountId: 'contractAccountId', contractId: 'contractId' },
  },
  allocateReceipt: {
    // The installment id is nested in the list; receipts.test.ts sends another account's.
    build: (f) =>
      Promise.resolve({
        path: `${v1}/receipts/${f.receiptId}/allocations`,
        body: { allocations: [{ installmentId: f.installmentId, amountMinor: 1 }] },
      }),
    refs: {},
  },
  ...quoteBodyCases,
  ...catalogBodyCases,
  createContractExpansion: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/contracts/${f.contractId}/expansions`,
        body: { kind: 'upsell', name: unique('upsell'), amountMinor: 500_000, ownerId: f.adminId },
      }),
    refs: { ownerId: 'userId' },
  },
  setNotificationPreferences: {
    build: () =>
      Promise.resolve({
        path: `${v1}/notification-preferences`,
        body: {
          channels: { escalation: ['email'] },
          quietHours: { start: '21:00', end: '08:00', days: [1, 2, 3, 4, 5] },
          timeZone: 'Asia/Shanghai',
        },
      }),
    refs: {},
  },
  dismissDuplicate: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/duplicates/${f.duplicateIds[0]}/dismiss`,
        body: { note: '同名不同人' },
      }),
    refs: {},
  },
  mergeDuplicate: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/duplicates/${f.duplicateIds[1]}/merge`,
        body: { survivor: 'left', fields: { name: 'source' } },
      }),
    refs: {},
  },
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
  convertLead: {
    build: async (f, version) => {
      const path = `${v1}/leads/${f.lead2Id}`;
      return {
        path: `${path}/convert`,
        body: { version: await version(path), accountId: f.accountId, contactId: f.contactId },
      };
    },
    refs: {
      accountId: 'accountId',
      contactId: 'contactId',
      opportunityId: 'opportunityId',
      pipelineId: 'pipelineId',
      ownerId: 'userId',
    },
  },
  putLeadScoring: {
    build: async (_f, version) => ({
      path: `${v1}/lead-scoring`,
      body: {
        version: await version(`${v1}/lead-scoring`),
        rules: [
          { kind: 'source', source: 'referral', points: 30 },
          { kind: 'industry', values: ['制造业'], points: 10 },
        ],
      },
    }),
    refs: {},
  },
  createLeadForm: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/lead-forms`,
        body: { name: 'Form', campaign: '2026 春季展会', ownerId: f.userId },
      }),
    refs: { ownerId: 'userId', poolId: 'poolId' },
  },
  updateLeadForm: {
    build: async (f, version) => {
      const path = `${v1}/lead-forms/${f.leadFormId}`;
      return {
        path,
        body: { version: await version(path), name: 'Form 2', poolId: f.poolId },
      };
    },
    refs: { ownerId: 'userId', poolId: 'poolId' },
  },
  createExperiment: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/experiments`,
        body: {
          name: unique('experiment'),
          subject: 'cadence',
          population: 'opportunities',
          filter: { pipelineId: f.pipelineId },
          variants: [
            { key: 'a', name: 'A', weight: 5000, content: { kind: 'cadence', days: {} } },
            {
              key: 'b',
              name: 'B',
              weight: 5000,
              content: { kind: 'cadence', days: { [f.stageIds[0] ?? '']: 1 } },
            },
          ],
        },
      }),
    // The ids are nested (filter, cadence days); experiments.test.ts sends another tenant's.
    refs: {},
  },
  updateExperiment: {
    build: async (f, version) => {
      const path = `${v1}/experiments/${f.experimentId}`;
      return { path, body: { version: await version(path), name: unique('renamed') } };
    },
    refs: {},
  },
  startExperiment: {
    build: async (f, version) => {
      const path = `${v1}/experiments/${f.experimentId}`;
      return { path: `${path}/start`, body: { version: await version(path) } };
    },
    refs: {},
  },
  stopExperiment: {
    build: async (f, version) => {
      const path = `${v1}/experiments/${f.runningExperimentId}`;
      return { path: `${path}/stop`, body: { version: await version(path) } };
    },
    refs: {},
  },
  createAutomationRule: {
    build: () => Promise.resolve({ path: `${v1}/automation/rules`, body: automationRuleBody() }),
    refs: {},
  },
  replaceAutomationRule: {
    build: async (f, version) => {
      const path = `${v1}/automation/rules/${f.automationRuleId}`;
      return { path, body: { version: await version(path), rule: automationRuleBody() } };
    },
    refs: {},
  },
  toggleAutomationRule: {
    build: async (f, version) => {
      const path = `${v1}/automation/rules/${f.automationRuleId}`;
      return { path, body: { version: await version(path), enabled: false } };
    },
    refs: {},
  },
  dryRunAutomationRule: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/automation/rules/dry-run`,
        body: { ruleId: f.automationRuleId, opportunityId: f.opportunityId },
      }),
    refs: { ruleId: 'automationRuleId', opportunityId: 'opportunityId' },
  },
  createDeliveryEndpoint: {
    build: () =>
      Promise.resolve({
        path: `${v1}/delivery-endpoints`,
        body: { channel: 'webhook', name: unique('hook'), url: 'http://127.0.0.1:9/hooks' },
      }),
    refs: {},
  },
  submitLeadForm: {
    build: (f) =>
      Promise.resolve({
        path: `/api/forms/${f.leadFormToken}/submissions`,
        body: { name: '访客', company: '访客公司', email: 'visitor@example.test' },
      }),
    refs: {},
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
  // Un-splitting is valid whoever owns the fixture deal (splits: test/api/deal-team.test.ts).
  replaceDealSplits: {
    build: async (f, version) => ({
      path: `${v1}/opportunities/${f.opportunityId}/splits`,
      body: { version: await version(`${v1}/opportunities/${f.opportunityId}/team`), splits: [] },
    }),
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
  evaluateOpportunity: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/opportunities/${f.opportunityId}/evaluations`,
        body: { scores: { need: 4, budget: 3 }, notes: 'ok' },
      }),
    refs: {},
  },
  markOpportunityPlaybookItem: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/opportunities/${f.gatedOpportunityId}/playbook`,
        body: {
          kind: 'action',
          key: 'demo',
          evidence: { note: 'done', attachmentId: f.attachmentId },
        },
      }),
    // Evidence ids are nested; the engine suite checks another tenant's there.
    refs: {},
  },
  createCloseReason: {
    build: () =>
      Promise.resolve({
        path: `${v1}/close-reasons`,
        body: { outcome: 'lost', key: unique('r'), nameZh: '理由', nameEn: 'Reason' },
      }),
    refs: {},
  },
  updateCloseReason: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/close-reasons/${f.closeReasonId}`,
        body: { version: 1, nameEn: 'Renamed' },
      }),
    refs: {},
  },
  createCustomField: {
    build: () =>
      Promise.resolve({
        path: `${v1}/custom-fields`,
        body: {
          key: unique('k').replace(/-/g, '_'),
          labelZh: '字段',
          labelEn: 'Field',
          type: 'select',
          options: ['a', 'b'],
        },
      }),
    refs: {},
  },
  updateCustomField: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/custom-fields/${f.customFieldId}`,
        body: { version: 1, labelEn: 'Renamed' },
      }),
    refs: {},
  },
  approveApproval: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/approvals/${f.approvalIds[0]}/approve`,
        body: { version: 1, comment: '同意' },
      }),
    refs: {},
  },
  rejectApproval: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/approvals/${f.approvalIds[1]}/reject`,
        body: { version: 1, comment: '再看看' },
      }),
    refs: {},
  },
  cancelApproval: {
    build: (f) =>
      Promise.resolve({ path: `${v1}/approvals/${f.approvalIds[2]}/cancel`, body: { version: 1 } }),
    refs: {},
  },
  putApprovalPolicy: {
    build: async (f, version) => {
      const chain = [
        { approver: { type: 'owner_manager' }, minAmountMinor: 0 },
        { approver: { type: 'user', userId: f.adminId }, minAmountMinor: 10_000_000 },
      ];
      return {
        path: `${v1}/approvals/policy`,
        body: {
          version: await version(`${v1}/approvals/policy`),
          policy: {
            chains: { stage: chain.slice(0, 1), discount: chain, rule: chain },
            discountThresholdPercent: null,
          },
        },
      };
    },
    // The named approver's id is nested in the chain; approval-chains.test checks another tenant's.
    refs: {},
  },
  putMyDelegation: {
    build: async (f, version) => ({
      path: `${v1}/approvals/delegation`,
      body: {
        version: await version(`${v1}/approvals/delegation`),
        delegateId: f.userId,
        startsAt: '2099-01-01T00:00:00.000Z',
        endsAt: '2099-01-15T00:00:00.000Z',
      },
    }),
    refs: { delegateId: 'userId' },
  },
  closeOpportunity: {
    build: async (f, version) => {
      const path = `${v1}/opportunities/${f.opportunityId}`;
      return {
        path: `${path}/close`,
        body: {
          version: await version(path),
          outcome: 'lost',
          reasons: ['price'],
          competitor: '销售易',
        },
      };
    },
    refs: {},
  },
  createTarget: {
    build: (f) => {
      // Each create needs a period no other target of the subject uses (409 otherwise).
      targetYear += 1;
      return Promise.resolve({
        path: `${v1}/targets`,
        body: {
          subjectType: 'user',
          subjectId: f.userId,
          periodStart: `${targetYear}-01-01`,
          periodEnd: `${targetYear}-03-31`,
          amountMinor: 100_000,
          currency: 'CNY',
        },
      });
    },
    refs: { subjectId: 'userId' },
  },
  updateTarget: {
    build: async (f, version) => ({
      path: `${v1}/targets/${f.targetId}`,
      body: { version: await version(`${v1}/targets/${f.targetId}`), amountMinor: 200_000 },
    }),
    refs: {},
  },
  createSavedView: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/saved-views`,
        body: {
          kind: 'board',
          name: unique('view'),
          pipelineId: f.pipelineId,
          filters: { ownerIds: [f.userId], currency: 'CNY', amountMin: 0, tag: 'VIP' },
          sort: '-amount',
          shared: true,
        },
      }),
    refs: { pipelineId: 'pipelineId' },
  },
  updateSavedView: {
    build: async (f, version) => {
      const path = `${v1}/saved-views/${f.savedViewId}`;
      return {
        path,
        body: {
          version: await version(path),
          name: unique('renamed'),
          pipelineId: f.pipelineId,
          filters: { teamId: f.teamId, closeFrom: '2026-01-01' },
        },
      };
    },
    refs: { pipelineId: 'pipelineId' },
  },
  setOpportunityForecastCategory: {
    build: (f) =>
      Promise.resolve({
        // The gated deal stays open through every suite (the main one gets closed).
        path: `${v1}/opportunities/${f.gatedOpportunityId}/forecast-category`,
        body: { category: 'commit' },
      }),
    refs: {},
  },
  createForecastOverride: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/forecast-overrides`,
        body: {
          subjectType: 'user',
          subjectId: f.userId,
          pipelineId: f.pipelineId,
          periodStart: '2026-01-01',
          periodEnd: '2026-03-31',
          category: 'commit',
          amountMinor: 100_000,
          currency: 'CNY',
          note: 'manager call',
        },
      }),
    refs: { subjectId: 'userId', pipelineId: 'pipelineId' },
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
  changeLeadOwnership: {
    build: async (f, version) => {
      const path = `${v1}/leads/${f.pooledLeadId}`;
      return {
        path: `${path}/ownership`,
        body: {
          version: await version(path),
          action: 'assign',
          toUserId: f.userId,
          reason: '区域匹配',
        },
      };
    },
    refs: { toUserId: 'userId', toPoolId: 'poolId' },
  },
  changeAccountOwnership: {
    build: async (f, version) => {
      const path = `${v1}/accounts/${f.pooledAccountId}`;
      return {
        path: `${path}/ownership`,
        body: {
          version: await version(path),
          action: 'assign',
          toUserId: f.userId,
          reason: 'Key account',
        },
      };
    },
    refs: { toUserId: 'userId', toPoolId: 'poolId' },
  },
  autoAssignLead: {
    build: async (f, version) => {
      const path = `${v1}/leads/${f.leadId}`;
      return { path: `${path}/auto-assign`, body: { version: await version(path) } };
    },
    refs: {},
  },
  replaceAssignmentRules: {
    build: (f) =>
      Promise.resolve({
        path: `${v1}/assignment-rules`,
        body: {
          rules: [
            {
              name: 'East',
              when: { region: ['华东'], size: ['large', 'enterprise'] },
              userIds: [f.userId],
              strategy: 'capacity',
            },
          ],
        },
      }),
    // The rep ids are nested in the rules; the assignment suite checks another tenant's there.
    refs: {},
  },
};

/** The id of tenant B's record of the kind a path names. */
export function foreignIdFor(path: string, f: Fixtures): string {
  if (path.includes('/users/')) return f.userId;
  if (path.includes('/teams/')) return f.team2Id;
  if (path.includes('/pools/')) return f.poolId;
  if (path.includes('/accounts/')) return f.account2Id;
  if (path.includes('/contacts/')) return f.contact2Id;
  if (path.includes('/leads/')) return f.leadId;
  if (path.includes('/lead-forms/')) return f.leadFormId;
  if (path.includes('/pipelines/')) return f.pipeline2Id;
  if (path.includes('/opportunities/')) return f.opportunityId;
  if (path.includes('/contracts/')) return f.contractId;
  if (path.includes('/orders/')) return f.orderId;
  if (path.includes('/receipt-allocations/')) return f.allocationId;
  if (path.includes('/receipts/'))
    return path.endsWith('/void') ? f.voidableReceiptId : f.receiptId;
  if (path.includes('/activities/')) return f.activityId;
  if (path.includes('/tasks/')) return f.taskId;
  if (path.includes('/me/sessions/')) return f.sessionId;
  if (path.includes('/approvals/')) return f.approvalIds[0] ?? '';
  if (path.includes('/close-reasons/')) return f.closeReasonId;
  if (path.includes('/custom-fields/')) return f.customFieldId;
  if (path.includes('/attachments/')) return f.attachmentId;
  if (path.includes('/me/tokens/')) return f.tokenId;
  if (path.includes('/import-runs/')) return f.importId;
  if (path.includes('/duplicates/')) return f.duplicateIds[0] ?? '';
  if (path.includes('/notifications/')) return f.notificationId;
  if (path.includes('/targets/')) return f.targetId;
  if (path.includes('/saved-views/')) return f.savedViewId;
  if (path.includes('/delivery-endpoints/')) return f.deliveryEndpointId;
  if (path.includes('/deliveries/')) return f.deliveryId;
  if (path.includes('/experiments/')) return f.experimentId;
  if (path.includes('/automation/rules/')) return f.automationRuleId;
  if (path.includes('/quotes/')) return f.quoteIds.draft;
  if (path.includes('/products/')) return f.productId;
  if (path.includes('/price-books/')) return f.priceBookId;
  if (path.includes('/price-book-entries/')) return f.priceBookEntryId;
  throw new Error(`no foreign id for ${path}`);
}
