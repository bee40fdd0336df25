import { z } from 'zod';
import { BANDS, DEFAULT_BANDS, mixFrom } from '../../domain/analytics/mix.js';
import type { MixFigures } from '../../domain/analytics/mix.js';
import { DomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import { mixCells } from '../../store/analytics/mix.sql.js';
import { defineReport } from './report.js';
import { headers, money, percent, ReportHeader, reportHeader } from './report-schemas.js';

const int = () => z.number().int();
const Tally = {
  deals: int().describe('Deals created in the period'),
  amountMinor: int(),
  won: int().describe('Of them, won by now'),
  wonAmountMinor: int().describe('Won revenue'),
  lost: int(),
  winRate: z
    .number()
    .nullable()
    .describe('won ÷ (won + lost) of these deals; null when none closed'),
};

const MixResult = z
  .object({
    ...ReportHeader,
    sizeBands: z.array(
      z.object({
        band: z.enum(BANDS),
        fromMinor: int().describe('Smallest amount in the band, inclusive'),
        belowMinor: int().nullable().describe('Amounts below this; null for the top band'),
        ...Tally,
      }),
    ),
    products: z
      .array(z.object({ productType: z.string(), customisation: z.string(), ...Tally }))
      .describe('Deals with a line of the kind (once each); amounts are the lines’ amounts'),
    dealsWithoutProducts: int(),
    valueTiers: z.array(
      z.object({ tier: z.string().nullable().describe('null: unrated'), ...Tally }),
    ),
    sources: z.array(
      z.object({
        source: z.string().nullable().describe('null: deals without a source'),
        leads: int().describe('Leads from the source created in the period'),
        convertedLeads: int().describe('Of them, leads that became an in-scope deal'),
        leadConversion: z.number().nullable(),
        ...Tally,
      }),
    ),
  })
  .meta({ id: 'MixReport' });

type Result = z.output<typeof MixResult>;

const BAND_NAMES = {
  big: ['Big', '大单'],
  medium: ['Medium', '中单'],
  standard: ['Standard', '标准单'],
} as const;
const WORDS: Record<string, [string, string]> = {
  lighthouse: ['Lighthouse', '灯塔'],
  cornerstone: ['Cornerstone', '基石'],
  standard: ['standard', '标准'],
  customised: ['customised', '定制'],
};
const word = (key: string | null, locale: Locale, none: [string, string]) => {
  const pair = key === null ? none : (WORDS[key] ?? [key, key]);
  return locale === 'zh-CN' ? pair[1] : pair[0];
};

function present(figures: MixFigures, bigFromMinor: number, mediumFromMinor: number) {
  const bounds = {
    big: [bigFromMinor, null],
    medium: [mediumFromMinor, bigFromMinor],
    standard: [0, mediumFromMinor],
  } as const;
  return {
    sizeBands: figures.bands.map(({ band, ...tally }) => ({
      band,
      fromMinor: bounds[band][0],
      belowMinor: bounds[band][1],
      ...tally,
    })),
    products: figures.products,
    dealsWithoutProducts: figures.dealsWithoutProducts,
    valueTiers: figures.tiers,
    sources: figures.sources,
  };
}

export const mixReport = defineReport({
  name: 'mix',
  summary: 'Mix: deal-size pyramid, product type, customer value tier, lead source to revenue',
  description:
    'The deals created in the period, as they stand now, grouped four ways, each group with deals, amount, won, won revenue, lost and win rate (won ÷ (won + lost) of the group’s deals): by size band (big ≥ `bigFrom`, medium ≥ `mediumFrom`, standard below; defaults 1,000,000.00 and 200,000.00 in the currency), by product type × customisation (a deal counts once per kind it has a line of; amounts are the lines’ amounts), by the account’s value tier, and by source — with the leads from each source created in the period and how many became a deal in scope.',
  options: z.strictObject({
    bigFrom: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Minor units; deals at least this big are "big". Default 100000000 (1,000,000.00)'),
    mediumFrom: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Minor units; at least this and below bigFrom is "medium". Default 20000000'),
  }),
  result: MixResult,
  async run({ db, scope }, options) {
    const bigFromMinor = options.bigFrom ?? DEFAULT_BANDS.bigFromMinor;
    const mediumFromMinor =
      options.mediumFrom ?? Math.min(DEFAULT_BANDS.mediumFromMinor, bigFromMinor);
    if (mediumFromMinor > bigFromMinor)
      throw new DomainError('validation_failed', {}, [
        {
          path: 'mediumFrom',
          code: 'invalid_bands',
          message: 'mediumFrom must not exceed bigFrom',
        },
      ]);
    const cells = await mixCells(db, scope, {
      start: scope.period.start,
      end: scope.period.end,
      bands: { bigFromMinor, mediumFromMinor },
    });
    return { ...reportHeader(scope), ...present(mixFrom(cells), bigFromMinor, mediumFromMinor) };
  },
  table(result: Result, locale) {
    const zh = locale === 'zh-CN';
    const figures = (row: z.output<z.ZodObject<typeof Tally>>) => [
      row.deals,
      money(row.amountMinor),
      row.won,
      money(row.wonAmountMinor),
      percent(row.winRate),
    ];
    const dim = (en: string, zhText: string) => (zh ? zhText : en);
    return {
      headers: headers(locale, [
        ['Dimension', '维度'],
        ['Group', '分组'],
        ['Leads', '线索数'],
        ['Converted leads', '转化线索数'],
        ['Deals', '商机数'],
        ['Amount', '金额'],
        ['Won', '赢单数'],
        ['Won amount', '赢单金额'],
        ['Win rate', '赢率'],
      ]),
      rows: [
        ...result.sizeBands.map((row) => [
          dim('Size', '规模'),
          BAND_NAMES[row.band][zh ? 1 : 0],
          null,
          null,
          ...figures(row),
        ]),
        ...result.products.map((row) => [
          dim('Product', '产品'),
          `${word(row.productType, locale, ['', ''])} / ${word(row.customisation, locale, ['', ''])}`,
          null,
          null,
          ...figures(row),
        ]),
        ...result.valueTiers.map((row) => [
          dim('Value tier', '客户价值等级'),
          word(row.tier, locale, ['(unrated)', '（未评级）']),
          null,
          null,
          ...figures(row),
        ]),
        ...result.sources.map((row) => [
          dim('Source', '来源'),
          word(row.source, locale, ['(none)', '（无）']),
          row.leads,
          row.convertedLeads,
          ...figures(row),
        ]),
      ],
    };
  },
});
