import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { MAX_AMOUNT_MINOR } from '../money.js';
import type { ProductLineInput } from './products.js';
import { priceProductLines } from './products.js';

function ids(): () => string {
  let next = 0;
  return () => `p${++next}`;
}

const line = (quantity: number, unitPriceMinor: number, name = 'line'): ProductLineInput => ({
  name,
  productType: 'cornerstone',
  quantity,
  unitPriceMinor,
});

function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('priceProductLines', () => {
  it('prices each line and totals them, keeping the input fields', () => {
    const result = priceProductLines(
      [
        {
          name: '销售云 标准版',
          productType: 'cornerstone',
          quantity: 3,
          unitPriceMinor: 1_980_000,
        },
        {
          name: 'AI 商机洞察',
          productType: 'lighthouse',
          customisation: 'customised',
          quantity: 2,
          unitPriceMinor: 5_800_000,
        },
      ],
      ids(),
    );
    expect(result).toEqual({
      totalMinor: 17_540_000,
      products: [
        {
          id: 'p1',
          name: '销售云 标准版',
          productType: 'cornerstone',
          // customisation defaults to standard when omitted
          customisation: 'standard',
          quantity: 3,
          unitPriceMinor: 1_980_000,
          discountPercent: 0,
          amountMinor: 5_940_000,
        },
        {
          id: 'p2',
          name: 'AI 商机洞察',
          productType: 'lighthouse',
          customisation: 'customised',
          quantity: 2,
          unitPriceMinor: 5_800_000,
          discountPercent: 0,
          amountMinor: 11_600_000,
        },
      ],
    });
  });

  it.each<[string, number, number]>([
    // 3 × ¥19,800 = ¥59,400 at 12.5% off: ¥7,425 off, rounded to the fen
    ['12.5% off', 12.5, 5_197_500],
    ['two decimals', 33.33, 3_960_198],
    ['nothing off', 0, 5_940_000],
    ['all off', 100, 0],
  ])('prices a line %s', (_name, discountPercent, amountMinor) => {
    const { products, totalMinor } = priceProductLines(
      [{ ...line(3, 1_980_000), discountPercent }],
      ids(),
    );
    expect(products[0]).toMatchObject({ discountPercent, amountMinor });
    expect(totalMinor).toBe(amountMinor);
  });

  it.each<[string, ProductLineInput[], number[], number]>([
    ['no lines', [], [], 0],
    ['a free line', [line(5, 0)], [0], 0],
    ['zero quantity', [line(0, 999)], [0], 0],
    ['one unit', [line(1, 1)], [1], 1],
    ['several lines', [line(2, 150), line(10, 25), line(1, 7)], [300, 250, 7], 557],
    // a discount line with a negative price reduces the total
    ['a discount line', [line(1, 10_000), line(1, -2_500)], [10_000, -2_500], 7_500],
    [
      'exactly the maximum total',
      [line(1, MAX_AMOUNT_MINOR)],
      [MAX_AMOUNT_MINOR],
      MAX_AMOUNT_MINOR,
    ],
    [
      'the maximum split over two lines',
      [line(1, MAX_AMOUNT_MINOR - 1), line(1, 1)],
      [MAX_AMOUNT_MINOR - 1, 1],
      MAX_AMOUNT_MINOR,
    ],
  ])('prices %s', (_name, lines, amounts, total) => {
    const result = priceProductLines(lines, ids());
    expect(result.products.map((p) => p.amountMinor)).toEqual(amounts);
    expect(result.totalMinor).toBe(total);
  });

  it.each<[string, ProductLineInput[], number]>([
    ['one line over the maximum', [line(1, MAX_AMOUNT_MINOR + 1)], 0],
    ['a line that overflows safe integers', [line(10_000_000_000, 10_000_000_000)], 0],
    // each line is fine on its own; the running total is what overflows, at the second line
    ['a total that crosses the maximum', [line(1, MAX_AMOUNT_MINOR), line(1, 1), line(1, 1)], 1],
    [
      'a total that crosses at the third line',
      [line(1, 1), line(2, MAX_AMOUNT_MINOR / 4), line(1, MAX_AMOUNT_MINOR)],
      2,
    ],
    ['a negative total beyond the maximum', [line(-1, MAX_AMOUNT_MINOR), line(1, -1)], 1],
  ])('refuses %s, pointing at products/%i', (_name, lines, index) => {
    const error = thrown(() => priceProductLines(lines, ids()));
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([
      { path: `products/${index}`, code: 'amount_too_large', message: 'line amount is too large' },
    ]);
  });

  it('asks for one id per line, in line order', () => {
    const calls: number[] = [];
    let n = 0;
    const { products } = priceProductLines([line(1, 1), line(1, 2), line(1, 3)], () => {
      calls.push(++n);
      return `id-${n}`;
    });
    expect(calls).toEqual([1, 2, 3]);
    expect(products.map((p) => p.id)).toEqual(['id-1', 'id-2', 'id-3']);
  });

  it('property: amounts are quantity × price and the total is their exact sum', () => {
    const lineArb = fc.record({
      name: fc.string({ maxLength: 10 }),
      productType: fc.constantFrom('lighthouse' as const, 'cornerstone' as const),
      quantity: fc.integer({ min: 0, max: 10_000 }),
      unitPriceMinor: fc.integer({ min: 0, max: 1_000_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), (lines) => {
        const { products, totalMinor } = priceProductLines(lines, ids());
        expect(products.map((p) => p.amountMinor)).toEqual(
          lines.map((l) => l.quantity * l.unitPriceMinor),
        );
        const exact = lines.reduce(
          (sum, l) => sum + BigInt(l.quantity) * BigInt(l.unitPriceMinor),
          0n,
        );
        expect(BigInt(totalMinor)).toBe(exact);
        expect(Number.isSafeInteger(totalMinor)).toBe(true);
      }),
    );
  });
});
