/**
 * People on an opportunity's team besides its owner. Being on the team makes the deal (and
 * its account) visible to them; credit splits between them arrive with team selling.
 */
export const memberRoles = ['co_seller', 'presales', 'mentor', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export interface OpportunityMember {
  readonly id: string;
  readonly opportunityId: string;
  readonly userId: string;
  readonly role: MemberRole;
  readonly createdAt: string;
}
