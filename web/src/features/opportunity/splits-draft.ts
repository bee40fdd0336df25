import type { components } from '../../api/schema';

/**
 * The splits editor's draft: per credit type, whether it is split and each seat's share in
 * percent as typed. Shares travel as basis points (1 % = 100 bp); the server checks the
 * same rules again (docs/deal-teams.md), this only keeps a save from being sent in vain.
 */
export type DealTeam = components['schemas']['DealTeam'];
export type SplitLine = components['schemas']['SplitLine'];
export type SplitType = SplitLine['type'];
export type TeamRole = DealTeam['members'][number]['role'];

export const SPLIT_TYPES: readonly SplitType[] = ['performance', 'revenue', 'customer_ownership'];
const FULL = 10_000;

export interface TypeDraft {
  readonly split: boolean;
  /** Percent per user id, as typed (null: empty). */
  readonly shares: Readonly<Record<string, number | null>>;
}
export type SplitsDraft = Readonly<Record<SplitType, TypeDraft>>;

/** Which credit a seat may hold: a mentor only performance, a viewer none. */
export function mayHold(role: TeamRole, type: SplitType): boolean {
  if (role === 'viewer') return false;
  return role !== 'mentor' || type === 'performance';
}

export function draftOf(team: DealTeam): SplitsDraft {
  const typeDraft = (type: SplitType): TypeDraft => {
    const lines = team.splits.filter((line) => line.type === type);
    return {
      split: lines.length > 0,
      shares: Object.fromEntries(lines.map((line) => [line.userId, line.shareBp / 100])),
    };
  };
  return {
    performance: typeDraft('performance'),
    revenue: typeDraft('revenue'),
    customer_ownership: typeDraft('customer_ownership'),
  };
}

const toBp = (percent: number | null | undefined) => Math.round((percent ?? 0) * 100);

/** The total of a type in basis points. */
export function totalBp(draft: TypeDraft): number {
  return Object.values(draft.shares).reduce<number>((sum, percent) => sum + toBp(percent), 0);
}

/** Every split type adds up to 100 %. */
export function canSave(draft: SplitsDraft): boolean {
  return SPLIT_TYPES.every((type) => !draft[type].split || totalBp(draft[type]) === FULL);
}

/** The lines to send: positive shares of split types only. */
export function linesOf(draft: SplitsDraft): SplitLine[] {
  return SPLIT_TYPES.flatMap((type) =>
    draft[type].split
      ? Object.entries(draft[type].shares)
          .map(([userId, percent]) => ({ type, userId, shareBp: toBp(percent) }))
          .filter((line) => line.shareBp > 0)
      : [],
  );
}
