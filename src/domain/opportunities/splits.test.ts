import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { effectiveSplits, splitsAfterOwnerChange, validateSplits } from './splits.js';
import type { SplitLine } from './splits.js';

const team = {
  ownerId: 'owner',
  members: [
    { userId: 'co', role: 'co_seller' as const },
    { userId: 'mentor', role: 'mentor' as const },
  ],
};

function codesOf(lines: SplitLine[]): string[] {
  try {
    validateSplits(lines, team);
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.code).toBe('splits_invalid');
    return error.issues.map((issue) => issue.code);
  }
}

describe('credit splits', () => {
  it('accepts a mentor share inside 100 % of performance, and no lines at all', () => {
    expect(
      codesOf([
        { type: 'performance', userId: 'owner', shareBp: 7000 },
        { type: 'performance', userId: 'co', shareBp: 2000 },
        { type: 'performance', userId: 'mentor', shareBp: 1000 },
      ]),
    ).toEqual([]);
    expect(codesOf([])).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    expect(
      codesOf([
        { type: 'revenue', userId: 'owner', shareBp: 5000 },
        { type: 'revenue', userId: 'owner', shareBp: 4000 },
        { type: 'revenue', userId: 'stranger', shareBp: 1000 },
        { type: 'customer_ownership', userId: 'mentor', shareBp: 10_000 },
        { type: 'performance', userId: 'owner', shareBp: 10_000.5 },
      ]).sort(),
    ).toEqual(
      [
        'split_duplicate',
        'split_not_on_team',
        'split_role_not_allowed',
        'split_share_invalid',
        'split_sum_not_full',
      ].sort(),
    );
  });

  it('gives the owner 100 % of each type without lines', () => {
    expect(effectiveSplits([{ type: 'revenue', userId: 'co', shareBp: 10_000 }], 'owner')).toEqual([
      { type: 'performance', userId: 'owner', shareBp: 10_000 },
      { type: 'revenue', userId: 'co', shareBp: 10_000 },
      { type: 'customer_ownership', userId: 'owner', shareBp: 10_000 },
    ]);
  });

  it('passes the old owner’s shares to the new owner, merged with theirs', () => {
    expect(
      splitsAfterOwnerChange(
        [
          { type: 'performance', userId: 'owner', shareBp: 6000 },
          { type: 'performance', userId: 'co', shareBp: 3000 },
          { type: 'performance', userId: 'mentor', shareBp: 1000 },
        ],
        'owner',
        'co',
      ),
    ).toEqual([
      { type: 'performance', userId: 'co', shareBp: 9000 },
      { type: 'performance', userId: 'mentor', shareBp: 1000 },
    ]);
  });
});
