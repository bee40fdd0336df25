import { z } from 'zod';
import { strategies } from '../../domain/pools/assignment.js';
import { lifecycles } from '../../domain/pools/pool-rules.js';
import { ownershipActions } from '../../domain/pools/transitions.js';
import { Id, Name, Timestamp, TimestampOut, Version } from './common.js';

export const OwnershipChangeInput = z
  .strictObject({
    version: Version,
    action: z
      .enum(ownershipActions)
      .exclude(['recycle'])
      .describe(
        'assign / transfer (to toUserId), claim (for yourself), release (to toPoolId or the pool it came from), archive (to dormant), reactivate (back to a pool), eliminate',
      ),
    toUserId: Id.optional().describe('The new owner (assign, claim, transfer)'),
    toPoolId: Id.optional().describe('The pool (release, reactivate); default: the default pool'),
    reason: Name.describe('Why: every move between 公海 and 私海 keeps its reason'),
    reactivateAt: Timestamp.nullable()
      .optional()
      .describe('archive: when the dormant record comes back to the pool by itself'),
  })
  .meta({ id: 'OwnershipChange' });

export const OwnershipHistoryEntry = z
  .object({
    id: Id,
    action: z.enum(ownershipActions),
    fromOwnerId: Id.nullable(),
    toOwnerId: Id.nullable(),
    fromPoolId: Id.nullable(),
    toPoolId: Id.nullable(),
    fromLifecycle: z.enum(lifecycles),
    toLifecycle: z.enum(lifecycles),
    reason: z.string(),
    actorId: Id.nullable().describe('Null: the system (a sweep)'),
    at: TimestampOut,
  })
  .meta({ id: 'OwnershipHistoryEntry' });

export const OwnershipHistory = z
  .object({ items: z.array(OwnershipHistoryEntry) })
  .meta({ id: 'OwnershipHistory' });

const HoldingCount = z.object({
  held: z.number().int().describe('Records of this kind you hold, as the claim limit counts them'),
  limit: z.number().int().nullable().describe('The pool’s claim limit; null: no limit'),
});

export const PoolHolding = z
  .object({
    poolId: Id,
    userId: Id,
    leads: HoldingCount,
    accounts: HoldingCount,
  })
  .meta({ id: 'PoolHolding' });

const traitValues = z.array(z.string().trim().min(1).max(100)).min(1).max(100);

export const AssignmentCondition = z
  .strictObject({
    region: traitValues.optional(),
    industry: traitValues.optional(),
    source: traitValues.optional(),
    size: traitValues.optional(),
    language: traitValues.optional(),
  })
  .meta({
    id: 'AssignmentCondition',
    description: 'Each listed trait must take one of the values; absent traits match anything',
  });

const storedValues = z.array(z.string()).readonly().optional();
const AssignmentConditionOut = z
  .object({
    region: storedValues,
    industry: storedValues,
    source: storedValues,
    size: storedValues,
    language: storedValues,
  })
  .meta({ id: 'AssignmentConditionSet' });

export const AssignmentRuleInput = z
  .strictObject({
    name: Name,
    when: AssignmentCondition,
    userIds: z.array(Id).min(1).max(200).describe('The reps this rule routes to'),
    strategy: z.enum(strategies),
    active: z.boolean().optional(),
  })
  .meta({ id: 'AssignmentRuleDefinition' });

export const AssignmentRulesReplace = z
  .strictObject({
    rules: z.array(AssignmentRuleInput).max(200).describe('In order: the first match wins'),
  })
  .meta({ id: 'AssignmentRulesReplace' });

export const AssignmentRule = z
  .object({
    id: Id,
    name: z.string(),
    position: z.number().int(),
    when: AssignmentConditionOut,
    userIds: z.array(Id).readonly(),
    strategy: z.enum(strategies),
    active: z.boolean(),
    updatedAt: TimestampOut,
  })
  .meta({ id: 'AssignmentRule' });

export const AssignmentRules = z
  .object({ items: z.array(AssignmentRule) })
  .meta({ id: 'AssignmentRules' });

export const AutoAssignInput = z
  .strictObject({ version: Version, reason: Name.optional() })
  .meta({ id: 'AutoAssign' });

export const AssignmentExplanation = z
  .object({
    rule: z.string().nullable().describe('The routing rule that matched, if any'),
    strategy: z.enum(strategies),
    considered: z.number().int(),
    skipped: z
      .array(z.object({ userId: Id, why: z.enum(['away', 'at_capacity', 'language']) }))
      .readonly(),
    why: z.string(),
  })
  .meta({ id: 'AssignmentExplanation' });

export const AssignmentLogEntry = z
  .object({
    id: Id,
    leadId: Id,
    userId: Id.nullable(),
    explanation: AssignmentExplanation,
    at: TimestampOut,
  })
  .meta({ id: 'AssignmentLogEntry' });

export const AssignmentLog = z
  .object({ items: z.array(AssignmentLogEntry) })
  .meta({ id: 'AssignmentLog' });
