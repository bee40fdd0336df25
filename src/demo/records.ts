import type { Account, CompanySize, ValueTier } from '../domain/accounts/account.js';
import type { Contact, DecisionRole } from '../domain/accounts/contact.js';
import type { Task } from '../domain/activities/task.js';
import type { Lead, LeadSource, LeadStatus } from '../domain/leads/lead.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { DemoSpec } from './generate.js';
import { idAt } from './ids.js';
import * as words from './names.js';
import type { DemoOrganisation } from './organisation.js';
import { personName } from './organisation.js';
import type { Random } from './random.js';

/** Single demo records: accounts, contacts, leads and tasks with plausible Chinese values. */

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
export const stamps = (ms: number) => ({
  createdAt: iso(ms),
  updatedAt: iso(ms),
  deletedAt: null,
  version: 1,
});

/** Demo records are owned since they were created and followed up on time. */
const owned = (ownerId: string | null, ms: number) => ({
  lifecycle: 'active' as const,
  ownedSince: ownerId ? iso(ms) : null,
  deadlineAt: null,
  deadlineLevel: 0 as const,
});

export function makeAccount(
  random: Random,
  teamKey: string,
  ownerId: string,
  createdMs: number,
  earlier: Account[],
): Account {
  const [industry, , word] = random.pick(words.industries);
  const city = random.pick(words.regionsByTeam[teamKey] ?? words.cities);
  const parent = earlier.length > 5 && random.chance(0.08) ? random.pick(earlier) : null;
  return {
    id: idAt(random, createdMs),
    name: `${city}${random.pick(words.companyCores)}${word}${random.pick(words.companySuffixes)}`,
    parentId: parent?.id ?? null,
    industry,
    size: random.weighted<CompanySize>([
      ['small', 3],
      ['medium', 4],
      ['large', 2],
      ['enterprise', 1],
      ['micro', 1],
    ]),
    region: city,
    valueTier: random.weighted<ValueTier | null>([
      ['benchmark', 1],
      ['high_yield', 3],
      ['potential', 5],
      [null, 2],
    ]),
    creditCode: null,
    website: null,
    phone: `0${random.int(10, 99)}-${random.int(10_000_000, 99_999_999)}`,
    address: `${city}市${random.pick(['浦东新区', '朝阳区', '南山区', '西湖区', '高新区'])}${random.int(1, 999)}号`,
    notes: null,
    ownerId,
    poolId: null,
    ...stamps(createdMs),
    ...owned(ownerId, createdMs),
    silenceUntil: null,
  };
}

export function makeContact(
  random: Random,
  account: Account,
  ownerId: string,
  index: number,
  boss: Contact | null,
): Contact {
  const role = random.weighted<DecisionRole | null>([
    ['decision_maker', index === 0 ? 5 : 1],
    ['influencer', 3],
    ['user', 3],
    ['gatekeeper', 1],
    ['champion', 2],
    [null, 1],
  ]);
  const createdMs = Date.parse(account.createdAt);
  return {
    id: idAt(random, createdMs),
    accountId: account.id,
    name: personName(random),
    title: random.pick(words.titles),
    department: random.pick(words.departments),
    email: null,
    phone: `1${random.int(30, 89)}${random.int(10_000_000, 99_999_999)}`,
    decisionRole: role,
    attitude: random.weighted([
      ['supporter', 3],
      ['neutral', 4],
      ['opponent', 1],
      ['unknown', 2],
    ] as const),
    reportsToId: boss && boss.accountId === account.id && index > 0 ? boss.id : null,
    ownerId,
    notes: null,
    ...stamps(createdMs),
    silenceUntil: null,
  };
}

export function makeTask(random: Random, opportunity: Opportunity, nowMs: number): Task {
  const due = nowMs + random.int(-3, 10) * DAY_MS;
  return {
    id: idAt(random, nowMs - DAY_MS),
    title: opportunity.nextStep ?? '跟进客户',
    notes: null,
    dueAt: iso(due),
    priority: random.weighted([
      ['normal', 4],
      ['high', 1],
      ['low', 1],
    ] as const),
    status: 'open',
    assigneeId: opportunity.ownerId,
    completedAt: null,
    createdBy: opportunity.ownerId,
    leadId: null,
    opportunityId: opportunity.id,
    accountId: opportunity.accountId,
    contactId: null,
    ...stamps(nowMs - DAY_MS),
  };
}

export function makeLead(
  random: Random,
  spec: DemoSpec,
  org: DemoOrganisation,
  startMs: number,
): Lead {
  const createdMs = startMs + random.next() * (spec.nowMs - startMs);
  const status = random.weighted<LeadStatus>([
    ['new', 4],
    ['contacted', 3],
    ['mql', 2],
    ['sql', 1],
    ['disqualified', 1],
  ]);
  const inPool = status === 'new' && random.chance(0.5);
  const [industry] = random.pick(words.industries);
  const city = random.pick(words.cities);
  return {
    id: idAt(random, createdMs),
    name: personName(random),
    company: `${city}${random.pick(words.companyCores)}${random.pick(['科技', '贸易', '实业', '电子'])}有限公司`,
    title: random.pick(words.titles),
    email: null,
    phone: `1${random.int(30, 89)}${random.int(10_000_000, 99_999_999)}`,
    industry,
    region: city,
    size: random.pick(['micro', 'small', 'medium', 'large'] as const),
    language: 'zh',
    source: random.weighted<LeadSource>([
      ['website', 4],
      ['event', 2],
      ['advertising', 2],
      ['referral', 1],
      ['cold_outreach', 1],
      ['partner', 1],
    ]),
    campaign: random.chance(0.5) ? random.pick(words.campaigns) : null,
    status,
    disqualifyReason:
      status === 'disqualified' ? random.pick(['无预算', '非目标客户', '联系方式无效']) : null,
    bantBudget:
      status === 'sql'
        ? { amountMinor: random.int(5, 80) * 1_000_000, currency: spec.currency }
        : null,
    bantAuthority: status === 'sql' ? random.pick(words.titles) : null,
    bantNeed: status === 'sql' || status === 'mql' ? '希望提升销售过程管理' : null,
    bantTimeline: status === 'sql' ? random.pick(['三个月内', '半年内', '今年内']) : null,
    ownerId: inPool ? null : random.pick(random.pick(org.sellers).userIds),
    poolId: inPool ? spec.poolId : null,
    convertedOpportunityId: null,
    ...stamps(createdMs),
    ...owned(inPool ? null : 'owner', createdMs),
  };
}

/** The lead a deal came from: converted, with the BANT answers that qualified it. */
export function makeSourceLead(
  random: Random,
  spec: DemoSpec,
  account: Account,
  deal: Opportunity,
  dealCreatedMs: number,
): Lead {
  const createdMs = dealCreatedMs - random.int(1, 30) * DAY_MS;
  return {
    id: idAt(random, createdMs),
    name: personName(random),
    company: account.name,
    title: random.pick(words.titles),
    email: null,
    phone: null,
    industry: account.industry,
    region: account.region,
    size: account.size,
    language: 'zh',
    source: (deal.source ?? 'website') as LeadSource,
    campaign: random.chance(0.5) ? random.pick(words.campaigns) : null,
    status: 'converted',
    disqualifyReason: null,
    bantBudget: deal.budget,
    bantAuthority: random.pick(words.titles),
    bantNeed: '希望提升销售过程管理',
    bantTimeline: random.pick(['三个月内', '半年内']),
    ownerId: deal.ownerId,
    poolId: null,
    convertedOpportunityId: deal.id,
    ...stamps(createdMs),
    ...owned(deal.ownerId, createdMs),
  };
}
