import { z } from 'zod';
import { auditActions } from '../../domain/audit.js';
import { PASSWORD_MAX_LENGTH } from '../../domain/tenancy/password-policy.js';
import { Id, ListQueryBase, TimestampOut } from './common.js';
import { Tenant, User } from './tenancy.schema.js';

export const AuditEntry = z
  .object({
    id: Id,
    actorId: Id.nullable(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.enum(auditActions),
    before: z.unknown(),
    after: z.unknown(),
    at: TimestampOut,
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(['at', '-at']).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: Id.optional(),
});

export const SignIn = z
  .strictObject({
    email: z.string().trim().max(254),
    password: z.string().max(PASSWORD_MAX_LENGTH),
    tenant: z
      .string()
      .max(40)
      .optional()
      .describe('Tenant slug, when your e-mail is in several tenants'),
  })
  .meta({ id: 'SignIn' });

export const Session = z
  .object({
    user: User,
    tenant: Tenant,
    expiresAt: TimestampOut,
    csrfToken: z
      .string()
      .describe('Send as X-CSRF-Token on state-changing calls made with the session cookie'),
  })
  .meta({ id: 'Session' });

export const Health = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['sqlite', 'postgres']),
    version: z.string(),
  })
  .meta({ id: 'Health' });
