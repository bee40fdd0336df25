import { z } from 'zod';
import { ApprovalPolicySchema } from '../../app/approval-policy.service.js';
import { Id, Timestamp, TimestampOut } from './common.js';

/** Version 0 means "nothing stored yet" (the default policy, no delegation). */
const VersionOrZero = z
  .number()
  .int()
  .min(0)
  .describe('The version you edited; 0 when none is stored yet (optimistic concurrency)');

export const StoredApprovalPolicy = z
  .object({
    policy: ApprovalPolicySchema,
    version: z.number().int().describe('0 while the tenant runs on the default policy'),
    updatedAt: TimestampOut.nullable(),
  })
  .meta({ id: 'StoredApprovalPolicy' });

export const ApprovalPolicyUpdate = z
  .strictObject({ policy: ApprovalPolicySchema, version: VersionOrZero })
  .meta({ id: 'ApprovalPolicyUpdate' });

export const Delegation = z
  .object({
    userId: Id,
    delegateId: Id,
    startsAt: TimestampOut,
    endsAt: TimestampOut,
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Delegation' });

export const MyDelegation = z
  .object({
    delegation: Delegation.nullable(),
    version: z.number().int().describe('The delegation’s version; 0 when none is set'),
  })
  .meta({ id: 'MyDelegation' });

export const DelegationUpdate = z
  .strictObject({
    delegateId: Id,
    startsAt: Timestamp,
    endsAt: Timestamp,
    version: VersionOrZero,
  })
  .refine((value) => Date.parse(value.startsAt) < Date.parse(value.endsAt), {
    path: ['endsAt'],
    message: 'the period must end after it starts',
  })
  .meta({ id: 'DelegationUpdate' });
