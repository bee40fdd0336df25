export const activityTypes = ['call', 'visit', 'meeting', 'demo', 'email', 'note'] as const;
export type ActivityType = (typeof activityTypes)[number];

/** Links shared by activities and tasks: at least one is set. */
export interface RecordLinks {
  readonly leadId: string | null;
  readonly opportunityId: string | null;
  readonly accountId: string | null;
  readonly contactId: string | null;
}

export const linkFields = ['leadId', 'opportunityId', 'accountId', 'contactId'] as const;

export interface Activity extends RecordLinks {
  readonly id: string;
  readonly type: ActivityType;
  readonly subject: string;
  readonly body: string | null;
  readonly occurredAt: string;
  readonly durationMinutes: number | null;
  /** When the author promised to follow up next; drives follow-up deadlines. */
  readonly nextFollowUpAt: string | null;
  readonly ownerId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly version: number;
}
