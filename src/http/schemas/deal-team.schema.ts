import { z } from 'zod';
import { memberRoles } from '../../domain/opportunities/member.js';
import { splitTypes } from '../../domain/opportunities/splits.js';
import { Id, ListQueryBase, TimestampOut, Version } from './common.js';

/**
 * The opportunity team and its credit splits (docs/deal-teams.md). Shares are basis points
 * (10000 = 100 %). The shape of a share is checked here; whether it is a whole number in
 * range is a split rule, answered 422 `splits_invalid` with the rule's code like the others.
 */
export const SplitLine = z
  .strictObject({
    type: z.enum(splitTypes),
    userId: Id,
    shareBp: z.number().finite().describe('Share in basis points: 1 to 10000 (0.01 % to 100 %)'),
  })
  .meta({ id: 'SplitLine' });

export const DealTeam = z
  .object({
    opportunityId: Id,
    version: z.number().int().describe('Team version: send it back to replace the splits'),
    members: z.array(
      z.object({
        userId: Id,
        role: z.enum(['owner', ...memberRoles]),
        addedBy: Id.nullable(),
        addedAt: TimestampOut.nullable().describe('Null for the owner (the seat is implied)'),
      }),
    ),
    splits: z.array(SplitLine).describe('Stored lines; a type without lines is not split'),
    credit: z
      .array(SplitLine)
      .describe('Credit in effect per type: the owner holds 100 % of a type that is not split'),
  })
  .meta({ id: 'DealTeam' });

export const DealSplitsReplace = z
  .strictObject({
    version: Version,
    splits: z
      .array(SplitLine)
      .max(300)
      .describe('Every line of every split type; an empty list un-splits the deal'),
  })
  .meta({ id: 'DealSplitsReplace' });

export const TeamHistoryQuery = z.strictObject({ ...ListQueryBase });
