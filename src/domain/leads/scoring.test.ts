import { describe, expect, it } from 'vitest';
import { scoreLead } from './scoring.js';
import type { ScoredFields } from './scoring.js';
import { defaultScoringRules } from './scoring-rules.js';
import type { ScoringRule } from './scoring-rules.js';

const base: ScoredFields = {
  source: 'other',
  industry: null,
  region: null,
  size: null,
  bantBudget: null,
  bantAuthority: null,
  bantNeed: null,
  bantTimeline: null,
};
const now = new Date('2026-03-10T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('lead scoring', () => {
  it('adds the points of every matching rule and says which rule and why', () => {
    const score = scoreLead(defaultScoringRules, {
      lead: { ...base, source: 'referral', size: 'enterprise', bantNeed: 'CRM' },
      activityDates: [daysAgo(1), daysAgo(10), daysAgo(20), daysAgo(25), daysAgo(40)],
      now,
    });
    expect(score.contributions).toEqual([
      { rule: 0, kind: 'source', points: 20, detail: { source: 'referral' } },
      { rule: 6, kind: 'size', points: 10, detail: { value: 'enterprise' } },
      { rule: 9, kind: 'bant', points: 10, detail: { answer: 'need' } },
      // Four activities in 30 days at 5 each, capped at 15; the one 40 days ago does not count.
      { rule: 11, kind: 'activity_count', points: 15, detail: { count: 4, withinDays: 30 } },
      { rule: 12, kind: 'recent_activity', points: 5, detail: { withinDays: 7 } },
    ]);
    expect(score.score).toBe(60);
  });

  it('matches ICP lists however they are typed, and keeps the score within 0–100', () => {
    const rules: ScoringRule[] = [
      { kind: 'industry', values: ['Manufacturing', '制造业'], points: 70 },
      { kind: 'region', values: ['华东'], points: 50 },
      { kind: 'source', source: 'cold_outreach', points: -30 },
    ];
    const high = scoreLead(rules, {
      lead: { ...base, industry: '  manufacturing ', region: '华东' },
      activityDates: [],
      now,
    });
    expect(high).toMatchObject({ score: 100, total: 120 });
    expect(high.contributions[0]?.detail).toEqual({ value: 'manufacturing' });
    const low = scoreLead(rules, {
      lead: { ...base, source: 'cold_outreach' },
      activityDates: [],
      now,
    });
    expect(low).toMatchObject({ score: 0, total: -30 });
  });

  it('gives nothing for blank answers, no activity, or zero-point rules', () => {
    const score = scoreLead(
      [...defaultScoringRules, { kind: 'source', source: 'other', points: 0 }],
      { lead: { ...base, bantAuthority: '   ' }, activityDates: [], now },
    );
    expect(score).toEqual({ score: 0, total: 0, contributions: [] });
  });
});
