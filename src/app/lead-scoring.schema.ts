import { z } from 'zod';
import { companySizes } from '../domain/accounts/account.js';
import { leadSources } from '../domain/leads/lead.js';
import { bantAnswers } from '../domain/leads/scoring-rules.js';
import type { ScoringRule } from '../domain/leads/scoring-rules.js';

/**
 * The shape of a tenant's scoring rules: the HTTP shell validates a PUT with it, and the
 * service re-validates what it reads back (a hand-edited row must not break scoring).
 */
const Points = z.number().int().min(-100).max(100).describe('Added when the rule matches');
const Days = z.number().int().min(1).max(3650);
const Values = z.array(z.string().trim().min(1).max(200)).min(1).max(100).readonly();

export const ScoringRuleSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('source'), source: z.enum(leadSources), points: Points }),
    z.strictObject({
      kind: z.literal('industry'),
      values: Values.describe('ICP industries (case-insensitive)'),
      points: Points,
    }),
    z.strictObject({
      kind: z.literal('region'),
      values: Values.describe('ICP regions (case-insensitive)'),
      points: Points,
    }),
    z.strictObject({
      kind: z.literal('size'),
      values: z.array(z.enum(companySizes)).min(1).max(companySizes.length).readonly(),
      points: Points,
    }),
    z.strictObject({ kind: z.literal('bant'), answer: z.enum(bantAnswers), points: Points }),
    z.strictObject({
      kind: z.literal('activity_count'),
      withinDays: Days,
      pointsEach: z.number().int().min(0).max(100),
      maxPoints: z.number().int().min(0).max(100),
    }),
    z.strictObject({ kind: z.literal('recent_activity'), withinDays: Days, points: Points }),
  ])
  .meta({ id: 'LeadScoringRule' });

export const ScoringRuleList = z.array(ScoringRuleSchema).max(100).readonly();

/** Rules that no longer parse give null: the caller falls back to the defaults rather than
 * failing every lead edit of the tenant. */
export function parseStoredRules(value: unknown): readonly ScoringRule[] | null {
  const parsed = ScoringRuleList.safeParse(value);
  return parsed.success ? parsed.data : null;
}
