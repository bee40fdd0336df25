import { describe, expect, it } from 'vitest';
import type { DealFact } from './facts.js';
import { bandOf, DEFAULT_BANDS, mixCellsOf, mixFrom } from './mix.js';

const deal = (id: string, over: Partial<DealFact>): DealFact => ({
  id,
  ownerId: 'u1',
  accountId: 'acc-a',
  stageId: 's',
  status: 'open',
  amountMinor: 0,
  createdAt: '2026-02-01T00:00:00.000Z',
  closedAt: null,
  expectedCloseDate: null,
  source: 'web',
  sourceLeadId: null,
  ...over,
});

const question = {
  start: '2026-01-01T00:00:00.000Z',
  end: '2026-04-01T00:00:00.000Z',
  bands: { bigFromMinor: 1000, mediumFromMinor: 100 },
  ownerIds: null,
};

describe('mix', () => {
  it('bands by amount, bounds inclusive at the bottom', () => {
    expect(bandOf(DEFAULT_BANDS.bigFromMinor, DEFAULT_BANDS)).toBe('big');
    expect(bandOf(DEFAULT_BANDS.bigFromMinor - 1, DEFAULT_BANDS)).toBe('medium');
    expect(bandOf(DEFAULT_BANDS.mediumFromMinor, DEFAULT_BANDS)).toBe('medium');
    expect(bandOf(0, DEFAULT_BANDS)).toBe('standard');
  });

  it('gives every band, with cohort win rates', () => {
    const deals = [
      deal('a', { amountMinor: 1000, status: 'won' }),
      deal('b', { amountMinor: 2000, status: 'lost' }),
      deal('c', { amountMinor: 50 }),
    ];
    const mix = mixFrom(mixCellsOf({ deals, products: [], accounts: [], leads: [] }, question));
    expect(mix.bands.map((b) => [b.band, b.deals, b.winRate])).toEqual([
      ['big', 2, 0.5],
      ['medium', 0, null],
      ['standard', 1, null],
    ]);
    expect(mix.dealsWithoutProducts).toBe(3);
    expect(mix.tiers).toEqual([
      {
        tier: null,
        deals: 3,
        amountMinor: 3050,
        won: 1,
        wonAmountMinor: 1000,
        lost: 1,
        winRate: 0.5,
      },
    ]);
  });

  it('counts a deal once per product kind and sums the lines', () => {
    const deals = [deal('a', { amountMinor: 900, status: 'won' })];
    const line = { opportunityId: 'a', productType: 'lighthouse', customisation: 'standard' };
    const mix = mixFrom(
      mixCellsOf(
        {
          deals,
          products: [
            { ...line, amountMinor: 300 },
            { ...line, amountMinor: 400 },
            { ...line, customisation: 'customised', amountMinor: 200 },
          ],
          accounts: [{ id: 'acc-a', valueTier: 'A' }],
          leads: [],
        },
        question,
      ),
    );
    expect(
      mix.products.map((p) => [p.customisation, p.deals, p.amountMinor, p.wonAmountMinor]),
    ).toEqual([
      ['customised', 1, 200, 200],
      ['standard', 1, 700, 700],
    ]);
    expect(mix.tiers[0]?.tier).toBe('A');
  });

  it('follows leads to deals; an owner filter keeps owned or converted leads', () => {
    const deals = [deal('a', { sourceLeadId: 'l1', ownerId: 'u1', status: 'won', amountMinor: 5 })];
    const leads = [
      { id: 'l1', source: 'web', createdAt: '2026-01-05T00:00:00.000Z', ownerId: 'ops' },
      { id: 'l2', source: 'web', createdAt: '2026-01-06T00:00:00.000Z', ownerId: 'u1' },
      { id: 'l3', source: 'web', createdAt: '2026-01-07T00:00:00.000Z', ownerId: 'u2' },
      { id: 'l4', source: 'event', createdAt: '2025-01-07T00:00:00.000Z', ownerId: null },
    ];
    const input = { deals, products: [], accounts: [], leads };
    const all = mixFrom(mixCellsOf(input, question)).sources;
    expect(all).toEqual([
      expect.objectContaining({
        source: 'web',
        leads: 3,
        convertedLeads: 1,
        deals: 1,
        wonAmountMinor: 5,
      }),
    ]);
    expect(all[0]?.leadConversion).toBeCloseTo(1 / 3);
    const mine = mixFrom(mixCellsOf(input, { ...question, ownerIds: ['u1'] })).sources;
    expect(mine[0]).toMatchObject({ leads: 2, convertedLeads: 1 });
  });
});
