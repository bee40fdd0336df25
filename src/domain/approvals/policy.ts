import type { ApprovalKind } from './approval.js';

/**
 * Who one link of a chain asks:
 * - `owner_manager`: the deal owner's manager (up the team tree);
 * - `next_manager`: the manager of whoever the previous link asked (a director);
 * - `user`: a named person;
 * - `admin`: any admin.
 * A link that finds nobody (no manager, an inactive user) falls back to any admin.
 */
export type ApproverRule =
  | { readonly type: 'owner_manager' }
  | { readonly type: 'next_manager' }
  | { readonly type: 'user'; readonly userId: string }
  | { readonly type: 'admin' };

/** A link applies when the amount is at least `minAmountMinor` (the first is always 0). */
export interface ChainLink {
  readonly approver: ApproverRule;
  readonly minAmountMinor: number;
}

/** A tenant's approval rules, edited by admins. */
export interface ApprovalPolicy {
  readonly chains: Readonly<Record<ApprovalKind, readonly ChainLink[]>>;
  /**
   * A deal whose overall discount (its negative lines against its gross) is above this
   * percentage needs a discount approval before it moves forward or closes as won;
   * null turns discount approvals off.
   */
  readonly discountThresholdPercent: number | null;
}

/**
 * One sign-off from the owner's manager for everything, discounts unchecked: what a
 * tenant had before chains existed, so nothing changes until an admin sets a policy.
 */
export const defaultApprovalPolicy: ApprovalPolicy = {
  chains: {
    stage: [{ approver: { type: 'owner_manager' }, minAmountMinor: 0 }],
    discount: [{ approver: { type: 'owner_manager' }, minAmountMinor: 0 }],
    rule: [{ approver: { type: 'owner_manager' }, minAmountMinor: 0 }],
  },
  discountThresholdPercent: null,
};

/** The links that apply to an amount (null counts as zero: only the unconditional ones). */
export function linksFor(
  policy: ApprovalPolicy,
  kind: ApprovalKind,
  amountMinor: number | null,
): ChainLink[] {
  const amount = amountMinor ?? 0;
  return policy.chains[kind].filter((link) => amount >= link.minAmountMinor);
}
