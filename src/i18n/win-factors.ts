import { NONE } from '../domain/analytics/win-model/features.js';
import type { WinFeature } from '../domain/analytics/win-model/features.js';
import type { WinFactor } from '../domain/analytics/win-model/naive-bayes.js';
import type { Locale } from '../domain/tenancy/tenant.js';

type Words = Record<Locale, string>;

const featureNames: Record<WinFeature, Words> = {
  stage: { en: 'Stage', 'zh-CN': '阶段' },
  source: { en: 'Source', 'zh-CN': '来源' },
  industry: { en: 'Industry', 'zh-CN': '行业' },
  size: { en: 'Account size', 'zh-CN': '客户规模' },
  product: { en: 'Main product type', 'zh-CN': '主要产品类型' },
  owner: { en: 'Owner', 'zh-CN': '负责人' },
  age_in_stage: { en: 'Days in stage', 'zh-CN': '在本阶段天数' },
  activities: { en: 'Activities logged', 'zh-CN': '跟进活动数' },
};

export function winFeatureName(feature: WinFeature, locale: Locale): string {
  return featureNames[feature][locale];
}

/** How a value reads: buckets get their unit, ids their name when the caller knows it. */
function valueText(factor: WinFactor, locale: Locale, label: string | undefined): string {
  if (factor.value === NONE) return locale === 'zh-CN' ? '（无）' : '(none)';
  if (label !== undefined) return label;
  if (factor.feature === 'age_in_stage')
    return locale === 'zh-CN' ? `${factor.value} 天` : `${factor.value} days`;
  if (factor.feature === 'activities')
    return locale === 'zh-CN' ? `${factor.value} 次` : factor.value;
  return factor.value;
}

/** e^weight: how many times the odds of winning are multiplied, to two significant digits. */
export function oddsMultiplier(factor: WinFactor): number {
  return Number(Math.exp(factor.weight).toPrecision(2));
}

/**
 * Why a deal's learned probability is what it is, one factor at a time, e.g.
 * "Source: referral — won deals had it more often than lost ones (odds ×3.2)".
 * `label` names an id value (a stage's or an owner's name) in the reader's language.
 */
export function winFactorMessages(factor: WinFactor, label?: Words): Words {
  const times = oddsMultiplier(factor);
  const en = valueText(factor, 'en', label?.en);
  const zh = valueText(factor, 'zh-CN', label?.['zh-CN']);
  return factor.direction === 'raises'
    ? {
        en: `${featureNames[factor.feature].en}: ${en} — more common among won deals than lost ones (odds ×${times}).`,
        'zh-CN': `${featureNames[factor.feature]['zh-CN']}：${zh}——赢单中比输单中更常见（赢单几率 ×${times}）。`,
      }
    : {
        en: `${featureNames[factor.feature].en}: ${en} — more common among lost deals than won ones (odds ×${times}).`,
        'zh-CN': `${featureNames[factor.feature]['zh-CN']}：${zh}——输单中比赢单中更常见（赢单几率 ×${times}）。`,
      };
}

export function describeWinFactor(factor: WinFactor, locale: Locale, label?: Words): string {
  return winFactorMessages(factor, label)[locale];
}

/** Why a pipeline has no learned probabilities, for the CLI and the report. */
export function insufficientDataMessages(
  reason: 'too_few_closed_deals' | 'one_outcome_only',
  closedDeals: number,
  minimum: number,
): Words {
  return reason === 'too_few_closed_deals'
    ? {
        en: `Not trained: ${closedDeals} closed deals, at least ${minimum} are needed. Deals keep their stage probability.`,
        'zh-CN': `未训练：已关闭商机 ${closedDeals} 个，至少需要 ${minimum} 个。商机仍使用阶段概率。`,
      }
    : {
        en: `Not trained: the closed deals are all won or all lost, so there is nothing to tell apart. Deals keep their stage probability.`,
        'zh-CN': `未训练：已关闭商机全部赢单或全部输单，无从区分。商机仍使用阶段概率。`,
      };
}
