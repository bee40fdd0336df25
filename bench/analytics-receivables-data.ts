import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../src/store/schema.js';
import type { RawValue } from './raw-driver.js';
import type { TableShape } from './analytics-sink.js';
import { DAY_MS, timeId } from './analytics-deals.js';

/**
 * The lead-to-cash history of the generated deals (issue 9), as the rows the app would have
 * left behind: a lead for most deals (the deal's `source_lead_id`), and for most won deals a
 * contract with 1–6 installments, receipts (回款) and their allocations (核销) — partial
 * payments, receipts that pay several installments, over-payments left unapplied, a few
 * reversed allocations (half re-applied) and voided receipts. Installment, receipt and
 * contract states are derived from the active allocations, so the contract invariants hold
 * (Σ active allocations = collected ≤ amount; = amount − unapplied ≤ amount). Nothing
 * happens after `now`. Pure and deterministic from its own random source, so adding it does
 * not change the deals the other reports read.
 */
export interface ReceivablesWorld {
  readonly tenantId: string;
  readonly now: number;
}

const P_LEAD = 0.6;
const P_CONTRACT = 0.85;
const P_TERMINATED = 0.03;
const P_FULL = 0.78;
const P_PARTIAL_ONLY = 0.1;
const P_SPLIT = 0.15;
const P_SHARE_RECEIPT = 0.2;
const P_OVERPAY = 0.05;
const P_VOID = 0.01;
const P_REVERSE = 0.03;
const MEAN_DELAY_DAYS = 25;

const ts = (ms: number) => new Date(Math.round(ms)).toISOString();
const day = (ms: number) => new Date(Math.round(ms)).toISOString().slice(0, 10);
const hundreds = (minor: number) => Math.round(minor / 100) * 100;

function shape(table: string, spec: string): TableShape {
  return {
    table,
    columns: spec.split(' ').map((part) => {
      const [name = '', type = 'text'] = part.split(':');
      return [name, type as TableShape['columns'][number][1]] as const;
    }),
  };
}

const VERSIONED = 'tenant_id id created_at:ts updated_at:ts version:int';
export const RECEIVABLE_SHAPES = {
  leads: shape('leads', `${VERSIONED} name source status converted_opportunity_id owner_id`),
  contracts: shape(
    'contracts',
    `${VERSIONED} number account_id opportunity_id owner_id currency amount_minor:bigint start_date:date end_date:date signed_on:date status delivery_status recognition_status created_by`,
  ),
  payment_installments: shape(
    'payment_installments',
    `${VERSIONED} contract_id seq:int due_date:date amount_minor:bigint collected_minor:bigint status paid_on:date`,
  ),
  receipts: shape(
    'receipts',
    `${VERSIONED} number account_id contract_id currency amount_minor:bigint unapplied_minor:bigint received_on:date method status created_by`,
  ),
  receipt_allocations: shape(
    'receipt_allocations',
    'tenant_id id receipt_id installment_id amount_minor:bigint allocated_at:ts allocated_by reversed_at:ts reversed_by',
  ),
} satisfies Record<string, TableShape>;

export type ReceivableTable = keyof typeof RECEIVABLE_SHAPES;
export type ReceivableRows = Record<ReceivableTable, RawValue[][]>;

export const emptyReceivableRows = (): ReceivableRows => ({
  leads: [],
  contracts: [],
  payment_installments: [],
  receipts: [],
  receipt_allocations: [],
});

/** Columns of a generated opportunity row (`SHAPES.opportunities` in analytics-deals.ts). */
const O = { id: 1, created: 2, account: 6, owner: 7, status: 10, amount: 11, source: 15 } as const;
const O_CLOSED = 17;
const O_LEAD = 19;

interface Payment {
  at: number;
  installment: number;
  amount: number;
}

/**
 * Appends the lead-to-cash rows of `deals` (opportunity rows, deal numbers from `first`) to
 * `out`, and sets each converted deal's `source_lead_id` in its row.
 */
