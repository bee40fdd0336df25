import { z } from 'zod';
import { addAging, emptyAging } from '../../domain/analytics/receivables-aging.js';
import type { AgingAmounts } from '../../domain/analytics/receivables-aging.js';
import { agingCells } from '../../store/analytics/receivables-aging.sql.js';
import type { AgingCell } from '../../store/analytics/receivables-aging.sql.js';
import { defineReport } from './report.js';
import { headers, LocalDate, money } from './report-schemas.js';
import { receivablesHeader, ReceivablesHeader, receivablesScope } from './receivables-report.js';

const Amounts = {
  notDue: z.number().int().describe('Not yet due (due on or after asOf), minor units'),
  days1to30: z.number().int().describe('1–30 days overdue'),
  days31to60: z.number().int().describe('31–60 days overdue'),
  days61to90: z.number().int().describe('61–90 days overdue'),
  over90: z.number().int().describe('More than 90 days overdue'),
  total: z.number().int().describe('All outstanding'),
};

const AgingResult = z
  .object({
    ...ReceivablesHeader,
    asOf: z.string().describe('The date days overdue are counted to (default: today)'),
    currencies: z.array(
      z.object({
        currency: z.string(),
        totals: z.object(Amounts),
        accounts: z.array(z.object({ accountId: z.string(), accountName: z.string(), ...Amounts })),
        owners: z.array(z.object({ ownerId: z.string(), ownerName: z.string(), ...Amounts })),
      }),
    ),
  })
  .meta({ id: 'ReceivablesAgingReport' });

/** Cells (currency × account × owner) summed per currency, per account and per owner. */
function shape(cells: readonly AgingCell[]) {
  const currencies = [...new Set(cells.map((cell) => cell.currency))].sort();
  return currencies.map((currency) => {
    const mine = cells.filter((cell) => cell.currency === currency);
    const totals = emptyAging();
    const accounts = new Map<string, AgingAmounts & { accountId: string; accountName: string }>();
    const owners = new Map<string, AgingAmounts & { ownerId: string; ownerName: string }>();
    for (const cell of mine) {
      addAging(totals, cell);
      const account = accounts.get(cell.accountId) ?? {
        accountId: cell.accountId,
        accountName: cell.accountName,
        ...emptyAging(),
      };
      addAging(account, cell);
      accounts.set(cell.accountId, account);
      const owner = owners.get(cell.ownerId) ?? {
        ownerId: cell.ownerId,
        ownerName: cell.ownerName,
        ...emptyAging(),
      };
      addAging(owner, cell);
      owners.set(cell.ownerId, owner);
    }
    const byId = <T>(map: Map<string, T>) =>
      [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, value]) => value);
    return { currency, totals, accounts: byId(accounts), owners: byId(owners) };
  });
}

export const receivablesAgingReport = defineReport({
  name: 'receivables-aging',
  summary: 'Receivables aging: outstanding installments by days overdue, per account and owner',
  description:
    'As of a date (default today, tenant time zone): the outstanding amount (amount − collected) of every unpaid installment of a contract not terminated, in buckets by days overdue (asOf − due date): not yet due, 1–30, 31–60, 61–90, more than 90. Totals, per account and per contract owner, per currency (currencies are never added together; every currency unless `currency` is given; every pipeline unless `pipelineId` is given).',
  options: z.strictObject({
    asOf: LocalDate.optional().describe('Count days overdue to this date (default: today)'),
  }),
  result: AgingResult,
  async run({ db, scope }, options) {
    const asOf = options.asOf ?? scope.today;
    const cells = await agingCells(db, receivablesScope(scope), asOf);
    return { ...receivablesHeader(scope), asOf, currencies: shape(cells) };
  },
  table(result, locale) {
    const zh = locale === 'zh-CN';
    const row = (currency: string, kind: string, name: string, a: AgingAmounts) => [
      currency,
      kind,
      name,
      money(a.notDue),
      money(a.days1to30),
      money(a.days31to60),
      money(a.days61to90),
      money(a.over90),
      money(a.total),
    ];
    return {
      headers: headers(locale, [
        ['Currency', '币种'],
        ['By', '维度'],
        ['Name', '名称'],
        ['Not yet due', '未到期'],
        ['1–30 days', '逾期 1–30 天'],
        ['31–60 days', '逾期 31–60 天'],
        ['61–90 days', '逾期 61–90 天'],
        ['Over 90 days', '逾期 90 天以上'],
        ['Total', '合计'],
      ]),
      rows: result.currencies.flatMap((c) => [
        row(c.currency, zh ? '合计' : 'Total', '', c.totals),
        ...c.accounts.map((a) => row(c.currency, zh ? '客户' : 'Account', a.accountName, a)),
        ...c.owners.map((o) => row(c.currency, zh ? '负责人' : 'Owner', o.ownerName, o)),
      ]),
    };
  },
});
