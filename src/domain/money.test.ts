import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import type { CurrencyCode } from './money.js';
import {
  MAX_AMOUNT_MINOR,
  addMoney,
  currencyCodes,
  formatMinor,
  isCurrencyCode,
  minorDigits,
  money,
  parseDecimalToMinor,
} from './money.js';

describe('currency codes', () => {
  it('lists every supported currency with its ISO 4217 exponent', () => {
    expect(Object.fromEntries(currencyCodes.map((code) => [code, minorDigits(code)]))).toEqual({
      CNY: 2,
      USD: 2,
      EUR: 2,
      GBP: 2,
      HKD: 2,
      TWD: 2,
      SGD: 2,
      AUD: 2,
      CAD: 2,
      CHF: 2,
      JPY: 0,
      KRW: 0,
    });
  });

  it.each([
    ['CNY', true],
    ['JPY', true],
    ['cny', false],
    ['XYZ', false],
    ['', false],
    // inherited Object.prototype keys must not pass as currencies
    ['toString', false],
    ['__proto__', false],
  ])('isCurrencyCode(%j) is %s', (value, expected) => {
    expect(isCurrencyCode(value)).toBe(expected);
  });
});

describe('parseDecimalToMinor', () => {
  it.each<[string, CurrencyCode, number]>([
    ['0', 'CNY', 0],
    ['12', 'CNY', 1200],
    ['12.5', 'CNY', 1250],
    ['12.50', 'CNY', 1250],
    ['12.05', 'CNY', 1205],
    ['0.01', 'CNY', 1],
    ['3.1', 'USD', 310],
    ['5.', 'CNY', 500],
    ['007.10', 'CNY', 710],
    ['+3', 'CNY', 300],
    ['-12', 'CNY', -1200],
    ['-0.01', 'CNY', -1],
    ['  42.00  ', 'CNY', 4200],
    // thousands separators: comma, space, no-break space and underscore are all stripped
    ['1,234.50', 'CNY', 123_450],
    ['1,234,567.89', 'USD', 123_456_789],
    ['1 234 567', 'EUR', 123_456_700],
    ['1_000', 'GBP', 100_000],
    ['1\u00a0234.56', 'CHF', 123_456],
    ['-1,000.5', 'CNY', -100_050],
    // zero-exponent currencies: whole units are minor units
    ['1500', 'JPY', 1500],
    ['1,500', 'JPY', 1500],
    ['-42', 'KRW', -42],
    // trailing zeros are not extra precision
    ['1500.0', 'JPY', 1500],
    ['1500.000', 'JPY', 1500],
    ['1.2300000', 'CNY', 123],
  ])('parses %j in %s as %d', (text, currency, expected) => {
    expect(parseDecimalToMinor(text, currency)).toBe(expected);
  });

  it.each<[string, CurrencyCode]>([
    // more fraction digits than the currency has: refused, never silently rounded
    ['1.005', 'CNY'],
    ['0.001', 'USD'],
    ['1.999', 'CNY'],
    ['1500.5', 'JPY'],
    ['0.1', 'KRW'],
    // not numbers at all
    ['', 'CNY'],
    ['   ', 'CNY'],
    ['abc', 'CNY'],
    ['.5', 'CNY'],
    ['-', 'CNY'],
    ['1.2.3', 'CNY'],
    ['1e5', 'CNY'],
    ['0x10', 'CNY'],
    ['--1', 'CNY'],
    ['1-', 'CNY'],
    ['¥12', 'CNY'],
    ['12 元', 'CNY'],
    ['NaN', 'CNY'],
    ['Infinity', 'CNY'],
  ])('rejects %j in %s', (text, currency) => {
    expect(parseDecimalToMinor(text, currency)).toBeUndefined();
  });

  it('accepts exactly MAX_AMOUNT_MINOR and its negation, and nothing beyond', () => {
    // 10^15 fen = 10^13 yuan; the limit is inclusive on both sides
    expect(parseDecimalToMinor('10000000000000.00', 'CNY')).toBe(MAX_AMOUNT_MINOR);
    expect(parseDecimalToMinor('-10000000000000', 'CNY')).toBe(-MAX_AMOUNT_MINOR);
    expect(parseDecimalToMinor('10000000000000.01', 'CNY')).toBeUndefined();
    expect(parseDecimalToMinor('-10000000000000.01', 'CNY')).toBeUndefined();
    expect(parseDecimalToMinor('1000000000000000', 'JPY')).toBe(MAX_AMOUNT_MINOR);
    expect(parseDecimalToMinor('1000000000000001', 'JPY')).toBeUndefined();
  });

  it('parses huge inputs exactly via BigInt instead of losing precision in floats', () => {
    // 9007199254740993 is not representable as a double; it must be refused, not rounded
    expect(parseDecimalToMinor('9007199254740993', 'JPY')).toBeUndefined();
    expect(parseDecimalToMinor('99999999999999999999999999', 'CNY')).toBeUndefined();
    // 0.1 + 0.2 style float traps stay exact
    expect(parseDecimalToMinor('0.29', 'CNY')).toBe(29);
    expect(parseDecimalToMinor('1.15', 'CNY')).toBe(115);
  });

  it('never returns -0', () => {
    expect(Object.is(parseDecimalToMinor('-0', 'CNY'), 0)).toBe(true);
    expect(Object.is(parseDecimalToMinor('-0.00', 'JPY'), 0)).toBe(true);
  });
});

