import { z } from 'zod';
import { sortValues } from '../../app/listing.js';
import { memberRoles } from '../../domain/opportunities/member.js';
import { opportunitySorts } from '../../app/opportunities.service.js';
import { MAX_TAG_LENGTH, MAX_TAGS } from '../../domain/opportunities/tags.js';
import {
  opportunityStatuses,
  productCustomisations,
  productTypes,
} from '../../domain/opportunities/opportunity.js';
import { dealKinds } from '../../domain/lifecycle/deal-kind.js';
import {
  AmountMinor,
  DateOnly,
  DeletedFilter,
  Id,
  ListQueryBase,
  Money,
  Name,
  ShortText,
  TimestampOut,
  Version,
} from './common.js';

export const ProductLineInput = z
  .strictObject({
    name: Name,
    productType: z.enum(productTypes).describe('lighthouse 灯塔 or cornerstone 基石'),
    customisation: z.enum(productCustomisations).optional(),
    quantity: z.number().int().min(1).max(1_000_000),
    unitPriceMinor: AmountMinor.min(0),
    discountPercent: z
      .number()
      .min(0)
      .max(100)
      .multipleOf(0.01)
      .optional()
      .describe('Off the list price, percent; above the tenant threshold it needs sign-off'),
  })
  .meta({ id: 'ProductLine' });

export const OpportunityProduct = z
  .object({
    id: Id,
    name: z.string(),
    productType: z.enum(productTypes),
    customisation: z.enum(productCustomisations),
    quantity: z.number().int(),
    unitPriceMinor: z.number().int(),
    discountPercent: z.number(),
    amountMinor: z.number().int(),
  })
  .meta({ id: 'OpportunityProduct' });

const fields = {
  name: Name,
  accountId: Id,
  primaryContactId: Id.nullable().optional(),
  ownerId: Id.optional().describe('Defaults to you'),
  amount: Money.optional().describe('Defaults to the sum of the products, in the tenant currency'),
  expectedCloseDate: DateOnly.nullable().optional(),
  budget: Money.nullable().optional(),
  timeline: z.string().trim().max(1000).nullable().optional(),
  nextStep: z.string().trim().max(1000).nullable().optional(),
  nextStepDate: DateOnly.nullable().optional(),
  competitors: z.array(ShortText.min(1)).max(20).optional(),
  source: ShortText.nullable().optional(),
  sourceLeadId: Id.nullable().optional(),
  products: z.array(ProductLineInput).max(200).optional(),
  customFields: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
      z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
    )
    .optional()
    .describe('Tenant-defined fields by key; null clears one'),
  tags: z
    .array(z.string().trim().min(1).max(MAX_TAG_LENGTH))
    .max(MAX_TAGS)
    .optional()
    .describe(
      'Replaces the tag set; trimmed, 1–40 characters, unique without regard to case (the first spelling is kept), at most 20',
    ),
};

export const OpportunityCreate = z
  .strictObject({
    ...fields,
    pipelineId: Id.optional().describe('Defaults to the default pipeline'),
    stageId: Id.optional().describe('Defaults to the first stage'),
    dealKind: z
      .enum(dealKinds)
      .optional()
      .describe('new (default), renewal, upsell or cross_sell; fixed once created'),
    originContractId: Id.nullable()
      .optional()
      .describe('The contract a renewal or expansion grows from (same account)'),
  })
  .meta({ id: 'OpportunityCreate' });

export const OpportunityPatch = z
  .strictObject({ version: Version, ...fields, name: Name.optional(), accountId: Id.optional() })
  .meta({
    id: 'OpportunityPatch',
    description: 'Stage and pipeline change only through POST /opportunities/{id}/move',
  });

export const Opportunity = z
  .object({
    id: Id,
    name: z.string(),
    accountId: Id,
    primaryContactId: Id.nullable(),
    ownerId: Id,
    pipelineId: Id,
    stageId: Id,
    status: z.enum(opportunityStatuses),
    amount: Money,
    expectedCloseDate: z.string().nullable(),
    budget: Money.nullable(),
    timeline: z.string().nullable(),
    nextStep: z.string().nullable(),
    nextStepDate: z.string().nullable(),
    competitors: z.array(z.string()).readonly(),
    source: z.string().nullable(),
    sourceLeadId: Id.nullable(),
    // Always sent by the server; optional in the type because records built before
    // lineage existed leave them out (domain/opportunities/opportunity.ts).
    dealKind: z.enum(dealKinds).optional().describe('new, renewal, upsell or cross_sell'),
    originContractId: Id.nullable().optional().describe('The contract the deal grows from'),
    products: z.array(OpportunityProduct).readonly(),
    customFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    tags: z.array(z.string()).readonly().describe('Sorted by their lower-case form'),
    deadlineAt: TimestampOut.nullable().describe('Next follow-up due (from the stage cadence)'),
    deadlineLevel: z.number().int().min(0).max(2),
    stageEnteredAt: TimestampOut,
    closedAt: TimestampOut.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    deletedAt: TimestampOut.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Opportunity' });

export const OpportunityListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(opportunitySorts)).optional(),
  pipelineId: Id.optional(),
  stageId: Id.optional(),
  status: z.enum(opportunityStatuses).optional(),
  ownerId: Id.optional(),
  accountId: Id.optional(),
  q: z.string().max(200).optional(),
  amountMin: z.coerce.number().int().optional(),
  amountMax: z.coerce.number().int().optional(),
  closeFrom: DateOnly.optional(),
  closeTo: DateOnly.optional(),
  tag: z
    .string()
    .trim()
    .min(1)
    .max(MAX_TAG_LENGTH)
    .optional()
    .describe('Deals carrying this tag (any case)'),
  dealKind: z.enum(dealKinds).optional(),
  originContractId: Id.optional().describe('Deals grown from this contract'),
  deleted: DeletedFilter,
});

export const StageHistoryEntry = z
  .object({
    id: Id,
    opportunityId: Id,
    pipelineId: Id,
    stageId: Id,
    fromStageId: Id.nullable(),
    enteredAt: TimestampOut,
    leftAt: TimestampOut.nullable(),
    movedBy: Id.nullable(),
    reason: z.string().nullable(),
    amount: Money,
  })
  .meta({ id: 'StageHistoryEntry' });

export const StageHistory = z
  .object({ items: z.array(StageHistoryEntry) })
  .meta({ id: 'StageHistory' });

export const OpportunityMember = z
  .object({
    id: Id,
    opportunityId: Id,
    userId: Id,
    role: z.enum(memberRoles),
    addedBy: Id.nullable(),
    createdAt: TimestampOut,
  })
  .meta({ id: 'OpportunityMember' });

export const OpportunityMemberCreate = z
  .strictObject({ userId: Id, role: z.enum(memberRoles) })
  .meta({ id: 'OpportunityMemberCreate' });

export const MemberParams = z.strictObject({ id: Id, userId: Id });
