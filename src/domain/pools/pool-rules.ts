/**
 * The rules of a public pool (公海): how many private records a rep may hold, how soon a rep
 * may re-claim what they gave up, who may claim at all, and how far records may be handed
 * to colleagues.
 */
export const transferScopes = ['team', 'department', 'company'] as const;
export type TransferScope = (typeof transferScopes)[number];

export interface PoolRules {
  /** Most private leads (or accounts) a rep may hold at once; null means no limit. */
  readonly claimLimit: number | null;
  /** Accounts with a won deal do not count towards the limit (they are customers, not prospects). */
  readonly claimLimitExcludesWon: boolean;
  /** Days before a rep may claim again what they released or lost to a recycle. */
  readonly reclaimCooldownDays: number;
  /** Teams whose members may claim from this pool; empty means everyone. */
  readonly memberTeamIds: readonly string[];
  readonly transferScope: TransferScope;
}

export const defaultPoolRules: PoolRules = {
  claimLimit: 50,
  claimLimitExcludesWon: true,
  reclaimCooldownDays: 30,
  memberTeamIds: [],
  transferScope: 'company',
};

/** Record life cycle besides ownership: dormant (沉寂) records rest, eliminated (淘汰) are out. */
export const lifecycles = ['active', 'dormant', 'eliminated'] as const;
export type Lifecycle = (typeof lifecycles)[number];
