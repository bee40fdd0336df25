import type { RawValue } from './raw-driver.js';
import type { TableShape } from './analytics-sink.js';

/**
 * One generated deal's life, as the rows the app would have left behind: its stage
 * intervals (forward moves mostly, some moves back and re-entries), amount and close-date
 * changes, product lines, a win/loss review, activities and key actions. Pure and
 * deterministic: the same random source gives the same rows on both databases.
 *
 * The simulation walks the deal through the open stages with exponential dwell times; at
 * each step it is lost, moved back, moved on (from the last open stage: won) or — for a
 * deal that stalls — left where it is. Anything that would happen after `now` does not
 * happen, so young deals are open. Tuned so that 1M deals give about 4.9M intervals, 63 %
 * closed (28 % won, 35 % lost) and 0.85 re-entries per deal.
 */
export interface StageRef {
  readonly id: string;
  /** The stage's bit in `opportunities.visited_stages`. */
  readonly bit: number;
  readonly actionKeys: readonly string[];
}

export interface DealWorld {
  readonly tenantId: string;
  readonly pipelineId: string;
  /** The open stages in order, then won, then lost. */
  readonly open: readonly StageRef[];
  readonly wonId: string;
  readonly wonBit: number;
  readonly lostId: string;
  readonly lostBit: number;
  readonly owners: readonly string[];
  readonly accounts: readonly { readonly id: string; readonly ownerIndex: number }[];
  readonly now: number;
  readonly firstCreated: number;
  readonly deals: number;
}

export const DAY_MS = 86_400_000;
const MEAN_DWELL_DAYS = [12, 18, 24, 20, 14];
const P_LOST = [0.08, 0.08, 0.09, 0.1, 0.12];
const P_BACK = [0, 0.16, 0.18, 0.18, 0.16];
const P_STALL = 0.66;
const MAX_STEPS = 15;
const SOURCES = ['website', 'advertising', 'event', 'referral', 'cold_outreach', 'partner'];
const LOSS_REASONS = [
  'price',
  'product_fit',
  'solution',
  'relationship',
  'timing',
  'competitor',
  'no_decision',
  'budget',
];
const WIN_REASONS = ['value', 'relationship', 'product', 'price', 'service'];
const COMPETITORS = ['华为云', '阿里云', '腾讯云', 'Salesforce', 'SAP', null];
const ACTIVITY_TYPES = ['call', 'visit', 'meeting', 'demo', 'email'];

const ts = (ms: number) => new Date(Math.round(ms)).toISOString();
const day = (ms: number) => new Date(Math.round(ms)).toISOString().slice(0, 10);

