import { describe, expect, it } from 'vitest';
import { twelveMonthsEndingWith } from './report-scope.js';

describe('the default report period', () => {
  it('is the twelve calendar months ending with the month of `to`', () => {
    expect(twelveMonthsEndingWith('2026-11-24')).toBe('2025-12-01');
    expect(twelveMonthsEndingWith('2026-03-15')).toBe('2025-04-01');
    expect(twelveMonthsEndingWith('2026-12-31')).toBe('2026-01-01');
    expect(twelveMonthsEndingWith('2026-01-01')).toBe('2025-02-01');
  });
});
