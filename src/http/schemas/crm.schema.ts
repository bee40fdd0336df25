import { z } from 'zod';
import { accountSorts } from '../../app/accounts.service.js';
import { contactSorts } from '../../app/contacts.service.js';
import { leadSorts } from '../../app/leads.service.js';
import { sortValues } from '../../app/listing.js';
import { companySizes, valueTiers } from '../../domain/accounts/account.js';
import { attitudes, decisionRoles } from '../../domain/accounts/contact.js';
import { leadSources, leadStatuses } from '../../domain/leads/lead.js';
import { lifecycles } from '../../domain/pools/pool-rules.js';
import {
  DeletedFilter,
  Email,
  Id,
  ListQueryBase,
  LongText,
  Money,
  Name,
  ShortText,
  Timestamp,
  TimestampOut,
  Version,
} from './common.js';

const optionalText = ShortText.nullable().optional();

const accountFields = {
  name: Name,
  parentId: Id.nullable().optional().describe('Parent company in the customer tree'),
  industry: optionalText,
  size: z.enum(companySizes).nullable().optional(),
  region: optionalText,
  valueTier: z.enum(valueTiers).nullable().optional(),
  creditCode: z
    .string()
    .trim()
    .regex(
      /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
      'not a unified social credit code',
    )
    .nullable()
    .optional()
    .describe('统一社会信用代码 (18 characters)'),
  website: optionalText,
  phone: z.string().trim().max(40).nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
  notes: LongText.nullable().optional(),
  ownerId: Id.nullable().optional().describe('Owner; set to move the account out of its pool'),
  poolId: Id.nullable()
    .optional()
    .describe('Public pool; set to release the account from its owner'),
  silenceUntil: Timestamp.nullable()
    .optional()
    .describe('静默期: no current need; not handed out or contacted before then'),
};

export const AccountCreate = z.strictObject(accountFields).meta({ id: 'AccountCreate' });
export const AccountPatch = z
  .strictObject({ version: Version, ...accountFields, name: Name.optional() })
  .meta({ id: 'AccountPatch' });

/** Who holds a lead or account and how its follow-up stands (公海 / 私海). */
const ownershipOut = {
  lifecycle: z.enum(lifecycles).describe('active, dormant (沉寂) or eliminated (淘汰)'),
  ownedSince: TimestampOut.nullable(),
  deadlineAt: TimestampOut.nullable().describe('Follow-up deadline of the current owner'),
  deadlineLevel: z
    .number()
    .int()
    .min(0)
    .max(2)
    .describe('0 on time, 1 owner notified, 2 manager told'),
};

const audit = {
  createdAt: TimestampOut,
  updatedAt: TimestampOut,
  deletedAt: TimestampOut.nullable(),
  version: z.number().int(),
};

export const Account = z
  .object({
    id: Id,
    name: z.string(),
    parentId: Id.nullable(),
    industry: z.string().nullable(),
    size: z.enum(companySizes).nullable(),
    region: z.string().nullable(),
    valueTier: z.enum(valueTiers).nullable(),
    creditCode: z.string().nullable(),
    website: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    notes: z.string().nullable(),
    ownerId: Id.nullable(),
    poolId: Id.nullable(),
    ...ownershipOut,
    silenceUntil: TimestampOut.nullable(),
    ...audit,
  })
  .meta({ id: 'Account' });

export const AccountListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(accountSorts)).optional(),
  q: z.string().max(200).optional(),
  parentId: Id.optional(),
  topLevel: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only accounts without a parent (the roots of the customer tree)'),
  ownerId: Id.optional(),
  poolId: Id.optional(),
  industry: z.string().max(200).optional(),
  region: z.string().max(200).optional(),
  valueTier: z.enum(valueTiers).optional(),
  size: z.enum(companySizes).optional(),
  deleted: DeletedFilter,
});

const contactFields = {
  accountId: Id,
  name: Name,
  title: optionalText,
  department: optionalText,
  email: Email.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  decisionRole: z.enum(decisionRoles).nullable().optional(),
  attitude: z.enum(attitudes).optional(),
  reportsToId: Id.nullable().optional(),
  ownerId: Id.nullable().optional(),
  notes: LongText.nullable().optional(),
  silenceUntil: Timestamp.nullable().optional().describe('静默期: not to be contacted before then'),
};

