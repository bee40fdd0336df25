import { z } from 'zod';
import { approvalKinds, approvalStatuses, stepStatuses } from '../../domain/approvals/approval.js';
import { attachmentTypes } from '../../domain/attachments/content-check.js';
import { customFieldTypes } from '../../domain/opportunities/custom-fields.js';
import { closeOutcomes } from '../../domain/opportunities/review.js';
import { Id, ListQueryBase, Name, TimestampOut, Version } from './common.js';
import { Stage } from './pipeline.schema.js';
import { FieldIssue } from './common.js';
import { KeyAction, SalesMaterial, Scorecard } from './rules.schema.js';
import { Opportunity } from './opportunity.schema.js';

const Key = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/);

export const ReviewInput = z
  .strictObject({
    reasons: z
      .array(Key)
      .max(10)
      .describe('Keys of the tenant’s win/loss reasons (GET /close-reasons)'),
    competitor: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .optional()
      .describe('Who we lost to (or beat)'),
    notes: z.string().max(4000).nullable().optional(),
  })
  .meta({ id: 'CloseReview' });

export const StageMove = z
  .strictObject({
    version: Version,
    stageId: Id,
    reason: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .optional()
      .describe('Required to move backwards or reopen'),
    review: ReviewInput.optional().describe('Required with at least one reason to close as lost'),
  })
  .meta({ id: 'StageMove' });

export const CloseInput = z
  .strictObject({
    version: Version,
    outcome: z.enum(closeOutcomes),
    reasons: z.array(Key).max(10),
    competitor: z.string().trim().max(200).nullable().optional(),
    notes: z.string().max(4000).nullable().optional(),
  })
  .meta({ id: 'CloseRequest' });

export const ApprovalStep = z
  .object({
    position: z.number().int(),
    approverId: Id.nullable().describe('The person the chain asks; null: any admin'),
    approverRole: z.enum(['admin']).nullable(),
    delegateId: Id.nullable().describe('Who the step went to while the approver is on leave'),
    status: z.enum(stepStatuses),
    decidedBy: Id.nullable(),
    onBehalfOf: Id.nullable().describe('Set when the decider was not the person asked'),
    comment: z.string().nullable(),
    decidedAt: TimestampOut.nullable(),
  })
  .meta({ id: 'ApprovalStep' });

export const Approval = z
  .object({
    id: Id,
    opportunityId: Id,
    kind: z.enum(approvalKinds),
    stageId: Id.nullable(),
    requestedBy: Id.nullable(),
    approverId: Id.nullable().describe('Who the current step waits for (the delegate if any)'),
    approverRole: z.enum(['admin']).nullable(),
    status: z.enum(approvalStatuses),
    request: z.union([
      z.object({
        toStageId: Id,
        reason: z.string().nullable(),
        stageIds: z.array(Id).readonly(),
        review: z
          .object({
            reasons: z.array(z.string()).readonly(),
            competitor: z.string().nullable(),
            notes: z.string().nullable(),
          })
          .optional()
          .describe('The win review sent with a close that waits for sign-off'),
      }),
      z.object({
        discountBasisPoints: z.number().int().describe('The overall discount asked, 1% = 100'),
        thresholdPercent: z.number(),
        quoteId: Id.optional().describe('Set when the discount is a quote’s (docs/l2c/quotes.md)'),
        quoteLabel: z
          .string()
          .optional()
          .describe('The quote number and revision, e.g. Q-000042 r2'),
      }),
      z.object({ title: z.string() }),
    ]),
    amountMinor: z.number().int().nullable().describe('The amount the chain was chosen by'),
    dedupeKey: z.string().nullable(),
    currentStep: z.number().int(),
    steps: z.array(ApprovalStep).readonly(),
    comment: z.string().nullable(),
    decidedBy: Id.nullable(),
    decidedAt: TimestampOut.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Approval' });

export const PendingApproval = z
  .object({ status: z.literal('pending_approval'), approval: Approval })
  .meta({
    id: 'PendingApproval',
    description: 'The move waits for a sign-off and completes when it is approved',
  });

export const ApprovalListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(['createdAt', '-createdAt']).optional(),
  status: z.enum(approvalStatuses).optional(),
  kind: z.enum(approvalKinds).optional(),
  opportunityId: Id.optional(),
  mine: z.enum(['true', 'false']).optional().describe('Only those waiting for my decision'),
});

export const ApprovalDecision = z
  .strictObject({ version: Version, comment: z.string().trim().max(2000).nullable().optional() })
  .meta({ id: 'ApprovalDecision' });

export const DecisionResult = z
  .object({
    approval: Approval,
    move: z
      .union([
        z.object({ status: z.literal('moved'), opportunity: Opportunity }),
        PendingApproval,
        z.object({ status: z.literal('failed'), code: z.string() }),
      ])
      .nullable(),
  })
  .meta({ id: 'DecisionResult' });

