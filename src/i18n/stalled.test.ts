import { describe, expect, it } from 'vitest';
import type { StallFlag } from '../domain/pipeline/stalled.js';
import { describeStall, stallMessages } from './stalled.js';

const examples: StallFlag[] = [
  { code: 'dwell_over_expected', days: 1, expectedDays: 0 },
  { code: 'dwell_over_p75', days: 16, p75Days: 15, sampleSize: 20 },
  {
    code: 'required_actions_pending',
    actions: [
      { key: 'a', nameZh: '需求调研', nameEn: 'Discovery' },
      { key: 'b', nameZh: '高层拜访', nameEn: 'Executive visit' },
    ],
    daysInStage: 8,
    afterDays: 7,
  },
  { code: 'no_recent_activity', lastActivityAt: null, cadenceDays: 3, daysSince: 4 },
  {
    code: 'no_recent_activity',
    lastActivityAt: '2026-03-01T00:00:00.000Z',
    cadenceDays: 3,
    daysSince: 4,
  },
];

describe('stall messages', () => {
  it.each(examples)('explains $code in Chinese and English', (flag) => {
    const words = stallMessages(flag);
    expect(words['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(words.en).not.toMatch(/[\u4e00-\u9fff]/);
    expect(describeStall(flag, 'en')).toBe(words.en);
  });

  it('names actions in each language and counts days in English grammar', () => {
    const [expected, , actions] = examples;
    if (!expected || !actions) throw new Error('examples');
    expect(describeStall(expected, 'en')).toBe(
      'In this stage for 1 day, longer than the expected 0 days.',
    );
    expect(describeStall(actions, 'en')).toContain('Discovery, Executive visit');
    expect(describeStall(actions, 'zh-CN')).toContain('需求调研、高层拜访');
  });
});
