import type { Account } from '../domain/accounts/account.js';
import type { Contact } from '../domain/accounts/contact.js';
import type { Activity, ActivityType } from '../domain/activities/activity.js';
import type { Task } from '../domain/activities/task.js';
import type { Lead } from '../domain/leads/lead.js';
import type { CurrencyCode } from '../domain/money.js';
import type {
  Opportunity,
  OpportunityProduct,
  StageHistoryEntry,
} from '../domain/opportunities/opportunity.js';
import type { Pipeline } from '../domain/pipeline/pipeline.js';
import { simulateJourney } from './deal-journey.js';
import { idAt } from './ids.js';
import * as words from './names.js';
import type { DemoOrganisation } from './organisation.js';
import type { Random } from './random.js';
import { makeAccount, makeContact, makeLead, makeSourceLead, makeTask, stamps } from './records.js';

const DAY_MS = 86_400_000;

export interface DemoSpec {
  readonly opportunities: number;
  readonly pipeline: Pipeline;
  readonly poolId: string;
  readonly currency: CurrencyCode;
  readonly nowMs: number;
  /** How far back the oldest deal starts. */
  readonly historyDays: number;
  /** Deals per chunk; memory stays flat however many deals are generated. */
  readonly chunkSize: number;
}

export interface DemoChunk {
  readonly accounts: Account[];
  readonly contacts: Contact[];
  readonly opportunities: Opportunity[];
  readonly history: StageHistoryEntry[];
  readonly activities: Activity[];
  readonly tasks: Task[];
  readonly leads: Lead[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const dateOnly = (ms: number) => iso(ms).slice(0, 10);

/**
 * The demo world, chunk by chunk: per chunk about 0.6 accounts (with contacts), 1.5 leads
 * and the requested deals (with stage history, activities and tasks) per deal. Every value
 * comes from `random`, so a seed reproduces the same data, and from `spec.nowMs`, so the
 * data is always "recent" relative to the run.
 */
export function* generateDemoChunks(
  random: Random,
  spec: DemoSpec,
  org: DemoOrganisation,
): Generator<DemoChunk> {
  // Each seller is better at some stages than others: the coaching view has something to show.
  const skills = new Map(
    org.sellers.flatMap((team) => team.userIds.map((id) => [id, 0.7 + random.next() * 0.6])),
  );
  for (let done = 0; done < spec.opportunities; done += spec.chunkSize) {
    yield generateChunk(
      random,
      spec,
      org,
      skills,
      Math.min(spec.chunkSize, spec.opportunities - done),
    );
  }
}

function generateChunk(
  random: Random,
  spec: DemoSpec,
  org: DemoOrganisation,
  skills: Map<string, number>,
  dealCount: number,
): DemoChunk {
  const chunk: DemoChunk = {
    accounts: [],
    contacts: [],
    opportunities: [],
    history: [],
    activities: [],
    tasks: [],
    leads: [],
  };
  const startMs = spec.nowMs - spec.historyDays * DAY_MS;
  const accountCount = Math.max(1, Math.round(dealCount * 0.6));
  const owners: string[] = [];
  for (let i = 0; i < accountCount; i++) {
    const team = random.pick(org.sellers);
    const ownerId = random.pick(team.userIds);
    const createdMs = startMs + random.next() * (spec.nowMs - startMs) * 0.5;
    const account = makeAccount(random, team.teamKey, ownerId, createdMs, chunk.accounts);
    chunk.accounts.push(account);
    owners.push(ownerId);
    const contactCount = random.int(1, 4);
    for (let c = 0; c < contactCount; c++)
      chunk.contacts.push(makeContact(random, account, ownerId, c, chunk.contacts.at(-c) ?? null));
  }
  for (let i = 0; i < dealCount; i++) {
    const accountIndex = random.int(0, chunk.accounts.length - 1);
    const account = chunk.accounts[accountIndex];
    const ownerId = owners[accountIndex];
    if (!account || !ownerId) continue;
    // A growing business: more deals start recently than long ago (density rises linearly).
    const createdMs = Math.max(
      Date.parse(account.createdAt),
      startMs + Math.sqrt(random.next()) * (spec.nowMs - startMs),
    );
    addDeal(random, spec, chunk, account, ownerId, skills.get(ownerId) ?? 1, createdMs);
  }
  const leadCount = Math.round(dealCount * 1.5);
  for (let i = 0; i < leadCount; i++) chunk.leads.push(makeLead(random, spec, org, startMs));
  return chunk;
}

function makeProducts(random: Random, createdMs: number): OpportunityProduct[] {
  const lines = random.int(1, 3);
  return Array.from({ length: lines }, () => {
    const product = random.pick(words.products);
    const quantity = product.name.includes('人天') ? random.int(5, 60) : random.int(1, 20);
    return {
      id: idAt(random, createdMs),
      name: product.name,
      productType: product.type,
      customisation: random.chance(0.25) ? 'customised' : 'standard',
      quantity,
      unitPriceMinor: product.price,
      discountPercent: 0,
      amountMinor: quantity * product.price,
    };
  });
}

function addDeal(
  random: Random,
  spec: DemoSpec,
  chunk: DemoChunk,
  account: Account,
  ownerId: string,
  skill: number,
  createdMs: number,
): void {
  const journey = simulateJourney(random, spec.pipeline.stages, createdMs, spec.nowMs, skill);
  const last = journey.at(-1);
  if (!last) return;
  const products = makeProducts(random, createdMs);
  const listTotal = products.reduce((sum, line) => sum + line.amountMinor, 0);
  const amountMinor = Math.round((listTotal * random.int(70, 100)) / 100 / 100) * 100;
  const amount = { amountMinor, currency: spec.currency };
  const id = idAt(random, createdMs);
  const expectedDays = spec.pipeline.stages.reduce(
    (sum, stage) => sum + (stage.expectedDwellDays ?? 0),
    0,
  );
  const closed = last.stage.kind !== 'open';
  const contact = chunk.contacts.find((c) => c.accountId === account.id) ?? null;
  const opportunity: Opportunity = {
    id,
    name: `${account.name.replace(/(股份|集团)?有限公司$/, '')} ${products[0]?.name ?? '项目'}`,
    accountId: account.id,
    primaryContactId: contact?.id ?? null,
    ownerId,
    pipelineId: spec.pipeline.id,
    stageId: last.stage.id,
    status: last.stage.kind,
    amount,
    expectedCloseDate: dateOnly(
      closed
        ? last.enteredAtMs
        : Math.max(spec.nowMs + DAY_MS, createdMs + expectedDays * DAY_MS * (0.8 + random.next())),
    ),
    budget: random.chance(0.5)
      ? {
          amountMinor: Math.round(amountMinor * (0.8 + random.next() * 0.6)),
          currency: spec.currency,
        }
      : null,
    timeline: random.chance(0.4)
      ? random.pick(['本季度内决策', '下季度预算审批后', '年底前上线'])
      : null,
    nextStep: closed ? null : random.pick(words.nextSteps),
    nextStepDate: closed ? null : dateOnly(spec.nowMs + random.int(-5, 14) * DAY_MS),
    competitors: random.chance(0.6) ? [random.pick(words.competitors)] : [],
    source: random.pick(['website', 'event', 'referral', 'cold_outreach', 'partner']),
    sourceLeadId: null,
    products,
    customFields: {},
    tags: [],
    deadlineAt: null,
    deadlineLevel: 0,
    stageEnteredAt: iso(last.enteredAtMs),
    closedAt: closed ? iso(last.enteredAtMs) : null,
    ...stamps(createdMs),
    updatedAt: iso(last.enteredAtMs),
  };
  const sourceLead = random.chance(0.25)
    ? makeSourceLead(random, spec, account, opportunity, createdMs)
    : null;
  if (sourceLead) chunk.leads.push(sourceLead);
  chunk.opportunities.push(
    sourceLead ? { ...opportunity, sourceLeadId: sourceLead.id } : opportunity,
  );
  journey.forEach((step, index) => {
    const previous = journey[index - 1];
    const next = journey[index + 1];
    chunk.history.push({
      id: idAt(random, step.enteredAtMs),
      opportunityId: id,
      pipelineId: spec.pipeline.id,
      stageId: step.stage.id,
      fromStageId: previous?.stage.id ?? null,
      enteredAt: iso(step.enteredAtMs),
      leftAt: next ? iso(next.enteredAtMs) : null,
      movedBy: ownerId,
      // Like a real move, the reason sits on the interval the backward move opens.
      reason:
        previous && step.stage.position < previous.stage.position && step.stage.kind === 'open'
          ? '客户需求调整，回到上一阶段'
          : null,
      amount,
    });
  });
  addActivities(random, chunk, opportunity, createdMs, closed ? last.enteredAtMs : spec.nowMs);
  if (!closed && random.chance(0.6)) chunk.tasks.push(makeTask(random, opportunity, spec.nowMs));
}

function addActivities(
  random: Random,
  chunk: DemoChunk,
  opportunity: Opportunity,
  fromMs: number,
  toMs: number,
): void {
  const count = random.int(1, 6);
  for (let i = 0; i < count; i++) {
    const type = random.weighted<ActivityType>([
      ['call', 5],
      ['visit', 2],
      ['meeting', 2],
      ['demo', 1],
      ['email', 3],
      ['note', 2],
    ]);
    const at = fromMs + random.next() * Math.max(toMs - fromMs, DAY_MS);
    chunk.activities.push({
      id: idAt(random, at),
      type,
      subject: random.pick(words.activitySubjects[type] ?? ['跟进']),
      body: null,
      occurredAt: iso(at),
      durationMinutes: type === 'note' || type === 'email' ? null : random.int(10, 120),
      nextFollowUpAt:
        i === count - 1 && opportunity.status === 'open'
          ? iso(at + random.int(1, 10) * DAY_MS)
          : null,
      ownerId: opportunity.ownerId,
      leadId: null,
      opportunityId: opportunity.id,
      accountId: opportunity.accountId,
      contactId: opportunity.primaryContactId,
      ...stamps(at),
    });
  }
}
