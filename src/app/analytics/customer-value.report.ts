import { z } from 'zod';
import {
  compareAccountValue,
  compareTier,
  repeatRate,
} from '../../domain/lifecycle/customer-value.js';
import type { RepeatTally } from '../../domain/lifecycle/customer-value.js';
import { accountValues, repeatPurchaseByTier } from '../../store/analytics/customer-value.sql.js';
import type { PurchaseScope } from '../../store/analytics/customer-value.sql.js';
import type { ReportScope } from './report-scope.js';
import { defineReport } from './report.js';
import { headers, money, percent, ReportHeader, reportHeader } from './report-schemas.js';

const int = () => z.number().int();
const Tally = {
  accounts: int().describe('Accounts that bought (at least one contract) in the period'),
  repeatAccounts: int().describe('Of them, accounts with two contracts or more'),
  repeatRate: z.number().nullable().describe('repeatAccounts ÷ accounts; null when none bought'),
  contracts: int(),
  contractValueMinor: int().describe('Σ contract amounts'),
  collectedMinor: int().describe('Σ cash collected on these contracts (reversals excluded)'),
};

const CustomerValueResult = z
  .object({
    ...ReportHeader,
    overall: z.object(Tally),
    valueTiers: z.array(
      z.object({ tier: z.string().nullable().describe('null: unset'), ...Tally }),
    ),
    accounts: z
      .array(
        z.object({
          accountId: z.string(),
          accountName: z.string(),
          valueTier: z.string().nullable(),
          contracts: int(),
          contractValueMinor: int(),
          collectedMinor: int().describe('Lifetime value: cash collected'),
          firstPurchaseOn: z.string(),
          lastPurchaseOn: z.string(),
        }),
      )
      .describe('The most valuable accounts first (collected, then contract value), up to `limit`'),
  })
  .meta({ id: 'CustomerValueReport' });

type Result = z.output<typeof CustomerValueResult>;

/** The report's purchases: the scope's currency, owners and visibility, its period's days. */
export function purchaseScope(scope: ReportScope): PurchaseScope {
  return {
    tenantId: scope.tenantId,
    currency: scope.currency,
    from: scope.period.from,
    to: scope.period.to,
    ownerIds: scope.ownerIds,
    visibility: scope.visibility,
  };
}

const withRate = <T extends RepeatTally>(tally: T) => ({ ...tally, repeatRate: repeatRate(tally) });

const TIER_NAMES: Record<string, [string, string]> = {
  benchmark: ['Benchmark', '标杆客户'],
  high_yield: ['High yield', '高产客户'],
  potential: ['Potential', '潜力客户'],
};

export const customerValueReport = defineReport({
  name: 'customer-value',
  summary: 'Customer value: lifetime value per account and repeat-purchase rate per value tier',
  description:
    'The contracts bought in the period (a contract’s purchase day is its signing day, else its start date) in the currency, by the contract owner filter: per account the contracts, their value, the cash collected on them (active allocations; reversed ones excluded), first and last purchase day; and the repeat-purchase rate — accounts with two contracts or more among those with one or more — overall and per account value tier (null: unset). The pipeline filter does not apply (contracts belong to no pipeline).',
  options: z.strictObject({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('How many accounts to list (default 50); the tallies count them all'),
  }),
  result: CustomerValueResult,
  async run({ db, scope }, options) {
    const purchases = purchaseScope(scope);
    const [accounts, tiers] = await Promise.all([
      accountValues(db, purchases),
      repeatPurchaseByTier(db, purchases),
    ]);
    const overall = tiers.reduce<RepeatTally>(
      (sum, tier) => ({
        accounts: sum.accounts + tier.accounts,
        repeatAccounts: sum.repeatAccounts + tier.repeatAccounts,
        contracts: sum.contracts + tier.contracts,
        contractValueMinor: sum.contractValueMinor + tier.contractValueMinor,
        collectedMinor: sum.collectedMinor + tier.collectedMinor,
      }),
      { accounts: 0, repeatAccounts: 0, contracts: 0, contractValueMinor: 0, collectedMinor: 0 },
    );
    return {
      ...reportHeader(scope),
      overall: withRate(overall),
      valueTiers: tiers.sort((a, b) => compareTier(a.tier, b.tier)).map(withRate),
      // Ordered here, not in SQL: the databases collate the id tie-break differently.
      accounts: accounts.sort(compareAccountValue).slice(0, options.limit ?? 50),
    };
  },
  table(result: Result, locale) {
    const zh = locale === 'zh-CN';
    const tierName = (tier: string | null) =>
      tier === null ? (zh ? '（未设置）' : '(unset)') : (TIER_NAMES[tier]?.[zh ? 1 : 0] ?? tier);
    const tallyCells = (row: z.output<z.ZodObject<typeof Tally>>) => [
      row.accounts,
      row.repeatAccounts,
      percent(row.repeatRate),
      row.contracts,
      money(row.contractValueMinor),
      money(row.collectedMinor),
    ];
    return {
      headers: headers(locale, [
        ['Group', '分组'],
        ['Account', '客户'],
        ['Accounts', '客户数'],
        ['Repeat buyers', '复购客户数'],
        ['Repeat rate', '复购率'],
        ['Contracts', '合同数'],
        ['Contract value', '合同金额'],
        ['Collected (CLV)', '回款（客户终身价值）'],
        ['First purchase', '首次购买'],
        ['Last purchase', '最近购买'],
      ]),
      rows: [
        [zh ? '全部' : 'All', null, ...tallyCells(result.overall), null, null],
        ...result.valueTiers.map((row) => [
          zh ? '价值等级' : 'Value tier',
          tierName(row.tier),
          ...tallyCells(row),
          null,
          null,
        ]),
        ...result.accounts.map((row) => [
          zh ? '客户' : 'Account',
          row.accountName,
          null,
          null,
          null,
          row.contracts,
          money(row.contractValueMinor),
          money(row.collectedMinor),
          row.firstPurchaseOn,
          row.lastPurchaseOn,
        ]),
      ],
    };
  },
});
