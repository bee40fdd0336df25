import { z } from 'zod';
import { collectionsFromCells } from '../../domain/analytics/collections.js';
import { bucketsOf } from '../../domain/analytics/period.js';
import { collectionCellsSql } from '../../store/analytics/collections.sql.js';
import { userNames } from '../../store/analytics/receivables-scope.js';
import { defineReport } from './report.js';
import { headers, money, percent } from './report-schemas.js';
import { receivablesHeader, ReceivablesHeader, receivablesScope } from './receivables-report.js';

const Figures = {
  plannedMinor: z.number().int().describe('Σ installments due in the period, minor units'),
  collectedMinor: z
    .number()
    .int()
    .describe('Σ active allocations of receipts received in the period, minor units'),
  rate: z
    .number()
    .nullable()
    .describe('collected / planned, 4 decimals; null when nothing was planned'),
};

const Rep = z.object({ ownerId: z.string(), ownerName: z.string().nullable(), ...Figures });

const CollectionsResult = z
  .object({
    ...ReceivablesHeader,
    grain: z.enum(['month', 'quarter']),
    currencies: z.array(
      z.object({
        currency: z.string(),
        ...Figures,
        periods: z.array(
          z.object({ from: z.string(), to: z.string(), ...Figures, reps: z.array(Rep) }),
        ),
        reps: z.array(Rep).describe('The whole period per rep'),
      }),
    ),
  })
  .meta({ id: 'CollectionsReport' });

export const collectionsReport = defineReport({
  name: 'collections',
  summary: 'Collections: collected vs planned per month or quarter and per rep, with the rate',
  description:
    'Per period bucket (month or quarter of local dates) and per rep (the contract owner): planned = Σ installments due in it, collected = Σ active allocations (not reversed, receipt not voided) of receipts received in it, and the collection rate collected / planned. Contracts not terminated; per currency (never added together); every currency and pipeline unless the filters name one.',
  options: z.strictObject({
    grain: z.enum(['month', 'quarter']).default('month').describe('Bucket size'),
  }),
  result: CollectionsResult,
  async run({ db, scope }, options) {
    const buckets = bucketsOf(scope.period, options.grain, scope.timeZone);
    const cells = await collectionCellsSql(db, receivablesScope(scope), buckets);
    const names = await userNames(
      db,
      scope.tenantId,
      cells.map((cell) => cell.ownerId),
    );
    const named = <T extends { ownerId: string }>(rep: T) => ({
      ...rep,
      ownerName: names.get(rep.ownerId) ?? null,
    });
    return {
      ...receivablesHeader(scope),
      grain: options.grain,
      currencies: collectionsFromCells(cells, buckets).map((currency) => ({
        ...currency,
        periods: currency.periods.map((period) => ({ ...period, reps: period.reps.map(named) })),
        reps: currency.reps.map(named),
      })),
    };
  },
  table(result, locale) {
    const zh = locale === 'zh-CN';
    const row = (
      currency: string,
      period: string,
      rep: string,
      f: { plannedMinor: number; collectedMinor: number; rate: number | null },
    ) => [currency, period, rep, money(f.plannedMinor), money(f.collectedMinor), percent(f.rate)];
    return {
      headers: headers(locale, [
        ['Currency', '币种'],
        ['Period', '期间'],
        ['Rep', '销售'],
        ['Planned', '计划回款'],
        ['Collected', '实际回款'],
        ['Collection rate', '回款率'],
      ]),
      rows: result.currencies.flatMap((c) => [
        ...c.periods.flatMap((p) => [
          row(c.currency, `${p.from} – ${p.to}`, zh ? '全部' : 'All', p),
          ...p.reps.map((r) => row(c.currency, `${p.from} – ${p.to}`, r.ownerName ?? r.ownerId, r)),
        ]),
        row(c.currency, zh ? '合计' : 'Total', zh ? '全部' : 'All', c),
      ]),
    };
  },
});
