import type { TransferScope } from './pool-rules.js';

/**
 * Whether a hand-over between two reps stays within the pool's transfer scope, given each
 * rep's team path (own team first, root last): same team, same department (the same
 * top-level team), or anywhere in the company.
 */
export function withinTransferScope(
  scope: TransferScope,
  fromPath: readonly string[],
  toPath: readonly string[],
): boolean {
  switch (scope) {
    case 'company':
      return true;
    case 'team':
      return fromPath[0] !== undefined && fromPath[0] === toPath[0];
    case 'department':
      return fromPath.at(-1) !== undefined && fromPath.at(-1) === toPath.at(-1);
  }
}
