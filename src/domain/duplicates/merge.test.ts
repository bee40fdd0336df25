import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFields, unitsTakenFromSource } from './merge-fields.js';
import { survivorParent } from './merge-tree.js';

const units = {
  name: ['name'],
  phone: ['phone'],
  owner: ['ownerId', 'poolId'],
} as const;

interface Rec {
  id: string;
  name: string;
  phone: string | null;
  ownerId: string | null;
  poolId: string | null;
}

const survivor: Rec = { id: 's', name: 'A', phone: null, ownerId: 'u1', poolId: null };
const source: Rec = { id: 'x', name: 'B', phone: '138', ownerId: null, poolId: 'p1' };

describe('mergeFields', () => {
  it('keeps the survivor’s values unless told, and fills what only the source has', () => {
    const merged = mergeFields(survivor, source, units, {});
    expect(merged).toEqual({ ...survivor, phone: '138' });
    expect(unitsTakenFromSource(survivor, merged, units)).toEqual(['phone']);
  });

  it('takes a chosen unit whole: owner and pool together', () => {
    const merged = mergeFields(survivor, source, units, { owner: 'source', phone: 'survivor' });
    expect(merged).toEqual({ ...survivor, ownerId: null, poolId: 'p1' });
    expect(merged.id).toBe('s');
  });
});

describe('survivorParent', () => {
  const tree = (entries: [string, string | null][]) => new Map(entries);

  it('takes the first candidate that closes no loop', () => {
    // s sits below x; x's parent p is fine for the survivor.
    const parentOf = tree([
      ['s', 'x'],
      ['x', 'p'],
      ['p', null],
    ]);
    expect(
      survivorParent({ survivorId: 's', sourceId: 'x', candidates: ['x', 'p'], parentOf }),
    ).toBe('p');
  });

  it('makes the survivor a root when every candidate would loop', () => {
    // x sits below s: x's parent is s itself.
    const parentOf = tree([
      ['x', 's'],
      ['s', null],
    ]);
    expect(
      survivorParent({ survivorId: 's', sourceId: 'x', candidates: ['s', 'x'], parentOf }),
    ).toBeNull();
    // c sits below x, which will be merged into s: c would be below s.
    const chain = tree([
      ['c', 'x'],
      ['x', null],
    ]);
    expect(
      survivorParent({ survivorId: 's', sourceId: 'x', candidates: ['c'], parentOf: chain }),
    ).toBeNull();
  });

  it('never returns a parent whose chain reaches the survivor (property)', () => {
    const ids = ['s', 'x', 'a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ids, null), { minLength: 6, maxLength: 6 }),
        fc.array(fc.constantFrom(...ids, null), { maxLength: 3 }),
        (parents, candidates) => {
          const parentOf = new Map(ids.map((id, i) => [id, parents[i] ?? null]));
          const chosen = survivorParent({ survivorId: 's', sourceId: 'x', candidates, parentOf });
          if (chosen === null) return;
          expect(chosen).not.toBe('x');
          // Walk the chain after the merge (x read as s): it must end without meeting s.
          let current: string | null = chosen;
          for (let depth = 0; current !== null && depth < 20; depth++) {
            expect(current).not.toBe('s');
            const next: string | null = parentOf.get(current) ?? null;
            current = next === 'x' ? 's' : next;
          }
          expect(current).toBeNull();
        },
      ),
    );
  });
});
