import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultDeadlineRules,
  dueCutoffs,
  nextDeadline,
  planDeadline,
  reminderWindow,
  stageDeadline,
} from './deadlines.js';
import type { DeadlineLevel } from './deadlines.js';

const rules = { followUpDays: 7, escalateAfterDays: 2, recycleAfterDays: 5, remindBeforeDays: 1 };
const at = (iso: string) => new Date(iso);
const deadlineAt = '2026-11-10T00:00:00.000Z';

describe('planDeadline', () => {
  it('does nothing before the deadline', () => {
    expect(
      planDeadline({ deadlineAt, level: 0, recyclable: true }, rules, at('2026-11-09T23:59:59Z')),
    ).toEqual([]);
  });

  it('notifies the owner once the deadline passes', () => {
    expect(planDeadline({ deadlineAt, level: 0, recyclable: true }, rules, at(deadlineAt))).toEqual(
      ['notify'],
    );
  });

  it('escalates after the escalation delay, recycles after the recycle delay', () => {
    expect(
      planDeadline({ deadlineAt, level: 1, recyclable: true }, rules, at('2026-11-12T00:00:00Z')),
    ).toEqual(['escalate']);
    expect(
      planDeadline({ deadlineAt, level: 2, recyclable: true }, rules, at('2026-11-15T00:00:00Z')),
    ).toEqual(['recycle']);
  });

  it('does everything due at once when the sweep ran late, so the owner still hears', () => {
    expect(
      planDeadline({ deadlineAt, level: 0, recyclable: true }, rules, at('2026-11-20T00:00:00Z')),
    ).toEqual(['notify', 'escalate', 'recycle']);
  });

  it('never recycles a deal', () => {
    expect(
      planDeadline({ deadlineAt, level: 2, recyclable: false }, rules, at('2027-01-01T00:00:00Z')),
    ).toEqual([]);
  });
});

describe('dueCutoffs', () => {
  // The sweep's query is built from the cutoffs: it must select exactly the items the
  // planner has work for, or a sweep would loop on nothing or miss a due step.
  it('selects an item exactly when the planner has a step for it', () => {
    fc.assert(
      fc.property(
        fc.record({
          followUpDays: fc.integer({ min: 1, max: 30 }),
          escalateAfterDays: fc.integer({ min: 0, max: 30 }),
          recycleAfterDays: fc.integer({ min: 0, max: 60 }),
          remindBeforeDays: fc.integer({ min: 0, max: 5 }),
        }),
        fc.constantFrom<DeadlineLevel>(0, 1, 2),
        fc.boolean(),
        fc.integer({ min: -10 * 86_400_000, max: 90 * 86_400_000 }),
        (r, level, recyclable, lateMs) => {
          const now = at('2026-11-23T12:00:00Z');
          const deadline = new Date(now.getTime() - lateMs).toISOString();
          const selected = dueCutoffs(r, recyclable, now).some(
            (cutoff) => cutoff.level === level && deadline <= cutoff.dueBy,
          );
          const planned = planDeadline({ deadlineAt: deadline, level, recyclable }, r, now);
          expect(selected).toBe(planned.length > 0);
        },
      ),
    );
  });
});

describe('next deadlines', () => {
  it('counts follow-up days from the moment of the follow-up', () => {
    expect(nextDeadline(at('2026-11-23T08:00:00Z'), defaultDeadlineRules.followUpDays)).toBe(
      '2026-11-30T08:00:00.000Z',
    );
  });

  it('uses the stage cadence for open deals, none for closed stages', () => {
    const from = at('2026-11-23T08:00:00Z');
    expect(stageDeadline({ kind: 'open', cadenceDays: 1 }, from)).toBe('2026-11-24T08:00:00.000Z');
    expect(stageDeadline({ kind: 'open', cadenceDays: null }, from)).toBeNull();
    expect(stageDeadline({ kind: 'won', cadenceDays: 1 }, from)).toBeNull();
  });
});

describe('reminderWindow', () => {
  it('covers the deadlines not yet missed and at most the lead time ahead', () => {
    const now = at('2026-11-23T12:00:00Z');
    expect(reminderWindow({ ...rules, remindBeforeDays: 2 }, now)).toEqual({
      after: '2026-11-23T12:00:00.000Z',
      until: '2026-11-25T12:00:00.000Z',
    });
  });

  it('is off at zero days', () => {
    expect(reminderWindow({ ...rules, remindBeforeDays: 0 }, at('2026-11-23T12:00:00Z'))).toBe(
      null,
    );
  });
});
