import type { ThrottlePolicy } from '../access/throttle.js';
import { companySizes } from '../accounts/account.js';
import type { CompanySize } from '../accounts/account.js';
import { DomainError } from '../errors.js';
import type { FieldIssue } from '../errors.js';
import type { LeadSource } from './lead.js';

/**
 * A public web form (on the tenant's website, a landing page, an event sign-up) that turns
 * submissions into leads. It carries the source and campaign of what it captures (MTL:
 * campaign → lead) and where new leads go (an owner or a public pool). Anyone holding its
 * token can submit, so the token is a secret: stored only as a hash, shown once.
 */
export interface LeadForm {
  readonly id: string;
  readonly name: string;
  readonly campaign: string | null;
  readonly source: LeadSource;
  /** Exactly one of the two: who gets the leads, or the pool they land in. */
  readonly ownerId: string | null;
  readonly poolId: string | null;
  /**
   * Field mapping: the name a field has on the page → the lead field it fills. Pages built
   * with any site builder can post their own names (`full_name`, `tel`) without rework.
   */
  readonly fields: Readonly<Record<string, LeadFormTarget>>;
  /** The honeypot's name on the page: hidden from people, so only a bot fills it in. */
  readonly honeypot: string;
  /** Where a browser posting the form (not a script) is sent afterwards; null: a JSON answer. */
  readonly redirectUrl: string | null;
  /** SHA-256 of the token; the token itself is shown once, on create and rotate. */
  readonly tokenHash: string;
  /** The token's first characters, so admins can tell which token a page embeds. */
  readonly tokenPrefix: string;
  readonly createdBy: string | null;
  readonly revokedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** The lead fields a form may fill: who the person is and what they told us they need. */
export const leadFormTargets = [
  'name',
  'company',
  'title',
  'email',
  'phone',
  'industry',
  'region',
  'size',
  'bantNeed',
] as const;
export type LeadFormTarget = (typeof leadFormTargets)[number];

export const defaultLeadFormFields: Readonly<Record<string, LeadFormTarget>> = {
  name: 'name',
  company: 'company',
  email: 'email',
  phone: 'phone',
};

export const DEFAULT_HONEYPOT = 'website';

/** How long each captured value may be: a page cannot stuff a lead with megabytes. */
const maxLength: Record<LeadFormTarget, number> = {
  name: 200,
  company: 200,
  title: 200,
  email: 254,
  phone: 40,
  industry: 200,
  region: 200,
  size: 20,
  bantNeed: 1000,
};

const issue = (path: string, code: string, en: string, zh: string): FieldIssue => ({
  path,
  code,
  message: en,
  messages: { en, 'zh-CN': zh },
});

/**
 * A form's mapping is checked when an admin saves it: it must collect a name (a lead
 * without one cannot be worked), fill each lead field once, and keep the honeypot apart.
 */
export function checkFormFields(
  fields: Readonly<Record<string, LeadFormTarget>>,
  honeypot: string,
): void {
  const issues: FieldIssue[] = [];
  const targets = Object.values(fields);
  if (!targets.includes('name'))
    issues.push(issue('fields', 'name_required', 'map one field to name', '需要有字段映射到 name'));
  const twice = targets.filter((target, index) => targets.indexOf(target) !== index);
  for (const target of new Set(twice))
    issues.push(
      issue(
        'fields',
        'target_repeated',
        `more than one field fills ${target}`,
        `多个字段映射到 ${target}`,
      ),
    );
  if (Object.hasOwn(fields, honeypot))
    issues.push(
      issue(
        `fields/${honeypot}`,
        'honeypot_mapped',
        'the honeypot cannot also be a field',
        '蜜罐字段不能同时是表单字段',
      ),
    );
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
}

/** What a visitor sent: field name → text, after the shell checked it is flat and small. */
export type LeadSubmission = Readonly<Record<string, string>>;

/**
 * One address submitting to one form: a person sends a form once or twice, so ten in ten
 * minutes is a script; it then waits a quarter of an hour.
 */
export const addressSubmissionPolicy: ThrottlePolicy = {
  maxFailures: 10,
  windowMs: 10 * 60_000,
  lockMs: 15 * 60_000,
};

/**
 * One form from everywhere: a flood from many addresses (a botnet, a page embedded in a
 * spam run) is stopped at a rate far above what a campaign brings in.
 */
export const formSubmissionPolicy: ThrottlePolicy = {
  maxFailures: 300,
  windowMs: 60 * 60_000,
  lockMs: 15 * 60_000,
};

export const submissionThrottleKeys = (formId: string, address: string) => [
  { key: `lead-form:${formId}:${address}`, policy: addressSubmissionPolicy },
  { key: `lead-form:${formId}`, policy: formSubmissionPolicy },
];

/** A bot gave itself away: answer as if all went well and keep nothing. */
export const isSpam = (form: Pick<LeadForm, 'honeypot'>, submission: LeadSubmission): boolean =>
  (submission[form.honeypot] ?? '').trim() !== '';

export interface CapturedLead {
  readonly name: string;
  readonly company: string | null;
  readonly title: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly industry: string | null;
  readonly region: string | null;
  readonly size: CompanySize | null;
  readonly bantNeed: string | null;
  readonly source: LeadSource;
  readonly campaign: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isSize = (value: string): value is CompanySize =>
  (companySizes as readonly string[]).includes(value);

/** Checks one mapped value; returns the issue, or null when it is fine. */
function valueIssue(name: string, target: LeadFormTarget, value: string): FieldIssue | null {
  if (value.length > maxLength[target])
    return issue(
      name,
      'too_long',
      `at most ${maxLength[target]} characters`,
      `最多 ${maxLength[target]} 个字符`,
    );
  if (target === 'email' && !EMAIL.test(value))
    return issue(name, 'invalid_email', 'not an e-mail address', '不是有效的电子邮件地址');
  if (target === 'size' && !isSize(value))
    return issue(
      name,
      'invalid_value',
      `one of ${companySizes.join(', ')}`,
      `取值须为 ${companySizes.join('、')} 之一`,
    );
  return null;
}

/**
 * The lead a submission becomes, through the form's field mapping. Fields the form does not
 * map are refused rather than dropped, so a misconfigured page is noticed instead of
 * silently losing what people type.
 */
export function capturedLead(form: LeadForm, submission: LeadSubmission): CapturedLead {
  const values: Partial<Record<LeadFormTarget, string>> = {};
  const issues: FieldIssue[] = [];
  for (const [name, raw] of Object.entries(submission)) {
    if (name === form.honeypot) continue;
    const target = Object.hasOwn(form.fields, name) ? form.fields[name] : undefined;
    if (target === undefined) {
      issues.push(
        issue(
          name,
          'field_not_allowed',
          'this form does not collect this field',
          '该表单不收集此字段',
        ),
      );
      continue;
    }
    const value = raw.trim();
    if (value === '') continue;
    const problem = valueIssue(name, target, value);
    if (problem) issues.push(problem);
    else values[target] = target === 'email' ? value.toLowerCase() : value;
  }
  if (values.name === undefined && issues.length === 0) {
    const nameField = Object.keys(form.fields).find((key) => form.fields[key] === 'name');
    issues.push(issue(nameField ?? 'name', 'required', 'required', '必填'));
  }
  if (issues.length > 0 || values.name === undefined)
    throw new DomainError('validation_failed', {}, issues);
  const size = values.size;
  return {
    name: values.name,
    company: values.company ?? null,
    title: values.title ?? null,
    email: values.email ?? null,
    phone: values.phone ?? null,
    industry: values.industry ?? null,
    region: values.region ?? null,
    size: size !== undefined && isSize(size) ? size : null,
    bantNeed: values.bantNeed ?? null,
    source: form.source,
    campaign: form.campaign,
  };
}
