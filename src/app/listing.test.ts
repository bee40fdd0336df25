import { describe, expect, it } from 'vitest';
import type { SortColumn } from '../store/pagination.js';
import type { ListInput } from './listing.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageQuery, sortValues } from './listing.js';

type Key = 'createdAt' | 'name' | 'amount';

const sorts: Record<Key, SortColumn> = {
  createdAt: { key: 'createdAt', column: 'created_at' },
  name: { key: 'name', column: 'name' },
  amount: { key: 'amount', column: 'amount_minor', nullAs: 0 },
};

describe('pageQuery', () => {
  it('defaults to the first sort key, newest first, with the default page size', () => {
    expect(pageQuery({}, sorts)).toEqual({
      limit: DEFAULT_PAGE_SIZE,
      cursor: null,
      sort: sorts.createdAt,
      direction: 'desc',
    });
    expect(DEFAULT_PAGE_SIZE).toBe(50);
  });

  it.each<[string, ListInput<Key>, Key | `-${Key}` | undefined, Key, 'asc' | 'desc']>([
    ['ascending by name', { sort: 'name' }, undefined, 'name', 'asc'],
    ['descending by amount', { sort: '-amount' }, undefined, 'amount', 'desc'],
    ['ascending by the default key', { sort: 'createdAt' }, undefined, 'createdAt', 'asc'],
    ['an explicit fallback', {}, 'name', 'name', 'asc'],
    ['a descending fallback', {}, '-amount', 'amount', 'desc'],
    // the request wins over the endpoint's fallback
    ['a request overriding the fallback', { sort: '-name' }, 'amount', 'name', 'desc'],
  ])('%s', (_name, list, fallback, key, direction) => {
    const query =
      fallback === undefined ? pageQuery(list, sorts) : pageQuery(list, sorts, fallback);
    expect(query.sort).toBe(sorts[key]);
    expect(query.direction).toBe(direction);
  });

  it.each<[number | undefined, number]>([
    [undefined, 50],
    [1, 1],
    [25, 25],
    [200, 200],
    // out-of-range limits are clamped, never rejected, so pages stay bounded
    [201, MAX_PAGE_SIZE],
    [10_000, MAX_PAGE_SIZE],
    [0, 1],
    [-5, 1],
  ])('limit %s becomes %d', (limit, expected) => {
    expect(pageQuery(limit === undefined ? {} : { limit }, sorts).limit).toBe(expected);
  });

  it('passes the cursor through untouched', () => {
    expect(pageQuery({ cursor: 'abc' }, sorts).cursor).toBe('abc');
    expect(pageQuery({ cursor: '' }, sorts).cursor).toBe('');
  });
});

describe('sortValues', () => {
  it('lists every key ascending, then every key descending', () => {
    expect(sortValues(sorts)).toEqual([
      'createdAt',
      'name',
      'amount',
      '-createdAt',
      '-name',
      '-amount',
    ]);
  });

  it('accepts every value it lists in pageQuery', () => {
    // the schema enum and the query builder must agree on what a sort value means
    for (const value of sortValues(sorts)) {
      const query = pageQuery({ sort: value }, sorts);
      expect(`${query.direction === 'desc' ? '-' : ''}${query.sort.key}`).toBe(value);
    }
  });

  it('handles a single sort key', () => {
    expect(sortValues({ updatedAt: { key: 'updatedAt', column: 'updated_at' } })).toEqual([
      'updatedAt',
      '-updatedAt',
    ]);
  });
});
