/**
 * Parent links (customer tree, team tree, contacts' reports-to) must stay acyclic. Given the
 * node being changed, its proposed parent and a lookup of current parents, tells whether
 * the change would close a loop. The walk is bounded so corrupt data cannot hang it.
 */
export function wouldCreateCycle(
  nodeId: string,
  proposedParentId: string | null,
  parentOf: ReadonlyMap<string, string | null>,
  maxDepth = 10_000,
): boolean {
  let current = proposedParentId;
  for (let depth = 0; current !== null && depth < maxDepth; depth++) {
    if (current === nodeId) return true;
    current = parentOf.get(current) ?? null;
  }
  return current !== null;
}