/** A UUID-shaped id ordered by time, like the app's uuidv7 ids. */
export function timeId(ms: number, kind: number, seq: number): string {
  const t = Math.round(ms).toString(16).padStart(12, '0');
  const k = kind.toString(16).padStart(3, '0');
  const s = seq.toString(16).padStart(15, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-7${k}-8${s.slice(0, 3)}-${s.slice(3)}`;
}

/** mulberry32: small, fast, and the same stream on every machine. */
export function randomSource(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SHAPES = {
  opportunities: shape(
    'opportunities',
    'tenant_id id created_at:ts updated_at:ts version:int name account_id owner_id pipeline_id stage_id status amount_minor:bigint currency expected_close_date:date competitors:json source stage_entered_at:ts closed_at:ts visited_stages:int source_lead_id',
  ),
  stage_history: shape(
    'stage_history',
    'tenant_id id opportunity_id pipeline_id stage_id from_stage_id entered_at:ts left_at:ts moved_by amount_minor:bigint currency',
  ),
  deal_changes: shape(
    'deal_changes',
    'tenant_id id opportunity_id field from_amount_minor:bigint to_amount_minor:bigint from_date:date to_date:date currency changed_at:ts changed_by',
  ),
  opportunity_products: shape(
    'opportunity_products',
    'tenant_id id opportunity_id position:int name product_type customisation quantity:int unit_price_minor:bigint amount_minor:bigint',
  ),
  opportunity_reviews: shape(
    'opportunity_reviews',
    'tenant_id id opportunity_id outcome reasons:json competitor stage_id reviewed_by created_at:ts',
  ),
  activities: shape(
    'activities',
    'tenant_id id created_at:ts updated_at:ts version:int opportunity_id account_id type subject occurred_at:ts owner_id',
  ),
  opportunity_actions: shape(
    'opportunity_actions',
    'tenant_id id opportunity_id stage_id kind item_key done_by done_at:ts evidence:json',
  ),
} satisfies Record<string, TableShape>;

export type DealTable = keyof typeof SHAPES;
export type DealRows = Record<DealTable, RawValue[][]>;

function shape(table: string, spec: string): TableShape {
  return {
    table,
    columns: spec.split(' ').map((part) => {
      const [name = '', type = 'text'] = part.split(':');
      return [name, type as TableShape['columns'][number][1]] as const;
    }),
  };
}

export function emptyRows(): DealRows {
  return {
    opportunities: [],
    stage_history: [],
    deal_changes: [],
    opportunity_products: [],
    opportunity_reviews: [],
    activities: [],
    opportunity_actions: [],
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)] as T;

/** Appends deal number `i`'s rows to `out`. */
export function generateDeal(world: DealWorld, rng: () => number, i: number, out: DealRows): void {
  const { tenantId, pipelineId, now } = world;
  const created = world.firstCreated + ((i + rng()) / world.deals) * (now - world.firstCreated);
  const account = pick(rng, world.accounts);
  const owner =
    world.owners[rng() < 0.8 ? account.ownerIndex : Math.floor(rng() * world.owners.length)] ?? '';
  const id = timeId(created, 1, i);
  let seq = i * 128;
  const next = (ms: number, kind: number) => timeId(ms, kind, seq++);
  // Log-normal around ¥80,000, in fen, rounded to ¥100.
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  let amount = Math.max(100_000, Math.round(Math.exp(Math.log(8_000_000) + z) / 10_000) * 10_000);
  let closeDate = created + (60 + rng() * 60) * DAY_MS;
  const stall = rng() < P_STALL ? 1 + Math.floor(rng() ** 1.5 * 12) : MAX_STEPS;

  let stage = 0;
  let from: string | null = null;
  let entered = created;
  let entryAmount = amount;
  let status: 'open' | 'won' | 'lost' = 'open';
  let lastTouch = created;
  const history: RawValue[][] = out.stage_history;
  const done = new Set<string>();
  let visited = 0;
  for (let step = 0; ; step++) {
    const ref = world.open[stage] as StageRef;
    const dwell = -Math.log(1 - rng()) * (MEAN_DWELL_DAYS[stage] ?? 14) * DAY_MS;
    const leaves = entered + dwell;
    const row: RawValue[] = [
      tenantId,
      next(entered, 2),
      id,
      pipelineId,
      ref.id,
      from,
      ts(entered),
      null,
      owner,
      entryAmount,
      'CNY',
    ];
    history.push(row);
    visited |= ref.bit;
    const stays = leaves > now || step >= stall || step >= MAX_STEPS;
    const midpoint = stays ? entered + (now - entered) * rng() : entered + dwell / 2;
    // Close dates slip inside open intervals (also the current one: that leaves no trace in history).
    if (rng() < 0.2 && midpoint < now) {
      const to = closeDate + (14 + rng() * 46) * DAY_MS;
      out.deal_changes.push([
        tenantId,
        next(midpoint, 3),
        id,
        'close_date',
        null,
        null,
        day(closeDate),
        day(to),
        'CNY',
        ts(midpoint),
        owner,
      ]);
      closeDate = to;
      lastTouch = Math.max(lastTouch, midpoint);
    }
    if (rng() < (stays ? 0.2 : 0.35)) {
      const key = ref.actionKeys.length > 0 ? pick(rng, ref.actionKeys) : null;
      // An action is ticked once per deal (unique), however often the stage is entered.
      if (key && !done.has(key) && done.add(key))
        out.opportunity_actions.push([
          tenantId,
          next(midpoint, 4),
          id,
          ref.id,
          'action',
          key,
          owner,
          ts(midpoint),
          '{}',
        ]);
    }
    if (stays) break;
    // Amounts change only inside intervals that ended, so the deal's amount is its last entry's.
    if (rng() < 0.15) {
      const to = Math.max(100_000, Math.round((amount * (0.7 + rng() * 0.7)) / 10_000) * 10_000);
      out.deal_changes.push([
        tenantId,
        next(midpoint, 3),
        id,
        'amount',
        amount,
        to,
        null,
        null,
        'CNY',
        ts(midpoint),
        owner,
      ]);
      amount = to;
    }
    row[7] = ts(leaves);
    from = ref.id;
    entered = leaves;
    entryAmount = amount;
    lastTouch = leaves;
    const r = rng();
    const lost = P_LOST[stage] ?? 0.1;
    if (r < lost || (r >= lost + (P_BACK[stage] ?? 0) && stage === world.open.length - 1)) {
      status = r < lost ? 'lost' : 'won';
      const closedStage = status === 'won' ? world.wonId : world.lostId;
      visited |= status === 'won' ? world.wonBit : world.lostBit;
      history.push([
        tenantId,
        next(entered, 2),
        id,
        pipelineId,
        closedStage,
        from,
        ts(entered),
        null,
        owner,
        amount,
        'CNY',
      ]);
      if (rng() < 0.8) {
        const reasons = status === 'won' ? WIN_REASONS : LOSS_REASONS;
        out.opportunity_reviews.push([
          tenantId,
          next(entered, 5),
          id,
          status,
          JSON.stringify([pick(rng, reasons)]),
          pick(rng, COMPETITORS),
          status === 'won' ? world.wonId : ref.id,
          owner,
          ts(entered),
        ]);
      }
      break;
    }
    stage += r < lost + (P_BACK[stage] ?? 0) ? -1 : 1;
  }
  const current =
    status === 'open'
      ? (world.open[stage] as StageRef).id
      : status === 'won'
        ? world.wonId
        : world.lostId;
  const competitors = rng() < 0.3 ? JSON.stringify([pick(rng, COMPETITORS.slice(0, 5))]) : '[]';
  out.opportunities.push([
    tenantId,
    id,
    ts(created),
    ts(lastTouch),
    1,
    `商机 ${i}`,
    account.id,
    owner,
    pipelineId,
    current,
    status,
    amount,
    'CNY',
    day(closeDate),
    competitors,
    pick(rng, SOURCES),
    ts(entered),
    status === 'open' ? null : ts(entered),
    visited,
    // The lead it was converted from: set by the receivables pass (analytics-receivables-data.ts).
    null,
  ]);
  const lines = rng() < 0.3 ? 2 : 1;
  const first = lines === 1 ? amount : Math.round(amount * 0.6);
  for (let line = 0; line < lines; line++) {
    const lineAmount = line === 0 ? first : amount - first;
    const type = rng() < 0.2 ? 'lighthouse' : 'cornerstone';
    out.opportunity_products.push([
      tenantId,
      next(created, 6),
      id,
      line,
      `产品 ${line + 1}`,
      type,
      rng() < 0.3 ? 'customised' : 'standard',
      1,
      lineAmount,
      lineAmount,
    ]);
  }
  const activities = Math.floor(rng() * 2.2);
  for (let a = 0; a < activities; a++) {
    const at = created + (lastTouch - created) * rng();
    out.activities.push([
      tenantId,
      next(at, 7),
      ts(at),
      ts(at),
      1,
      id,
      account.id,
      pick(rng, ACTIVITY_TYPES),
      '跟进',
      ts(at),
      owner,
    ]);
  }
}
