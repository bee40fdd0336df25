import type { StallFlag } from '../domain/pipeline/stalled.js';
import type { Locale } from '../domain/tenancy/tenant.js';

type Words = Record<Locale, string>;

const days = (n: number): Words => ({ en: n === 1 ? '1 day' : `${n} days`, 'zh-CN': `${n} 天` });

/** Why a deal is flagged as stalled, in words, from the flag's own evidence. */
export function stallMessages(flag: StallFlag): Words {
  switch (flag.code) {
    case 'dwell_over_expected':
      return {
        en: `In this stage for ${days(flag.days).en}, longer than the expected ${days(flag.expectedDays).en}.`,
        'zh-CN': `已在本阶段停留 ${flag.days} 天，超过预期的 ${flag.expectedDays} 天。`,
      };
    case 'dwell_over_p75':
      return {
        en: `In this stage for ${days(flag.days).en}, longer than 75% of past deals here (${days(flag.p75Days).en}, from ${flag.sampleSize} deals).`,
        'zh-CN': `已在本阶段停留 ${flag.days} 天，超过本阶段 75% 的历史商机（${flag.p75Days} 天，样本 ${flag.sampleSize} 个）。`,
      };
    case 'required_actions_pending':
      return {
        en: `Required key actions still not done after ${days(flag.daysInStage).en} in this stage: ${flag.actions.map((a) => a.nameEn).join(', ')}.`,
        'zh-CN': `进入本阶段已 ${flag.daysInStage} 天，必做关键动作仍未完成：${flag.actions.map((a) => a.nameZh).join('、')}。`,
      };
    case 'no_recent_activity':
      return flag.lastActivityAt === null
        ? {
            en: `No activity logged in the ${days(flag.daysSince).en} since the deal was created (follow up every ${days(flag.cadenceDays).en}).`,
            'zh-CN': `商机创建 ${flag.daysSince} 天以来没有任何跟进记录（跟进节奏：每 ${flag.cadenceDays} 天）。`,
          }
        : {
            en: `No activity for ${days(flag.daysSince).en} (follow up every ${days(flag.cadenceDays).en}).`,
            'zh-CN': `已 ${flag.daysSince} 天没有跟进记录（跟进节奏：每 ${flag.cadenceDays} 天）。`,
          };
  }
}

/** The flag's message in one language. */
export function describeStall(flag: StallFlag, locale: Locale): string {
  return stallMessages(flag)[locale];
}
