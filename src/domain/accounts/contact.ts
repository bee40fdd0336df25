/** Where a person sits in the customer's decision chain. */
export const decisionRoles = [
  'decision_maker',
  'influencer',
  'user',
  'gatekeeper',
  'champion',
] as const;
export type DecisionRole = (typeof decisionRoles)[number];

/** Their stance towards us, which the rep re-assesses as the deal moves. */
export const attitudes = ['supporter', 'neutral', 'opponent', 'unknown'] as const;
export type Attitude = (typeof attitudes)[number];

export interface Contact {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly title: string | null;
  readonly department: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly decisionRole: DecisionRole | null;
  readonly attitude: Attitude;
  /** The contact's superior, to draw the customer's org chart. */
  readonly reportsToId: string | null;
  readonly ownerId: string | null;
  readonly notes: string | null;
  /** 静默期: not to be contacted before this instant. */
  readonly silenceUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly version: number;
}
