import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const ID = '0195f3a2-7c1e-7b5a-9f00-123456789abc';

/** A cursor built from any JSON, as a client could forge one. */
const forge = (payload: unknown) =>
  Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('encodeCursor / decodeCursor', () => {
  it.each<[string, string | number]>([
    ['createdAt', '2026-03-01T08:00:00.000Z'],
    ['name', ''],
    ['name', '上海云帆科技有限公司'],
    ['name', 'quotes " and \\ backslashes, commas [ ]'],
    ['amount', 0],
    ['amount', -1250],
    ['amount', Number.MAX_SAFE_INTEGER],
    ['probability', 12.5],
    ['expectedCloseDate', '9999-12-31'],
  ])('round-trips %s = %j', (sortKey, value) => {
    expect(decodeCursor(encodeCursor(sortKey, value, ID), sortKey)).toEqual([value, ID]);
  });

  it('produces URL-safe cursors', () => {
    // cursors travel in ?cursor=, so no +, / or = padding
    const cursor = encodeCursor('name', '??>>~~ÿÿ', ID);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('keeps the value type: a numeric string stays a string', () => {
    // "10" and 10 compare differently in SQL; the type must survive the trip
    expect(decodeCursor(encodeCursor('name', '10', ID), 'name')).toEqual(['10', ID]);
    expect(decodeCursor(encodeCursor('amount', 10, ID), 'amount')).toEqual([10, ID]);
  });

  it('property: round-trips any string or finite number', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
        fc.string(),
        (sortKey, value, id) => {
          const decoded = decodeCursor(encodeCursor(sortKey, value, id), sortKey);
          // JSON has no -0; it comes back as 0, which compares equal in SQL
          expect(decoded).toEqual([Object.is(value, -0) ? 0 : value, id]);
        },
      ),
    );
  });

  it('rejects a cursor made for another sort key', () => {
    // a createdAt cursor's value compared against amount would skip or repeat rows
    const cursor = encodeCursor('createdAt', '2026-03-01T08:00:00.000Z', ID);
    expect(codeOf(() => decodeCursor(cursor, 'amount'))).toBe('invalid_cursor');
    expect(codeOf(() => decodeCursor(cursor, 'createdat'))).toBe('invalid_cursor');
    expect(codeOf(() => decodeCursor(cursor, 'createdAt'))).toBeUndefined();
  });

  it.each<[string, string]>([
    ['empty', ''],
    ['not base64 JSON', 'hello'],
    ['garbage characters', '%%%$$$!!!'],
    ['plain JSON instead of base64', '["name","x","id"]'],
    ['base64 of non-JSON', Buffer.from('not json', 'utf8').toString('base64url')],
    ['truncated', encodeCursor('name', 'value', ID).slice(0, 10)],
    ['an object', forge({ sortKey: 'name', value: 'x', id: ID })],
    ['a string', forge('name')],
    ['null', forge(null)],
    ['two elements', forge(['name', 'x'])],
    ['four elements', forge(['name', 'x', ID, 'extra'])],
    ['a null value', forge(['name', null, ID])],
    ['a boolean value', forge(['name', true, ID])],
    ['an object value', forge(['name', { $gt: '' }, ID])],
    ['an array value', forge(['name', ['x'], ID])],
    ['a numeric id', forge(['name', 'x', 42])],
    ['a null id', forge(['name', 'x', null])],
    ['a numeric sort key', forge([1, 'x', ID])],
  ])('rejects %s as invalid_cursor', (_name, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, 'name'))).toBe('invalid_cursor');
  });

  it('rejects tampered cursors whose payload no longer has the right shape', () => {
    // flip one character at every position; each result either fails or decodes to a valid triple
    const cursor = encodeCursor('name', 'abc', ID);
    let rejected = 0;
    for (let i = 0; i < cursor.length; i++) {
      const flipped = cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1);
      try {
        const [value, id] = decodeCursor(flipped, 'name');
        expect(typeof value === 'string' || typeof value === 'number').toBe(true);
        expect(typeof id).toBe('string');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('invalid_cursor');
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('property: arbitrary strings either decode to a valid triple or throw invalid_cursor', () => {
    fc.assert(
      fc.property(fc.string(), (cursor) => {
        const code = codeOf(() => decodeCursor(cursor, 'name'));
        expect([undefined, 'invalid_cursor']).toContain(code);
      }),
    );
  });
});
