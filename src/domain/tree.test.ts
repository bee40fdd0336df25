import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wouldCreateCycle } from './tree.js';

/** Builds a parent map from `child>parent` pairs; a bare name is a root. */
function parents(...links: string[]): Map<string, string | null> {
  return new Map(
    links.map((link) => {
      const [child = '', parent] = link.split('>');
      return [child, parent ?? null];
    }),
  );
}

//      root
//     /    \
//    a      e
//    |
//    b
//   / \
//  c   d
const tree = parents('root', 'a>root', 'b>a', 'c>b', 'd>b', 'e>root');

describe('wouldCreateCycle', () => {
  it.each<[string, string, string | null, boolean]>([
    ['clearing the parent', 'b', null, false],
    ['a node as its own parent', 'b', 'b', true],
    // a node not yet in the map (a new record) cannot be its own parent either
    ['an unknown node as its own parent', 'new', 'new', true],
    ['a parent under its direct child', 'b', 'c', true],
    ['the root under a deep descendant', 'root', 'd', true],
    ['the root under its direct child', 'root', 'e', true],
    ['a node under a sibling', 'c', 'd', false],
    ['a node under an ancestor', 'c', 'root', false],
    ['a node under its current parent', 'c', 'b', false],
    ['a subtree under another branch', 'a', 'e', false],
    ['a node under a cousin', 'e', 'c', false],
    ['a new node under an existing one', 'new', 'd', false],
    // unknown parent ids end the walk: existence is checked elsewhere
    ['a node under an unknown id', 'b', 'ghost', false],
  ])('%s (%s -> %s) is %s', (_name, node, parent, expected) => {
    expect(wouldCreateCycle(node, parent, tree)).toBe(expected);
  });

  it('walks a long chain without a cycle', () => {
    const chain = new Map<string, string | null>([['n0', null]]);
    for (let i = 1; i < 5000; i++) chain.set(`n${i}`, `n${i - 1}`);
    expect(wouldCreateCycle('other', 'n4999', chain)).toBe(false);
    expect(wouldCreateCycle('n0', 'n4999', chain)).toBe(true);
    expect(wouldCreateCycle('n2500', 'n4999', chain)).toBe(true);
    expect(wouldCreateCycle('n4999', 'n2500', chain)).toBe(false);
  });

  describe('maxDepth', () => {
    // p0 -> p1 -> p2 -> p3 -> (root): four hops to reach the top
    const chain = parents('p0>p1', 'p1>p2', 'p2>p3', 'p3');

    it.each<[number, boolean]>([
      [4, false],
      [5, false],
      // one hop short of the root: unproven, so treated as a cycle
      [3, true],
      [1, true],
      [0, true],
    ])('with maxDepth %d, a safe move is reported as %s', (maxDepth, expected) => {
      expect(wouldCreateCycle('x', 'p0', chain, maxDepth)).toBe(expected);
    });

    it('still reports a clearing move as safe with maxDepth 0', () => {
      expect(wouldCreateCycle('x', null, chain, 0)).toBe(false);
    });

    it('terminates on corrupt data that already loops, answering conservatively', () => {
      // x is not in the loop, but the walk can never reach a root; true is the safe answer
      const corrupt = parents('l1>l2', 'l2>l3', 'l3>l1');
      expect(wouldCreateCycle('x', 'l1', corrupt)).toBe(true);
      expect(wouldCreateCycle('x', 'l1', corrupt, 50)).toBe(true);
    });
  });

  it('property: in a random forest, descendants close a loop and nothing else does', () => {
    // forests as "parent index < own index", which is acyclic by construction
    const forest = fc
      .integer({ min: 1, max: 40 })
      .chain((size) =>
        fc.tuple(
          fc.constant(size),
          fc.array(fc.option(fc.nat(), { nil: null }), { minLength: size, maxLength: size }),
        ),
      )
      .map(([size, picks]) => {
        const parentOf = new Map<string, string | null>();
        for (let i = 0; i < size; i++) {
          const pick = picks[i] ?? null;
          parentOf.set(`n${i}`, i === 0 || pick === null ? null : `n${pick % i}`);
        }
        return parentOf;
      });
    fc.assert(
      fc.property(forest, fc.nat(), (parentOf, pick) => {
        const ids = [...parentOf.keys()];
        const node = ids[pick % ids.length] ?? 'n0';
        const descendants = descendantsOf(node, parentOf);
        for (const candidate of ids) {
          // the node itself is a descendant of itself for this purpose
          const expected = candidate === node || descendants.has(candidate);
          expect(wouldCreateCycle(node, candidate, parentOf)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Reference implementation: walks downwards from node, the opposite direction to the SUT. */
function descendantsOf(node: string, parentOf: ReadonlyMap<string, string | null>): Set<string> {
  const found = new Set<string>();
  let frontier = [node];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const [child, parent] of parentOf) {
      if (parent !== null && frontier.includes(parent) && !found.has(child)) {
        found.add(child);
        next.push(child);
      }
    }
    frontier = next;
  }
  return found;
}
