import { z } from 'zod';
import { approvalKinds } from '../domain/approvals/approval.js';
import type { ApprovalPolicy } from '../domain/approvals/policy.js';
import { versionConflict } from '../domain/errors.js';
import { MAX_AMOUNT_MINOR } from '../domain/money.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { loadApprovalPolicy, saveApprovalPolicy } from '../store/approval-chains.repo.js';
import type { StoredPolicy } from '../store/approval-chains.repo.js';
import { authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { assertReferences } from './references.js';
import { dbFor, inTransaction } from './transaction.js';

const ApproverRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('owner_manager') }),
  z.strictObject({ type: z.literal('next_manager') }),
  z.strictObject({ type: z.literal('user'), userId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('admin') }),
]);

/**
 * A chain: one to five links, the first unconditional, thresholds never decreasing (a
 * bigger deal needs every sign-off a smaller one does, and more).
 */
const ChainSchema = z
  .array(
    z.strictObject({
      approver: ApproverRuleSchema,
      minAmountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
    }),
  )
  .min(1)
  .max(5)
  .superRefine((links, check) => {
    if (links[0]?.minAmountMinor !== 0) {
      check.addIssue({
        code: 'custom',
        path: [0, 'minAmountMinor'],
        message: 'the first link applies to every amount (0)',
      });
    }
    links.forEach((link, index) => {
      const previous = links[index - 1];
      if (previous && link.minAmountMinor < previous.minAmountMinor) {
        check.addIssue({
          code: 'custom',
          path: [index, 'minAmountMinor'],
          message: 'thresholds must not decrease',
        });
      }
      if (index === 0 && link.approver.type === 'next_manager') {
        check.addIssue({
          code: 'custom',
          path: [0, 'approver'],
          message: 'the first link has no previous approver',
        });
      }
    });
  })
  .readonly();

export const ApprovalPolicySchema = z
  .strictObject({
    chains: z.strictObject(
      Object.fromEntries(approvalKinds.map((kind) => [kind, ChainSchema])) as Record<
        (typeof approvalKinds)[number],
        typeof ChainSchema
      >,
    ),
    discountThresholdPercent: z.number().min(0).max(100).nullable(),
  })
  .meta({ id: 'ApprovalPolicy' });

export async function getApprovalPolicy(
  ctx: AppContext,
  principal: Principal,
): Promise<StoredPolicy> {
  return loadApprovalPolicy(dbFor(ctx), principal.tenantId);
}

/** Admins replace the whole policy; `version` 0 replaces the default. */
export async function putApprovalPolicy(
  ctx: AppContext,
  principal: Principal,
  input: { policy: ApprovalPolicy; version: number },
): Promise<StoredPolicy> {
  authorize(principal, 'tenant.configure');
  return inTransaction(ctx, async (trx) => {
    const before = await loadApprovalPolicy(trx, principal.tenantId);
    if (before.version !== input.version) throw versionConflict('approval_policy');
    // A named approver must be a user of this tenant (another tenant's id reads as missing).
    await assertReferences(
      trx,
      principal,
      approvalKinds.flatMap((kind) =>
        input.policy.chains[kind].flatMap((link, index) =>
          link.approver.type === 'user'
            ? [
                {
                  field: `policy.chains.${kind}.${index}.approver.userId`,
                  table: 'users' as const,
                  id: link.approver.userId,
                },
              ]
            : [],
        ),
      ),
    );
    const now = nowIso(ctx);
    if (!(await saveApprovalPolicy(trx, principal.tenantId, input.policy, input.version, now)))
      throw versionConflict('approval_policy');
    const after: StoredPolicy = {
      policy: input.policy,
      version: input.version + 1,
      updatedAt: now,
    };
    await recordAudit(trx, ctx, principal, {
      entityType: 'approval_policy',
      entityId: principal.tenantId,
      action: input.version === 0 ? 'create' : 'update',
      before: before.policy,
      after: input.policy,
    });
    return after;
  });
}
