import type { PoolRules } from './pool-rules.js';

/**
 * A public pool (公海) holds unowned leads and accounts that reps may claim. A tenant starts
 * with one company-wide pool; more can be scoped to a team or a region.
 */
export interface Pool {
  readonly id: string;
  readonly name: string;
  readonly teamId: string | null;
  readonly region: string | null;
  readonly isDefault: boolean;
  readonly rules: PoolRules;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}