export function generateReceivables(
  world: ReceivablesWorld,
  rng: () => number,
  deals: RawValue[][],
  first: number,
  out: ReceivableRows,
): void {
  deals.forEach((deal, j) => {
    const i = first + j;
    const id = String(deal[O.id]);
    const owner = String(deal[O.owner]);
    if (rng() < P_LEAD) {
      const created = Date.parse(String(deal[O.created])) - (1 + rng() * 40) * DAY_MS;
      const leadId = timeId(created, 13, i);
      const at = ts(created);
      const source = deal[O.source] ?? 'website';
      out.leads.push([
        world.tenantId,
        leadId,
        at,
        at,
        1,
        `线索 ${i}`,
        source,
        'converted',
        id,
        owner,
      ]);
      deal[O_LEAD] = leadId;
    }
    if (deal[O.status] === 'won' && rng() < P_CONTRACT) contract(world, rng, deal, i, out);
  });
}

function contract(
  world: ReceivablesWorld,
  rng: () => number,
  deal: RawValue[],
  i: number,
  out: ReceivableRows,
): void {
  const { tenantId, now } = world;
  const owner = String(deal[O.owner]);
  const account = String(deal[O.account]);
  const amount = Number(deal[O.amount]);
  const closed = Date.parse(String(deal[O_CLOSED]));
  const start = closed + Math.floor(rng() * 15) * DAY_MS;
  const contractId = timeId(closed, 9, i);
  const count = 1 + Math.floor(rng() * 6);
  const spacing = 30 * (1 + Math.floor(rng() * 3)) * DAY_MS;
  const base = hundreds(amount / count);
  const amounts = Array.from({ length: count }, (_, k) =>
    k < count - 1 ? base : amount - base * (count - 1),
  );
  const dues = amounts.map((_, k) => start + k * spacing);

  const payments: Payment[] = [];
  amounts.forEach((owed, k) => {
    const r = rng();
    const at = (dues[k] ?? start) + (-10 - Math.log(1 - rng()) * MEAN_DELAY_DAYS) * DAY_MS;
    if (r < P_FULL && rng() < P_SPLIT) {
      const part = hundreds(owed * (0.3 + rng() * 0.4));
      payments.push({ at, installment: k, amount: part });
      payments.push({ at: at + (5 + rng() * 35) * DAY_MS, installment: k, amount: owed - part });
    } else if (r < P_FULL) payments.push({ at, installment: k, amount: owed });
    else if (r < P_FULL + P_PARTIAL_ONLY)
      payments.push({ at, installment: k, amount: hundreds(owed * (0.3 + rng() * 0.4)) });
  });
  const due = payments.filter((p) => p.at <= now && p.amount > 0).sort((a, b) => a.at - b.at);

  // Receipts: a payment opens one, or (sometimes) rides on the previous one (several installments).
  const receipts: { at: number; id: string; amount: number; applied: number; voided: boolean }[] =
    [];
  const collected = amounts.map(() => 0);
  const paidOn: (string | null)[] = amounts.map(() => null);
  let seq = i * 32;
  for (const payment of due) {
    const last = receipts.at(-1);
    const shares = last && rng() < P_SHARE_RECEIPT && payment.at - last.at < 45 * DAY_MS;
    const receipt = shares
      ? last
      : {
          at: payment.at,
          id: timeId(payment.at, 11, seq),
          amount: 0,
          applied: 0,
          // Voided within ten days, so every allocation on it is reversed by `now`.
          voided: rng() < P_VOID && payment.at + 10 * DAY_MS <= now,
        };
    if (!shares) receipts.push(receipt);
    receipt.amount += payment.amount;
    const allocate = (reversed: boolean) => {
      const reversedAt = receipt.at + (1 + rng() * 9) * DAY_MS;
      const undone = reversed && reversedAt <= now;
      out.receipt_allocations.push([
        tenantId,
        timeId(receipt.at, 12, seq++),
        receipt.id,
        timeId(dues[payment.installment] ?? start, 10, i * 8 + payment.installment),
        payment.amount,
        ts(receipt.at + DAY_MS / 2),
        owner,
        undone ? ts(reversedAt) : null,
        undone ? owner : null,
      ]);
      return undone;
    };
    let active = !allocate(receipt.voided || rng() < P_REVERSE);
    // Half the reversed allocations were corrections: the same money applied again.
    if (!active && !receipt.voided && rng() < 0.5) active = !allocate(false);
    if (active) {
      receipt.applied += payment.amount;
      collected[payment.installment] = (collected[payment.installment] ?? 0) + payment.amount;
      if (collected[payment.installment] === amounts[payment.installment])
        paidOn[payment.installment] = day(receipt.at);
    }
  }

  amounts.forEach((owed, k) => {
    const got = collected[k] ?? 0;
    const at = ts(dues[k] ?? start);
    out.payment_installments.push([
      tenantId,
      timeId(dues[k] ?? start, 10, i * 8 + k),
      ts(start),
      at,
      1,
      contractId,
      k + 1,
      day(dues[k] ?? start),
      owed,
      got,
      got === owed ? 'paid' : got > 0 ? 'partial' : 'open',
      got === owed ? (paidOn[k] ?? null) : null,
    ]);
  });
  receipts.forEach((receipt, r) => {
    const extra = rng() < P_OVERPAY ? hundreds(receipt.amount * rng() * 0.2) : 0;
    const total = receipt.amount + extra;
    const unapplied = total - receipt.applied;
    const at = ts(receipt.at);
    out.receipts.push([
      tenantId,
      receipt.id,
      at,
      at,
      1,
      `R-${(i * 32 + r).toString().padStart(9, '0')}`,
      account,
      contractId,
      'CNY',
      total,
      unapplied,
      day(receipt.at),
      'bank_transfer',
      receipt.voided
        ? 'voided'
        : unapplied === 0
          ? 'applied'
          : unapplied === total
            ? 'unapplied'
            : 'partial',
      owner,
    ]);
  });
  const paid = collected.every((got, k) => got === amounts[k]);
  const signed = ts(start);
  out.contracts.push([
    tenantId,
    contractId,
    signed,
    signed,
    1,
    `C-${i.toString().padStart(9, '0')}`,
    account,
    String(deal[O.id]),
    owner,
    'CNY',
    amount,
    day(start),
    day(start + 365 * DAY_MS),
    day(start),
    rng() < P_TERMINATED ? 'terminated' : paid ? 'completed' : 'active',
    paid ? 'accepted' : 'in_progress',
    'unrecognised',
    owner,
  ]);
}

