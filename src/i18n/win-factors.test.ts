import { describe, expect, it } from 'vitest';
import { NONE } from '../domain/analytics/win-model/features.js';
import type { WinFactor } from '../domain/analytics/win-model/naive-bayes.js';
import { describeWinFactor, insufficientDataMessages, oddsMultiplier } from './win-factors.js';

const factor = (overrides: Partial<WinFactor>): WinFactor => ({
  feature: 'source',
  value: 'referral',
  weight: Math.log(3.2),
  direction: 'raises',
  ...overrides,
});

describe('win factor messages', () => {
  it.each([
    [
      factor({}),
      'Source: referral — more common among won deals than lost ones (odds ×3.2).',
      '来源：referral——赢单中比输单中更常见（赢单几率 ×3.2）。',
    ],
    [
      factor({
        feature: 'age_in_stage',
        value: '91+',
        weight: Math.log(0.25),
        direction: 'lowers',
      }),
      'Days in stage: 91+ days — more common among lost deals than won ones (odds ×0.25).',
      '在本阶段天数：91+ 天——输单中比赢单中更常见（赢单几率 ×0.25）。',
    ],
    [
      factor({ feature: 'industry', value: NONE, weight: Math.log(0.5), direction: 'lowers' }),
      'Industry: (none) — more common among lost deals than won ones (odds ×0.5).',
      '行业：（无）——输单中比赢单中更常见（赢单几率 ×0.5）。',
    ],
  ])('%o', (f, en, zh) => {
    expect(describeWinFactor(f, 'en')).toBe(en);
    expect(describeWinFactor(f, 'zh-CN')).toBe(zh);
  });

  it('names a stage or an owner instead of its id', () => {
    const stage = factor({ feature: 'stage', value: '0190-id' });
    expect(describeWinFactor(stage, 'zh-CN', { en: 'Propose', 'zh-CN': '方案论证' })).toMatch(
      /^阶段：方案论证——/,
    );
  });

  it('rounds the odds multiplier to two significant digits', () => {
    expect(oddsMultiplier(factor({ weight: Math.log(12.345) }))).toBe(12);
    expect(oddsMultiplier(factor({ weight: 0.0001 }))).toBe(1);
  });

  it('explains a refusal in both languages', () => {
    const words = insufficientDataMessages('too_few_closed_deals', 12, 30);
    expect(words.en).toContain('12 closed deals, at least 30');
    expect(words['zh-CN']).toContain('至少需要 30 个');
  });
});
