import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../domain/tenancy/password-policy.js';
import { locales } from '../../domain/tenancy/tenant.js';
import { isValidTimeZone } from '../../domain/tenancy/tenant.js';
import { grants } from '../../domain/access/permissions.js';
import { strategies } from '../../domain/pools/assignment.js';
import { transferScopes } from '../../domain/pools/pool-rules.js';
import { roles, userStatuses } from '../../domain/tenancy/user.js';
import {
  Currency,
  DeletedFilter,
  Email,
  Id,
  ListQueryBase,
  Name,
  Timestamp,
  TimestampOut,
  Version,
} from './common.js';
import { sortValues } from '../../app/listing.js';
import { poolSorts } from '../../app/pools.service.js';
import { teamSorts } from '../../app/teams.service.js';
import { userSorts } from '../../app/users.service.js';

export const Locale = z.enum(locales);
const Capacity = z.number().int().min(0).max(100_000);
const Languages = z.array(z.string().regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/)).max(10);
const Days = z.number().int().min(0).max(3650);

export const PoolRules = z
  .object({
    claimLimit: z.number().int().min(0).max(100_000).nullable(),
    claimLimitExcludesWon: z.boolean(),
    reclaimCooldownDays: Days,
    memberTeamIds: z.array(Id).readonly(),
    transferScope: z.enum(transferScopes),
  })
  .meta({ id: 'PoolRules' });

const PoolRulesInput = z
  .strictObject({
    claimLimit: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .nullable()
      .optional()
      .describe('Most private records a rep may hold'),
    claimLimitExcludesWon: z.boolean().optional(),
    reclaimCooldownDays: Days.optional(),
    memberTeamIds: z.array(Id).max(100).optional().describe('Who may claim; empty: everyone'),
    transferScope: z.enum(transferScopes).optional(),
  })
  .meta({ id: 'PoolRulesChange' });

export const TenantSettings = z
  .strictObject({
    deadlines: z.strictObject({
      followUpDays: Days.min(1),
      escalateAfterDays: Days,
      recycleAfterDays: Days,
      remindBeforeDays: Days.default(1).describe(
        'Remind the owner this many days before a follow-up is due; 0: no reminder (default 1)',
      ),
    }),
    contactCap: z
      .strictObject({ max: z.number().int().min(1).max(1000), perDays: Days.min(1) })
      .nullable(),
    assignmentStrategy: z.enum(strategies),
    silenceDays: Days.min(1),
    renewalLeadDays: Days.default(90).describe(
      'Open a renewal deal this many days before a contract ends; 0: no renewal deals (default 90)',
    ),
  })
  .meta({ id: 'TenantSettings' });
const TimeZone = z.string().max(64).refine(isValidTimeZone, { message: 'unknown IANA time zone' });

export const Tenant = z
  .object({
    id: Id,
    slug: z.string(),
    name: z.string(),
    locale: Locale,
    timeZone: z.string(),
    defaultCurrency: Currency,
    settings: TenantSettings,
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Tenant' });

export const TenantPatch = z
  .strictObject({
    version: Version,
    name: Name.optional(),
    locale: Locale.optional(),
    timeZone: TimeZone.optional(),
    defaultCurrency: Currency.optional(),
    settings: TenantSettings.optional().describe(
      'The whole settings object (read, edit, send back)',
    ),
  })
  .meta({ id: 'TenantPatch' });

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    teamId: Id.nullable(),
    locale: Locale.nullable(),
    status: z.enum(userStatuses),
    grants: z.array(z.enum(grants)).readonly().describe('Permissions beyond the role'),
    capacity: z.number().int().nullable(),
    awayUntil: TimestampOut.nullable(),
    languages: z.array(z.string()).readonly(),
    lastAssignedAt: TimestampOut.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'User' });

export const UserCreate = z
  .strictObject({
    email: Email,
    name: Name,
    role: z.enum(roles),
    teamId: Id.nullable().optional(),
    locale: Locale.nullable().optional(),
    grants: z.array(z.enum(grants)).max(10).optional(),
    capacity: Capacity.nullable().optional(),
    languages: Languages.optional(),
    password: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  })
  .meta({ id: 'UserCreate' });

export const UserPatch = z
  .strictObject({
    version: Version,
    name: Name.optional(),
    role: z.enum(roles).optional(),
    teamId: Id.nullable().optional(),
    locale: Locale.nullable().optional(),
    grants: z.array(z.enum(grants)).max(10).optional(),
    capacity: Capacity.nullable().optional(),
    languages: Languages.optional(),
    awayUntil: Timestamp.nullable()
      .optional()
      .describe('On leave until then: assignment skips them'),
  })
  .meta({ id: 'UserPatch', description: 'Disable and enable through their own endpoints' });

export const UserDisable = z
  .strictObject({
    version: Version,
    transferTo: Id.optional().describe(
      'Takes over open deals and tasks (required if there are any), and leads and accounts',
    ),
    poolId: Id.optional().describe(
      'Public pool for the leads and accounts instead (default: the company pool)',
    ),
  })
  .meta({ id: 'UserDisable' });

export const UserEnable = z.strictObject({ version: Version }).meta({ id: 'UserEnable' });

export const UserListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(userSorts)).optional(),
  role: z.enum(roles).optional(),
  teamId: Id.optional(),
  status: z.enum(userStatuses).optional(),
  q: z.string().max(200).optional(),
});

export const Team = z
  .object({
    id: Id,
    name: z.string(),
    parentId: Id.nullable(),
    managerId: Id.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Team' });

export const TeamCreate = z
  .strictObject({
    name: Name,
    parentId: Id.nullable().optional(),
    managerId: Id.nullable().optional(),
  })
  .meta({ id: 'TeamCreate' });

export const TeamPatch = z
  .strictObject({
    version: Version,
    name: Name.optional(),
    parentId: Id.nullable().optional(),
    managerId: Id.nullable().optional(),
  })
  .meta({ id: 'TeamPatch' });

export const TeamListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(teamSorts)).optional(),
  parentId: Id.optional(),
  q: z.string().max(200).optional(),
});

export const Pool = z
  .object({
    id: Id,
    name: z.string(),
    teamId: Id.nullable(),
    region: z.string().nullable(),
    isDefault: z.boolean(),
    rules: PoolRules,
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Pool' });

export const PoolCreate = z
  .strictObject({
    name: Name,
    teamId: Id.nullable().optional(),
    region: Name.nullable().optional(),
    rules: PoolRulesInput.optional(),
  })
  .meta({ id: 'PoolCreate' });

export const PoolPatch = z
  .strictObject({
    version: Version,
    name: Name.optional(),
    teamId: Id.nullable().optional(),
    region: Name.nullable().optional(),
    rules: PoolRulesInput.optional(),
  })
  .meta({ id: 'PoolPatch' });

export const PoolListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(poolSorts)).optional(),
});

export { DeletedFilter };
