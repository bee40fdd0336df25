import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../domain/tenancy/password-policy.js';
import { Id, Name, Timestamp, TimestampOut } from './common.js';

export const SessionInfo = z
  .object({
    id: Id,
    createdAt: TimestampOut,
    lastSeenAt: TimestampOut,
    expiresAt: TimestampOut,
    current: z.boolean().describe('The session this request was made with'),
  })
  .meta({ id: 'SessionInfo' });

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
    createdAt: TimestampOut,
    lastUsedAt: TimestampOut.nullable(),
    expiresAt: TimestampOut.nullable(),
    revokedAt: TimestampOut.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const ApiTokenCreate = z
  .strictObject({ name: Name, expiresAt: Timestamp.nullable().optional() })
  .meta({ id: 'ApiTokenCreate' });

export const ApiTokenCreated = z
  .object({
    token: z
      .string()
      .describe('The secret: shown this once, send it as `Authorization: Bearer <token>`'),
    apiToken: ApiToken,
  })
  .meta({ id: 'ApiTokenCreated' });

export const PasswordChange = z
  .strictObject({
    currentPassword: z.string().max(PASSWORD_MAX_LENGTH),
    newPassword: z.string().max(PASSWORD_MAX_LENGTH),
  })
  .meta({ id: 'PasswordChange' });

export const PasswordReset = z
  .strictObject({ newPassword: z.string().max(PASSWORD_MAX_LENGTH) })
  .meta({ id: 'PasswordReset' });

export const RevokedCount = z.object({ revoked: z.number().int() }).meta({ id: 'RevokedCount' });
