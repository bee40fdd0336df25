/**
 * Where the survivor hangs in a tree (customer tree, reports-to chart) after a merge.
 * The merge moves the source's children under the survivor, so a parent that is fine
 * today can close a loop tomorrow: if the survivor sat below the source, its old parent is
 * now below the survivor. The candidates are tried in order — the side the user chose,
 * the survivor's own parent, the source's parent — and the first that closes no loop
 * wins; none does: the survivor becomes a root.
 *
 * `parentOf` must hold the current parent of every node on the candidates' ancestor
 * chains (the store reads them with one recursive query per candidate).
 */
export function survivorParent(input: {
  readonly survivorId: string;
  readonly sourceId: string;
  readonly candidates: readonly (string | null)[];
  readonly parentOf: ReadonlyMap<string, string | null>;
  readonly maxDepth?: number;
}): string | null {
  const { survivorId, sourceId, parentOf } = input;
  const maxDepth = input.maxDepth ?? 10_000;
  // After the merge, whatever pointed at the source points at the survivor.
  const parentAfter = (node: string): string | null => {
    const parent = parentOf.get(node) ?? null;
    return parent === sourceId ? survivorId : parent;
  };
  const closesLoop = (candidate: string): boolean => {
    let current: string | null = candidate;
    for (let depth = 0; current !== null && depth < maxDepth; depth++) {
      if (current === survivorId) return true;
      current = parentAfter(current);
    }
    return current !== null;
  };
  for (const candidate of input.candidates) {
    if (candidate === null) return null;
    if (candidate === sourceId) continue;
    if (!closesLoop(candidate)) return candidate;
  }
  return null;
}
