import { DomainError } from '../errors.js';
import type { FieldIssue } from '../errors.js';
import type { MemberRole } from './member.js';

/**
 * Credit splits of a team-sold deal (docs/deal-teams.md). Each credit type is split on its
 * own, in basis points (1 bp = 0.01 %), and a type that is split sums to exactly 10 000.
 * A type without lines is not split: the owner holds all of it (implied, never stored).
 * - performance: whose sales performance the deal counts for (the people report). A
 *   mentor's share (师傅's cut of an apprentice's deal) is a performance line like any
 *   other, inside the 100 %: credit is never invented, only shared.
 * - revenue: whose quota the won amount counts toward (targets attainment).
 * - customer_ownership: who answers for the customer relationship.
 * Only people on the team hold credit; a viewer holds none, a mentor only performance.
 */
export const splitTypes = ['performance', 'revenue', 'customer_ownership'] as const;
export type SplitType = (typeof splitTypes)[number];

/** All of one credit type. */
export const FULL_SHARE_BP = 10_000;

export interface SplitLine {
  readonly type: SplitType;
  readonly userId: string;
  readonly shareBp: number;
}

/** Who is on a deal's team: its owner, and the members with their roles. */
export interface TeamSeats {
  readonly ownerId: string;
  readonly members: readonly { readonly userId: string; readonly role: MemberRole }[];
}

const issue = (path: string, code: string, en: string, zh: string): FieldIssue => ({
  path,
  code,
  message: en,
  messages: { en, 'zh-CN': zh },
});

/** The credit types a seat may hold. */
export function creditTypesFor(role: MemberRole | 'owner'): readonly SplitType[] {
  if (role === 'owner' || role === 'co_seller' || role === 'presales') return splitTypes;
  return role === 'mentor' ? ['performance'] : [];
}

function lineIssues(lines: readonly SplitLine[], team: TeamSeats): FieldIssue[] {
  const roles = new Map<string, MemberRole | 'owner'>(
    team.members.map((member) => [member.userId, member.role]),
  );
  roles.set(team.ownerId, 'owner');
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  lines.forEach((line, index) => {
    const at = `splits/${index}`;
    if (!Number.isInteger(line.shareBp) || line.shareBp <= 0 || line.shareBp > FULL_SHARE_BP)
      issues.push(
        issue(
          `${at}/shareBp`,
          'split_share_invalid',
          'A share is a whole number of basis points from 1 to 10000 (0.01 % to 100 %).',
          '分成比例须为 1 至 10000 的整数基点（0.01% 至 100%）。',
        ),
      );
    const key = `${line.type}:${line.userId}`;
    if (seen.has(key))
      issues.push(
        issue(
          `${at}/userId`,
          'split_duplicate',
          'This person already has a share of this credit type.',
          '此人在该类业绩中已有分成。',
        ),
      );
    seen.add(key);
    const role = roles.get(line.userId);
    if (role === undefined)
      issues.push(
        issue(
          `${at}/userId`,
          'split_not_on_team',
          'Only the owner and team members can hold credit; add this person to the team first.',
          '只有负责人和团队成员可以分成，请先将此人加入团队。',
        ),
      );
    else if (!creditTypesFor(role).includes(line.type))
      issues.push(
        issue(
          `${at}/type`,
          'split_role_not_allowed',
          'A mentor holds only performance credit and a viewer holds none.',
          '师傅只能分配业绩分成，查看者不能分成。',
        ),
      );
  });
  return issues;
}

function sumIssues(lines: readonly SplitLine[]): FieldIssue[] {
  return splitTypes.flatMap((type) => {
    const ofType = lines.filter((line) => line.type === type);
    const total = ofType.reduce((sum, line) => sum + line.shareBp, 0);
    return ofType.length === 0 || total === FULL_SHARE_BP
      ? []
      : [
          issue(
            `splits/${type}`,
            'split_sum_not_full',
            `The ${type} shares add up to ${total / 100} %; they must add up to exactly 100 %.`,
            `该类分成合计 ${total / 100}%，必须恰好为 100%。`,
          ),
        ];
  });
}

/** Refuses a replacement set of splits as a whole (422 `splits_invalid`, one issue per rule). */
export function validateSplits(lines: readonly SplitLine[], team: TeamSeats): void {
  const issues = [...lineIssues(lines, team), ...sumIssues(lines)];
  if (issues.length > 0) throw new DomainError('splits_invalid', {}, issues);
}

/** Stable order: by type as listed, then by user id. */
export function sortedSplits(lines: readonly SplitLine[]): SplitLine[] {
  const rank = (type: SplitType) => splitTypes.indexOf(type);
  return [...lines].sort(
    (a, b) =>
      rank(a.type) - rank(b.type) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
}

/**
 * The splits in effect for every type: stored lines, or the owner's implied 100 % for a
 * type without lines (what the reports count).
 */
export function effectiveSplits(lines: readonly SplitLine[], ownerId: string): SplitLine[] {
  return sortedSplits(
    splitTypes.flatMap((type) => {
      const ofType = lines.filter((line) => line.type === type);
      return ofType.length > 0 ? ofType : [{ type, userId: ownerId, shareBp: FULL_SHARE_BP }];
    }),
  );
}

/**
 * The splits after the deal changed owner: whatever the old owner held passes to the new
 * one (added to a share the new owner already had as a member). Other members keep theirs.
 */
export function splitsAfterOwnerChange(
  lines: readonly SplitLine[],
  fromOwnerId: string,
  toOwnerId: string,
): SplitLine[] {
  const merged = new Map<string, SplitLine>();
  for (const line of lines) {
    const userId = line.userId === fromOwnerId ? toOwnerId : line.userId;
    const key = `${line.type}:${userId}`;
    const held = merged.get(key);
    merged.set(key, { type: line.type, userId, shareBp: (held?.shareBp ?? 0) + line.shareBp });
  }
  return sortedSplits([...merged.values()]);
}

/** Whether a member being removed still holds credit (they must give it up first). */
export function holdsCredit(lines: readonly SplitLine[], userId: string): boolean {
  return lines.some((line) => line.userId === userId);
}
