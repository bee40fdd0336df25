import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { checkBoardFilter, isOverdue, weightedMinor } from './board.js';

const now = new Date('2026-03-10T12:00:00Z');
const open = { status: 'open', expectedCloseDate: null, deadlineAt: null };

describe('board rules', () => {
  it('flags an open deal overdue by its close date (tenant calendar) or follow-up deadline', () => {
    expect(isOverdue(open, '2026-03-10', now)).toBe(false);
    expect(isOverdue({ ...open, expectedCloseDate: '2026-03-09' }, '2026-03-10', now)).toBe(true);
    expect(isOverdue({ ...open, expectedCloseDate: '2026-03-10' }, '2026-03-10', now)).toBe(false);
    expect(isOverdue({ ...open, deadlineAt: '2026-03-10T12:00:00.000Z' }, '2026-03-10', now)).toBe(
      true,
    );
    expect(isOverdue({ ...open, deadlineAt: '2026-03-10T12:00:01.000Z' }, '2026-03-10', now)).toBe(
      false,
    );
    expect(
      isOverdue({ ...open, status: 'won', expectedCloseDate: '2020-01-01' }, '2026-03-10', now),
    ).toBe(false);
  });

  it('refuses empty ranges (422) and amounts without a currency (400)', () => {
    const code = (filter: Parameters<typeof checkBoardFilter>[0]) => {
      try {
        checkBoardFilter(filter);
        return 'ok';
      } catch (error) {
        return error instanceof DomainError ? error.code : 'other';
      }
    };
    expect(code({ amountMin: 5, amountMax: 4, currency: 'CNY' })).toBe('invalid_range');
    expect(code({ closeFrom: '2026-02-01', closeTo: '2026-01-31' })).toBe('invalid_range');
    expect(code({ amountMin: 5 })).toBe('validation_failed');
    expect(code({ amountMin: 5, amountMax: 5, currency: 'CNY', closeFrom: '2026-01-01' })).toBe(
      'ok',
    );
  });

  it('weights amounts by the stage probability, rounding once', () => {
    expect(weightedMinor(1001, 50)).toBe(501);
    expect(weightedMinor(0, 100)).toBe(0);
  });
});
