import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, generatePlan, planProblem } from './payment-plan.js';

describe('generatePlan', () => {
  it('splits any amount exactly, equal shares with the remainder on the last', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 24 }),
        (amount, count, everyMonths) => {
          const plan = generatePlan(amount, { count, everyMonths, firstDueDate: '2026-01-31' });
          expect(plan).toHaveLength(count);
          expect(plan.reduce((sum, i) => sum + i.amountMinor, 0)).toBe(amount);
          const share = Math.floor(amount / count);
          expect(plan.slice(0, -1).every((i) => i.amountMinor === share)).toBe(true);
          expect(plan.at(-1)!.amountMinor - share).toBeLessThan(count);
          expect(plan.map((i) => i.seq)).toEqual(plan.map((_, index) => index + 1));
          // due dates never go backwards, so the plan passes its own check when shares are > 0
          if (share > 0) expect(planProblem(amount, plan)).toBeNull();
        },
      ),
    );
  });

  it('steps months from the first due date, clamping to the month end', () => {
    const plan = generatePlan(1_000, { count: 4, everyMonths: 1, firstDueDate: '2024-01-31' });
    expect(plan.map((i) => i.dueDate)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
    expect(plan.map((i) => i.amountMinor)).toEqual([250, 250, 250, 250]);
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});

describe('planProblem', () => {
  it('names what is wrong', () => {
    expect(planProblem(100, [])).toBe('empty');
    expect(planProblem(100, [{ dueDate: '2026-01-01', amountMinor: 99 }])).toBe('sum_mismatch');
    expect(planProblem(100, [{ dueDate: '2026-01-01', amountMinor: 0 }])).toBe('not_positive');
    expect(
      planProblem(100, [
        { dueDate: '2026-02-01', amountMinor: 50 },
        { dueDate: '2026-01-01', amountMinor: 50 },
      ]),
    ).toBe('dates_not_ascending');
  });
});
