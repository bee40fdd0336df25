import type { ScoreContribution } from '../domain/leads/scoring.js';
import type { Locale } from '../domain/tenancy/tenant.js';

type Words = Record<Locale, string>;

const sourceNames: Record<string, Words> = {
  website: { en: 'website', 'zh-CN': '官网' },
  advertising: { en: 'advertising', 'zh-CN': '广告' },
  event: { en: 'event', 'zh-CN': '展会活动' },
  referral: { en: 'referral', 'zh-CN': '转介绍' },
  cold_outreach: { en: 'cold outreach', 'zh-CN': '陌生拜访' },
  partner: { en: 'partner', 'zh-CN': '合作伙伴' },
  social: { en: 'social media', 'zh-CN': '社交媒体' },
  import: { en: 'import', 'zh-CN': '导入' },
  other: { en: 'other', 'zh-CN': '其他' },
};

const bantNames: Record<string, Words> = {
  budget: { en: 'budget', 'zh-CN': '预算' },
  authority: { en: 'authority', 'zh-CN': '决策权' },
  need: { en: 'need', 'zh-CN': '需求' },
  timeline: { en: 'timeline', 'zh-CN': '时间' },
};

const signed = (points: number): string => (points > 0 ? `+${points}` : String(points));
const text = (value: string | number | undefined): string => String(value ?? '');

/** Why one rule added (or took away) points, from the contribution's own evidence. */
function contributionWords(c: ScoreContribution): Words {
  const pts = signed(c.points);
  const { detail } = c;
  switch (c.kind) {
    case 'source': {
      const name = sourceNames[text(detail.source)] ?? {
        en: text(detail.source),
        'zh-CN': text(detail.source),
      };
      return { en: `${pts}: source is ${name.en}`, 'zh-CN': `${pts}：来源为${name['zh-CN']}` };
    }
    case 'industry':
      return {
        en: `${pts}: industry ${text(detail.value)} fits the ICP`,
        'zh-CN': `${pts}：行业「${text(detail.value)}」符合理想客户画像`,
      };
    case 'region':
      return {
        en: `${pts}: region ${text(detail.value)} fits the ICP`,
        'zh-CN': `${pts}：地区「${text(detail.value)}」符合理想客户画像`,
      };
    case 'size':
      return {
        en: `${pts}: company size ${text(detail.value)} fits the ICP`,
        'zh-CN': `${pts}：公司规模 ${text(detail.value)} 符合理想客户画像`,
      };
    case 'bant': {
      const name = bantNames[text(detail.answer)] ?? {
        en: text(detail.answer),
        'zh-CN': text(detail.answer),
      };
      return {
        en: `${pts}: BANT ${name.en} is answered`,
        'zh-CN': `${pts}：已确认 BANT ${name['zh-CN']}`,
      };
    }
    case 'activity_count':
      return {
        en: `${pts}: ${text(detail.count)} activities in the last ${text(detail.withinDays)} days`,
        'zh-CN': `${pts}：近 ${text(detail.withinDays)} 天有 ${text(detail.count)} 次跟进`,
      };
    case 'recent_activity':
      return {
        en: `${pts}: activity within the last ${text(detail.withinDays)} days`,
        'zh-CN': `${pts}：近 ${text(detail.withinDays)} 天内有跟进`,
      };
  }
}

/** The contribution in one language, e.g. "+20: source is referral" / "+20：来源为转介绍". */
export function describeContribution(c: ScoreContribution, locale: Locale): string {
  return contributionWords(c)[locale];
}
