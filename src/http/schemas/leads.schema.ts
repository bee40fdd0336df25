import { z } from 'zod';
import { ScoringRuleList } from '../../app/lead-scoring.schema.js';
import { leadSources } from '../../domain/leads/lead.js';
import { leadFormTargets } from '../../domain/leads/lead-form.js';
import { scoringRuleKinds } from '../../domain/leads/scoring-rules.js';
import { DateOnly, Id, Money, Name, TimestampOut, Version } from './common.js';
import { Lead } from './crm.schema.js';

/** Lead scoring, conversion and web forms: the routes in leads.routes.ts and lead-forms.routes.ts. */

export const ScoreContribution = z
  .object({
    rule: z.number().int().describe('Position of the rule in the tenant’s list'),
    kind: z.enum(scoringRuleKinds),
    points: z.number().int(),
    detail: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe('What matched: the source, value, BANT answer, or activity count and window'),
    explanation: z.string().describe('The contribution in words (Accept-Language)'),
  })
  .meta({ id: 'LeadScoreContribution' });

export const LeadScoreExplanation = z
  .object({
    leadId: Id,
    score: z.number().int().min(0).max(100),
    total: z.number().int().describe('The plain sum of the contributions (may leave 0–100)'),
    scoredAt: TimestampOut.nullable().describe('null: never scored yet (e.g. just imported)'),
    contributions: z.array(ScoreContribution),
  })
  .meta({ id: 'LeadScoreExplanation' });

export const LeadScoring = z
  .object({
    rules: ScoringRuleList,
    isDefault: z.boolean().describe('True while the tenant has not saved rules of its own'),
    version: z.number().int().min(0).describe('0 until the first save'),
    updatedAt: TimestampOut.nullable(),
    updatedBy: Id.nullable(),
  })
  .meta({ id: 'LeadScoring' });

export const LeadScoringUpdate = z
  .strictObject({
    version: z
      .number()
      .int()
      .min(0)
      .describe('The version you edited (0 for the first save); a stale one answers 409'),
    rules: ScoringRuleList,
  })
  .meta({ id: 'LeadScoringUpdate' });

export const LeadScoringSaved = LeadScoring.extend({
  rescored: z.number().int().describe('How many leads’ scores the new rules changed'),
}).meta({ id: 'LeadScoringSaved' });

export const LeadConversionRequest = z
  .strictObject({
    version: Version,
    accountId: Id.optional().describe('Link this account instead of creating one'),
    accountName: Name.optional().describe('Name of the new account (default: the lead’s company)'),
    contactId: Id.optional().describe('Link this contact (of the account) instead of creating one'),
    createContact: z.boolean().optional().describe('false: create no contact'),
    opportunityId: Id.optional().describe('Convert into this open opportunity'),
    opportunityName: Name.optional(),
    pipelineId: Id.optional().describe('Pipeline of the new opportunity (default: the default)'),
    amount: Money.optional().describe('Default: the lead’s BANT budget'),
    expectedCloseDate: DateOnly.optional(),
    ownerId: Id.optional().describe('Owner of what is created (default: the lead’s owner)'),
  })
  .meta({ id: 'LeadConversionRequest' });

export const LeadConversion = z
  .object({
    lead: Lead,
    accountId: Id,
    contactId: Id.nullable(),
    opportunityId: Id,
    created: z
      .object({ account: z.boolean(), contact: z.boolean(), opportunity: z.boolean() })
      .describe('Which records the conversion created (the others were linked)'),
    convertedAt: TimestampOut,
    convertedBy: Id.nullable(),
  })
  .meta({ id: 'LeadConversion' });

const FieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a form field name such as email or full_name');

const Fields = z
  .record(FieldName, z.enum(leadFormTargets))
  .refine((fields) => Object.keys(fields).length <= leadFormTargets.length, {
    message: `at most ${leadFormTargets.length} fields`,
  })
  .describe('The field’s name on the page → the lead field it fills; one must fill name');

const RedirectUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('Where a browser posting the form is sent afterwards (303)');

const leadFormFields = {
  name: Name,
  campaign: z.string().trim().max(200).nullable().optional().describe('Recorded on every lead'),
  source: z.enum(leadSources).optional().describe('Recorded on every lead (default: website)'),
  ownerId: Id.nullable().optional().describe('Who gets the leads (default: you)'),
  poolId: Id.nullable().optional().describe('Or the public pool they land in'),
  fields: Fields.optional(),
  honeypot: FieldName.optional().describe('Hidden field only bots fill in (default: website)'),
  redirectUrl: RedirectUrl.nullable().optional(),
};

export const LeadFormCreate = z.strictObject(leadFormFields).meta({ id: 'LeadFormCreate' });
export const LeadFormPatch = z
  .strictObject({ version: Version, ...leadFormFields, name: Name.optional() })
  .meta({ id: 'LeadFormPatch' });

export const LeadForm = z
  .object({
    id: Id,
    name: z.string(),
    campaign: z.string().nullable(),
    source: z.enum(leadSources),
    ownerId: Id.nullable(),
    poolId: Id.nullable(),
    fields: z.record(z.string(), z.enum(leadFormTargets)),
    honeypot: z.string(),
    redirectUrl: z.string().nullable(),
    tokenPrefix: z.string().describe('The first characters of the token, to tell tokens apart'),
    createdBy: Id.nullable(),
    revokedAt: TimestampOut.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'LeadForm' });

export const LeadFormWithToken = z
  .object({
    form: LeadForm,
    token: z.string().describe('Shown only now: embed it in the page’s submission URL'),
  })
  .meta({ id: 'LeadFormWithToken' });

export const FormTokenParams = z.strictObject({
  token: z.string().min(1).max(100).describe('The form’s token (pwf_…)'),
});

/** A flat object of text fields, as a page posts them (JSON or urlencoded). */
export const LeadSubmissionBody = z
  .record(z.string().max(64), z.string().max(2000))
  .refine((body) => Object.keys(body).length <= 30, { message: 'at most 30 fields' })
  .meta({ id: 'LeadSubmission' });

export const LeadSubmissionReceived = z
  .object({ received: z.literal(true) })
  .meta({ id: 'LeadSubmissionReceived' });
