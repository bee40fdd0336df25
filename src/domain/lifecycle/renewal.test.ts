import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, isRenewalDue, renewalHorizon, renewalName } from './renewal.js';

const day = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) })
  .map((t) => new Date(t).toISOString().slice(0, 10));

describe('renewal timing', () => {
  it('is due exactly when end date − lead days ≤ today', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 3650 }), (today, endDate, leadDays) => {
        const contract = { status: 'active', endDate, renewalOpportunityId: null };
        // The rule as the brief states it, by day numbers rather than by text comparison.
        const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
        expect(isRenewalDue(contract, today, leadDays)).toBe(
          dayNo(endDate) - leadDays <= dayNo(today),
        );
      }),
    );
  });

  it('opens nothing when off, when renewed already, or for a contract that is not active', () => {
    const contract = { status: 'active', endDate: '2026-08-15', renewalOpportunityId: null };
    expect(isRenewalDue(contract, '2026-05-17', 90)).toBe(true);
    expect(isRenewalDue(contract, '2026-05-16', 90)).toBe(false);
    expect(isRenewalDue(contract, '2026-08-15', 0)).toBe(false);
    expect(renewalHorizon('2026-08-15', 0)).toBeNull();
    expect(isRenewalDue({ ...contract, renewalOpportunityId: 'x' }, '2026-08-01', 90)).toBe(false);
    expect(isRenewalDue({ ...contract, status: 'terminated' }, '2026-08-01', 90)).toBe(false);
  });

  it('counts calendar days across month, year and leap-day ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('names the deal in the tenant’s language', () => {
    expect(renewalName('C-000042', 'zh-CN')).toBe('C-000042 续约');
    expect(renewalName('C-000042', 'en')).toBe('C-000042 renewal');
  });
});