export const ContactCreate = z.strictObject(contactFields).meta({ id: 'ContactCreate' });
export const ContactPatch = z
  .strictObject({
    version: Version,
    ...contactFields,
    accountId: Id.optional(),
    name: Name.optional(),
  })
  .meta({ id: 'ContactPatch' });

export const Contact = z
  .object({
    id: Id,
    accountId: Id,
    name: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    decisionRole: z.enum(decisionRoles).nullable(),
    attitude: z.enum(attitudes),
    reportsToId: Id.nullable(),
    ownerId: Id.nullable(),
    notes: z.string().nullable(),
    silenceUntil: TimestampOut.nullable(),
    ...audit,
  })
  .meta({ id: 'Contact' });

export const ContactListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(contactSorts)).optional(),
  accountId: Id.optional(),
  decisionRole: z.enum(decisionRoles).optional(),
  ownerId: Id.optional(),
  q: z.string().max(200).optional(),
  deleted: DeletedFilter,
});

const leadFields = {
  name: Name,
  company: optionalText,
  title: optionalText,
  email: Email.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  industry: optionalText,
  region: optionalText,
  size: z.enum(companySizes).nullable().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, 'a language tag such as zh or en')
    .nullable()
    .optional()
    .describe('Preferred language: routes to reps who speak it'),
  source: z.enum(leadSources),
  campaign: optionalText,
  status: z
    .enum(leadStatuses)
    .optional()
    .describe(
      'new → contacted → mql → sql (needs all four BANT answers) → converted (only by converting: POST /leads/{id}/convert), or disqualified (needs disqualifyReason)',
    ),
  disqualifyReason: z.string().trim().max(1000).nullable().optional(),
  bantBudget: Money.nullable().optional(),
  bantAuthority: z.string().trim().max(1000).nullable().optional(),
  bantNeed: z.string().trim().max(1000).nullable().optional(),
  bantTimeline: z.string().trim().max(1000).nullable().optional(),
  ownerId: Id.nullable().optional(),
  poolId: Id.nullable().optional(),
};

export const LeadCreate = z.strictObject(leadFields).meta({ id: 'LeadCreate' });
export const LeadPatch = z
  .strictObject({
    version: Version,
    ...leadFields,
    name: Name.optional(),
    source: z.enum(leadSources).optional(),
  })
  .meta({ id: 'LeadPatch' });

export const Lead = z
  .object({
    id: Id,
    name: z.string(),
    company: z.string().nullable(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    industry: z.string().nullable(),
    region: z.string().nullable(),
    size: z.enum(companySizes).nullable(),
    language: z.string().nullable(),
    source: z.enum(leadSources),
    campaign: z.string().nullable(),
    status: z.enum(leadStatuses),
    disqualifyReason: z.string().nullable(),
    bantBudget: Money.nullable(),
    bantAuthority: z.string().nullable(),
    bantNeed: z.string().nullable(),
    bantTimeline: z.string().nullable(),
    ownerId: Id.nullable(),
    poolId: Id.nullable(),
    convertedOpportunityId: Id.nullable(),
    score: z
      .number()
      .int()
      .min(0)
      .max(100)
      .describe('Lead score 0–100 from the tenant’s rules; GET /leads/{id}/score explains it'),
    ...ownershipOut,
    ...audit,
  })
  .meta({ id: 'Lead' });

export const LeadListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(leadSorts)).optional(),
  status: z.enum(leadStatuses).optional(),
  source: z.enum(leadSources).optional(),
  ownerId: Id.optional(),
  poolId: Id.optional(),
  lifecycle: z
    .enum(lifecycles)
    .optional()
    .describe('active (owned or waiting in a pool), dormant (沉寂) or eliminated (淘汰)'),
  campaign: z.string().max(200).optional(),
  minScore: z.coerce
    .number()
    .int()
    .min(0)
    .max(100)
    .optional()
    .describe('Only leads scoring at least this'),
  q: z.string().max(200).optional(),
  createdFrom: Timestamp.optional(),
  createdTo: Timestamp.optional(),
  deleted: DeletedFilter,
});
