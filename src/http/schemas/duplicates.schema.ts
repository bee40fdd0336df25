import { z } from 'zod';
import { sortValues } from '../../app/listing.js';
import { duplicateSorts } from '../../app/duplicates/queue.service.js';
import { duplicateEntityTypes, matchKinds } from '../../domain/duplicates/match-keys.js';
import {
  accountMergeUnits,
  contactMergeUnits,
  leadMergeUnits,
} from '../../domain/duplicates/merge-fields.js';
import { pairTypes } from '../../domain/duplicates/pair-rules.js';
import { pairStatuses } from '../../domain/duplicates/pair.js';
import { Id, ListQueryBase, pageOf, ShortText, TimestampOut, Version } from './common.js';

const PairSide = z
  .object({ entityType: z.enum(duplicateEntityTypes), id: Id, name: z.string() })
  .meta({ id: 'DuplicatePairSide' });

export const DuplicatePair = z
  .object({
    id: Id,
    type: z
      .enum(pairTypes)
      .describe(
        'lead / account / contact: two of a kind (mergeable); lead_account, lead_contact: a lead that is an existing customer or person',
      ),
    mergeable: z.boolean(),
    left: PairSide,
    right: PairSide,
    reasons: z.array(z.enum(matchKinds)).readonly().describe('What the two share, strongest first'),
    matches: z
      .array(z.object({ kind: z.enum(matchKinds), value: z.string() }))
      .readonly()
      .describe('The normalised values both hold (e.g. phone 13800138000)'),
    score: z.number().int().describe('0–100: the strongest reason, +5 per further reason'),
    status: z.enum(pairStatuses),
    note: z.string().nullable(),
    survivorId: Id.nullable().describe('merged: the record that remains'),
    resolvedBy: Id.nullable(),
    resolvedAt: TimestampOut.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'DuplicatePair' });

export const DuplicatePairPage = pageOf(DuplicatePair, 'DuplicatePairPage');

export const DuplicateListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(duplicateSorts)).optional(),
  status: z.enum(pairStatuses).optional().describe('Default: open (the queue to review)'),
  entityType: z
    .enum(duplicateEntityTypes)
    .optional()
    .describe('Only pairs with a record of this kind on either side'),
});

export const DismissDuplicateInput = z
  .strictObject({
    version: Version.optional(),
    note: ShortText.nullable().optional().describe('Why they are not duplicates'),
  })
  .meta({ id: 'DismissDuplicate' });

const mergeUnits = [
  ...new Set([
    ...Object.keys(leadMergeUnits),
    ...Object.keys(accountMergeUnits),
    ...Object.keys(contactMergeUnits),
  ]),
] as [string, ...string[]];

export const MergeFieldList = z
  .object({
    lead: z.array(z.string()),
    account: z.array(z.string()),
    contact: z.array(z.string()),
  })
  .meta({
    id: 'MergeFieldList',
    description: 'Per kind of record, the fields a merge lets you choose (`fields` of a merge)',
  });

/** The answer of GET /duplicates/merge-fields: the same units the merge accepts. */
export const mergeFieldList = {
  lead: Object.keys(leadMergeUnits),
  account: Object.keys(accountMergeUnits),
  contact: Object.keys(contactMergeUnits),
};

export const MergeDuplicateInput = z
  .strictObject({
    survivor: z.enum(['left', 'right']).describe('The record that remains'),
    version: Version.optional(),
    fields: z
      .partialRecord(z.enum(mergeUnits), z.enum(['survivor', 'source']))
      .optional()
      .describe(
        'Whose value the survivor keeps, per field (owner moves with pool, life cycle and deadline; status with its reason). Unlisted: the survivor’s own, or the duplicate’s where the survivor has none.',
      ),
  })
  .meta({ id: 'MergeDuplicate' });
