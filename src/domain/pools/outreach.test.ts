import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityTypes } from '../activities/activity.js';
import { capReached, capWindowStart, isOutreach, isSilenced } from './outreach.js';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe('outreach', () => {
  it('counts contact with the customer, not notes', () => {
    expect(activityTypes.filter(isOutreach)).toEqual(
      activityTypes.filter((type) => type !== 'note'),
    );
    expect(isOutreach('note')).toBe(false);
  });
});

describe('silence periods (静默期)', () => {
  it.each<[string, string | null, boolean]>([
    ['no silence', null, false],
    ['ends tomorrow', '2026-11-24T12:00:00.000Z', true],
    ['ended yesterday', '2026-11-22T12:00:00.000Z', false],
    // The period is "until": at that instant the customer may be contacted again.
    ['ends this instant', NOW.toISOString(), false],
    ['ends a millisecond from now', '2026-11-23T12:00:00.001Z', true],
  ])('%s', (_name, until, silenced) => {
    expect(isSilenced(until, NOW)).toBe(silenced);
  });
});

describe('contact-frequency caps', () => {
  it('counts the window back from now', () => {
    expect(capWindowStart({ max: 4, perDays: 30 }, NOW)).toBe('2026-10-24T12:00:00.000Z');
  });

  it('allows outreach up to the cap and refuses the one beyond it', () => {
    const cap = { max: 3, perDays: 7 };
    expect([0, 1, 2, 3, 4].map((made) => capReached(cap, made))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('never refuses without a cap', () => {
    fc.assert(
      fc.property(fc.nat(), (made) => {
        expect(capReached(null, made)).toBe(false);
      }),
    );
  });

  // Allowed outreach plus the next one never exceeds the cap: the cap is a true maximum.
  it('never lets the window hold more than the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.nat(60), (max, made) => {
        if (!capReached({ max, perDays: 30 }, made)) expect(made + 1).toBeLessThanOrEqual(max);
      }),
    );
  });
});