describe('formatMinor', () => {
  it.each<[number, CurrencyCode, string]>([
    [0, 'CNY', '0.00'],
    [1, 'CNY', '0.01'],
    [10, 'CNY', '0.10'],
    [99, 'CNY', '0.99'],
    [100, 'CNY', '1.00'],
    [123_450, 'CNY', '1234.50'],
    [-1, 'CNY', '-0.01'],
    [-123_450, 'USD', '-1234.50'],
    [MAX_AMOUNT_MINOR, 'CNY', '10000000000000.00'],
    [-MAX_AMOUNT_MINOR, 'CNY', '-10000000000000.00'],
    [0, 'JPY', '0'],
    [1500, 'JPY', '1500'],
    [-42, 'KRW', '-42'],
  ])('formats %d %s as %j', (amount, currency, expected) => {
    expect(formatMinor(amount, currency)).toBe(expected);
  });

  it('round-trips through parseDecimalToMinor for every currency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencyCodes),
        fc.integer({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }),
        (currency, amount) => {
          expect(parseDecimalToMinor(formatMinor(amount, currency), currency)).toBe(amount);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('round-trips small amounts where padding matters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencyCodes),
        fc.integer({ min: -1000, max: 1000 }),
        (currency, amount) => {
          expect(parseDecimalToMinor(formatMinor(amount, currency), currency)).toBe(amount);
        },
      ),
    );
  });
});

describe('money', () => {
  it.each([0, 1, -1, 123_456, MAX_AMOUNT_MINOR, -MAX_AMOUNT_MINOR])(
    'accepts %d minor units',
    (amount) => {
      expect(money(amount, 'CNY')).toEqual({ amountMinor: amount, currency: 'CNY' });
    },
  );

  it.each([
    MAX_AMOUNT_MINOR + 1,
    -MAX_AMOUNT_MINOR - 1,
    Number.MAX_SAFE_INTEGER,
    0.5,
    -1.25,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ])('rejects %d with a RangeError', (amount) => {
    expect(() => money(amount, 'CNY')).toThrow(RangeError);
  });
});

describe('addMoney', () => {
  it.each<[number, number, number]>([
    [100, 250, 350],
    [100, -250, -150],
    [0, 0, 0],
    // the classic 0.1 + 0.2 problem does not exist in minor units
    [10, 20, 30],
  ])('%d + %d = %d', (a, b, sum) => {
    expect(addMoney(money(a, 'CNY'), money(b, 'CNY'))).toEqual({
      amountMinor: sum,
      currency: 'CNY',
    });
  });

  it('throws currency_mismatch with both currencies as params', () => {
    let caught: unknown;
    try {
      addMoney(money(100, 'CNY'), money(100, 'USD'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const domainError = caught as DomainError;
    expect(domainError.code).toBe('currency_mismatch');
    expect(domainError.params).toEqual({ left: 'CNY', right: 'USD' });
  });

  it('refuses a sum beyond MAX_AMOUNT_MINOR', () => {
    expect(() => addMoney(money(MAX_AMOUNT_MINOR, 'JPY'), money(1, 'JPY'))).toThrow(RangeError);
  });

  it('is commutative and exact for in-range amounts', () => {
    const half = MAX_AMOUNT_MINOR / 2;
    fc.assert(
      fc.property(
        fc.integer({ min: -half, max: half }),
        fc.integer({ min: -half, max: half }),
        (a, b) => {
          const ab = addMoney(money(a, 'EUR'), money(b, 'EUR'));
          expect(ab).toEqual(addMoney(money(b, 'EUR'), money(a, 'EUR')));
          expect(ab.amountMinor).toBe(a + b);
        },
      ),
    );
  });
});
