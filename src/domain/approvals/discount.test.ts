import { describe, expect, it } from 'vitest';
import { discountBasisPoints, discountNeedsApproval } from './discount.js';

const line = (quantity: number, unitPriceMinor: number, amountMinor: number) => ({
  quantity,
  unitPriceMinor,
  amountMinor,
});

describe('discount depth', () => {
  it.each([
    ['no lines', [], 0],
    ['list price', [line(2, 10_000, 20_000)], 0],
    ['one line at 20% off', [line(1, 10_000, 8_000)], 2_000],
    // the deepest line counts even when the deal overall is shallower
    ['a deep line among full-price ones', [line(1, 10_000, 5_000), line(9, 10_000, 90_000)], 5_000],
    // a negative discount line counts against the deal's list value
    ['a discount line', [line(1, 10_000, 10_000), line(1, -2_500, -2_500)], 2_500],
    ['free lines only', [line(1, 0, 0)], 0],
  ])('%s', (_name, lines, expected) => {
    expect(discountBasisPoints(lines)).toBe(expected);
  });

  it('needs sign-off strictly above the threshold, never when it is off', () => {
    expect(discountNeedsApproval(1_500, 15)).toBe(false);
    expect(discountNeedsApproval(1_501, 15)).toBe(true);
    expect(discountNeedsApproval(9_000, null)).toBe(false);
    expect(discountNeedsApproval(1_251, 12.5)).toBe(true);
  });
});
