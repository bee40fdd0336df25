import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryStatusOf, recognitionStatusOf } from './contract.js';
import { installmentStatus, planAllocation, receiptStatus } from './receivables.js';
import { reminderStepDue } from './reminders.js';

const installment = fc.record({
  id: fc.uuid(),
  seq: fc.integer({ min: 1, max: 50 }),
  dueDate: fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'),
  amountMinor: fc.integer({ min: 1, max: 1_000_000 }),
  collectedFraction: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('planAllocation', () => {
  it('never gives more than is available or than an installment lacks, oldest first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.uniqueArray(installment, { selector: (i) => i.id, maxLength: 10 }),
        (available, raw) => {
          const installments = raw.map(({ collectedFraction, ...i }) => ({
            ...i,
            collectedMinor: Math.floor(i.amountMinor * collectedFraction),
          }));
          const plan = planAllocation(available, installments);
          const total = plan.reduce((sum, part) => sum + part.amountMinor, 0);
          const lacking = installments.reduce(
            (sum, i) => sum + i.amountMinor - i.collectedMinor,
            0,
          );
          // all of the money is used, up to what is lacking
          expect(total).toBe(Math.min(available, lacking));
          for (const part of plan) {
            const target = installments.find((i) => i.id === part.installmentId)!;
            expect(part.amountMinor).toBeGreaterThan(0);
            expect(part.amountMinor).toBeLessThanOrEqual(
              target.amountMinor - target.collectedMinor,
            );
          }
          // only the last part may leave its installment short
          for (const part of plan.slice(0, -1)) {
            const target = installments.find((i) => i.id === part.installmentId)!;
            expect(part.amountMinor).toBe(target.amountMinor - target.collectedMinor);
          }
        },
      ),
    );
  });

  it('fills by due date then sequence', () => {
    const plan = planAllocation(250, [
      { id: 'b', seq: 2, dueDate: '2026-02-01', amountMinor: 100, collectedMinor: 0 },
      { id: 'a', seq: 1, dueDate: '2026-01-01', amountMinor: 100, collectedMinor: 40 },
      { id: 'c', seq: 3, dueDate: '2026-03-01', amountMinor: 100, collectedMinor: 0 },
    ]);
    expect(plan).toEqual([
      { installmentId: 'a', amountMinor: 60 },
      { installmentId: 'b', amountMinor: 100 },
      { installmentId: 'c', amountMinor: 90 },
    ]);
  });
});

describe('derived statuses', () => {
  it('reads balances', () => {
    expect([installmentStatus(0, 10), installmentStatus(3, 10), installmentStatus(10, 10)]).toEqual(
      ['open', 'partial', 'paid'],
    );
    expect([receiptStatus(10, 10), receiptStatus(10, 4), receiptStatus(10, 0)]).toEqual([
      'unapplied',
      'partial',
      'applied',
    ]);
    expect([
      recognitionStatusOf(0, 5),
      recognitionStatusOf(2, 5),
      recognitionStatusOf(5, 5),
    ]).toEqual(['unrecognised', 'partial', 'recognised']);
  });

  it('derives delivery from the live orders', () => {
    expect(deliveryStatusOf([])).toBe('not_started');
    expect(deliveryStatusOf([{ status: 'pending' }, { status: 'cancelled' }])).toBe('not_started');
    expect(deliveryStatusOf([{ status: 'in_delivery' }, { status: 'pending' }])).toBe(
      'in_progress',
    );
    expect(deliveryStatusOf([{ status: 'delivered' }, { status: 'accepted' }])).toBe('delivered');
    expect(deliveryStatusOf([{ status: 'accepted' }, { status: 'cancelled' }])).toBe('accepted');
  });
});

describe('reminderStepDue', () => {
  it('sends each step once, and only the latest reached after a gap', () => {
    expect(reminderStepDue('2026-03-01', '2026-03-01', null)).toBeNull();
    expect(reminderStepDue('2026-03-01', '2026-03-02', null)).toBe(1);
    expect(reminderStepDue('2026-03-01', '2026-03-05', '2026-03-02')).toBeNull();
    expect(reminderStepDue('2026-03-01', '2026-03-08', '2026-03-02')).toBe(7);
    expect(reminderStepDue('2026-03-01', '2026-04-15', null)).toBe(30);
    expect(reminderStepDue('2026-03-01', '2026-04-15', '2026-03-31')).toBeNull();
  });
});
