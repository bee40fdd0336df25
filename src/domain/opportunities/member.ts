/**
 * People on an opportunity's team besides its owner. Being on the team makes the deal (and
 * its account) visible to them; credit splits between them are in `splits.ts`.
 */
export const memberRoles = ['co_seller', 'presales', 'mentor', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export interface OpportunityMember {
  readonly id: string;
  readonly opportunityId: string;
  readonly userId: string;
  readonly role: MemberRole;
  /** Who put them on the team (null for members added before this was recorded). */
  readonly addedBy: string | null;
  readonly createdAt: string;
}