export const Review = z
  .object({
    id: Id,
    opportunityId: Id,
    outcome: z.enum(closeOutcomes),
    reasons: z.array(z.string()).readonly(),
    competitor: z.string().nullable(),
    stageId: Id,
    notes: z.string().nullable(),
    reviewedBy: Id.nullable(),
    createdAt: TimestampOut,
  })
  .meta({ id: 'Review' });

export const CloseReason = z
  .object({
    id: Id,
    outcome: z.enum(closeOutcomes),
    key: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    position: z.number().int(),
    active: z.boolean(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'CloseReason' });

export const CloseReasonCreate = z
  .strictObject({
    outcome: z.enum(closeOutcomes),
    key: Key,
    nameZh: Name,
    nameEn: Name,
    position: z.number().int().min(0).max(1000).optional(),
  })
  .meta({ id: 'CloseReasonCreate' });

export const CloseReasonPatch = z
  .strictObject({
    version: Version,
    nameZh: Name.optional(),
    nameEn: Name.optional(),
    position: z.number().int().min(0).max(1000).optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'CloseReasonPatch' });

export const CustomField = z
  .object({
    id: Id,
    key: z.string(),
    labelZh: z.string(),
    labelEn: z.string(),
    type: z.enum(customFieldTypes),
    options: z.array(z.string()).readonly(),
    position: z.number().int(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'CustomField' });

export const CustomFieldCreate = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    labelZh: Name,
    labelEn: Name,
    type: z.enum(customFieldTypes),
    options: z.array(Name).max(50).optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .meta({ id: 'CustomFieldCreate' });

export const CustomFieldPatch = z
  .strictObject({
    version: Version,
    labelZh: Name.optional(),
    labelEn: Name.optional(),
    options: z.array(Name).max(50).optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .meta({ id: 'CustomFieldPatch' });

const Evidence = z.strictObject({
  note: z.string().trim().max(2000).optional(),
  activityId: Id.optional(),
  attachmentId: Id.optional(),
});

export const DoneItem = z
  .object({
    id: Id,
    kind: z.enum(['action', 'material']),
    key: z.string(),
    stageId: Id,
    doneBy: Id.nullable(),
    doneAt: TimestampOut,
    evidence: z.object({
      note: z.string().optional(),
      activityId: Id.optional(),
      attachmentId: Id.optional(),
    }),
  })
  .meta({ id: 'DoneItem' });

export const DoneItemCreate = z
  .strictObject({ kind: z.enum(['action', 'material']), key: Key, evidence: Evidence.optional() })
  .meta({ id: 'DoneItemCreate' });

export const DoneItemParams = z.strictObject({
  id: Id,
  kind: z.enum(['action', 'material']),
  key: Key,
});

export const Guidance = z
  .object({
    stage: Stage,
    actions: z.array(KeyAction.extend({ done: DoneItem.nullable() })).readonly(),
    materials: z.array(SalesMaterial.extend({ used: DoneItem.nullable() })).readonly(),
    next: z
      .object({ stage: Stage, unmet: z.array(FieldIssue).readonly(), needsApproval: z.boolean() })
      .nullable()
      .describe('What the next stage’s gate still needs'),
    completeness: z.object({
      score: z.number().int(),
      expected: z.number().int(),
      missing: z.array(z.record(z.string(), z.unknown())).readonly(),
      missingText: z.array(FieldIssue).readonly(),
    }),
    pendingApproval: Approval.nullable(),
  })
  .meta({ id: 'Guidance' });

export const Evaluation = z
  .object({
    id: Id,
    opportunityId: Id,
    stageId: Id,
    scores: z.record(z.string(), z.number()),
    weightedScore: z.number().int(),
    notes: z.string().nullable(),
    evaluatedBy: Id.nullable(),
    createdAt: TimestampOut,
  })
  .meta({ id: 'Evaluation' });

export const EvaluationCreate = z
  .strictObject({
    scores: z.record(Key, z.number().int().min(0).max(5)),
    notes: z.string().max(4000).nullable().optional(),
  })
  .meta({ id: 'EvaluationCreate' });

export const EvaluationHistory = z
  .object({ scorecard: Scorecard, evaluations: z.array(Evaluation).readonly() })
  .meta({ id: 'EvaluationHistory' });

export const Attachment = z
  .object({
    id: Id,
    opportunityId: Id.nullable(),
    accountId: Id.nullable(),
    type: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedBy: Id.nullable(),
    createdAt: TimestampOut,
    deletedAt: TimestampOut.nullable(),
  })
  .meta({ id: 'Attachment' });

export const AttachmentTypeQuery = z.strictObject({ type: z.enum(attachmentTypes) });
