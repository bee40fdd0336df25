import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { capturedLead, checkFormFields, isSpam } from './lead-form.js';
import type { LeadForm } from './lead-form.js';

const form: LeadForm = {
  id: 'f',
  name: 'Trial',
  campaign: '2026 试用',
  source: 'website',
  ownerId: 'u',
  poolId: null,
  fields: { full_name: 'name', mail: 'email', size: 'size' },
  honeypot: 'website',
  redirectUrl: null,
  tokenHash: 'h',
  tokenPrefix: 'pwf_abc',
  createdBy: null,
  revokedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
    return [];
  } catch (error) {
    return error instanceof DomainError ? error.issues.map((i) => [i.path, i.code]) : [['?', '?']];
  }
};

describe('web-form capture', () => {
  it('maps page fields to lead fields and stamps source and campaign', () => {
    expect(
      capturedLead(form, { full_name: ' 王芳 ', mail: 'A@B.TEST', size: 'large', website: '' }),
    ).toMatchObject({
      name: '王芳',
      email: 'a@b.test',
      size: 'large',
      company: null,
      source: 'website',
      campaign: '2026 试用',
    });
  });

  it('refuses unmapped fields, bad values and a missing name, all at once', () => {
    expect(
      issuesOf(() => capturedLead(form, { full_name: 'x', tel: '1', mail: 'nope', size: 'huge' })),
    ).toEqual([
      ['tel', 'field_not_allowed'],
      ['mail', 'invalid_email'],
      ['size', 'invalid_value'],
    ]);
    expect(issuesOf(() => capturedLead(form, { mail: 'a@b.test' }))).toEqual([
      ['full_name', 'required'],
    ]);
    expect(issuesOf(() => capturedLead(form, { full_name: 'x'.repeat(201) }))).toEqual([
      ['full_name', 'too_long'],
    ]);
  });

  it('spots the honeypot and checks a mapping when it is saved', () => {
    expect(isSpam(form, { full_name: 'x', website: 'http://spam' })).toBe(true);
    expect(isSpam(form, { full_name: 'x', website: ' ' })).toBe(false);
    expect(issuesOf(() => checkFormFields({ a: 'email' }, 'website'))).toEqual([
      ['fields', 'name_required'],
    ]);
    expect(issuesOf(() => checkFormFields({ a: 'name', b: 'name' }, 'website'))).toEqual([
      ['fields', 'target_repeated'],
    ]);
    expect(issuesOf(() => checkFormFields({ n: 'name', website: 'company' }, 'website'))).toEqual([
      ['fields/website', 'honeypot_mapped'],
    ]);
  });
});