/**
 * The contract invariants the generator promises: every installment's `collected_minor` and
 * every receipt's `amount − unapplied` is the sum of its active allocations (none on a voided
 * receipt), and no installment is over-collected.
 */
export async function checkReceivables(db: Kysely<Database>, tenantId: string): Promise<void> {
  const { rows } = await sql<{ n: unknown }>`
    select (select count(*) from payment_installments i
        left join (select a.installment_id, sum(a.amount_minor) as got from receipt_allocations a
          where a.tenant_id = ${tenantId} and a.reversed_at is null group by a.installment_id) x
          on x.installment_id = i.id
        where i.tenant_id = ${tenantId}
          and (coalesce(x.got, 0) <> i.collected_minor or i.collected_minor > i.amount_minor))
      + (select count(*) from receipts r
        left join (select a.receipt_id, sum(a.amount_minor) as got from receipt_allocations a
          where a.tenant_id = ${tenantId} and a.reversed_at is null group by a.receipt_id) x
          on x.receipt_id = r.id
        where r.tenant_id = ${tenantId} and (r.amount_minor - r.unapplied_minor <> coalesce(x.got, 0)
          or (r.status = 'voided' and x.got is not null))) as n`.execute(db);
  if (Number(rows[0]?.n) !== 0)
    throw new Error(
      `generated receivables break the contract invariants: ${Number(rows[0]?.n)} rows`,
    );
}
