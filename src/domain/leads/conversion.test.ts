import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { planConversion } from './conversion.js';
import type { Lead } from './lead.js';

const lead: Lead = {
  id: 'lead-1',
  name: '林晓',
  company: ' 苏州精工 ',
  title: '采购经理',
  email: 'lin@jg.test',
  phone: null,
  industry: '制造业',
  region: '华东',
  size: 'large',
  language: null,
  source: 'event',
  campaign: null,
  status: 'sql',
  disqualifyReason: null,
  bantBudget: { amountMinor: 100, currency: 'CNY' },
  bantAuthority: 'CEO',
  bantNeed: 'CRM',
  bantTimeline: 'Q3',
  ownerId: 'rep',
  poolId: null,
  convertedOpportunityId: null,
  lifecycle: 'active',
  ownedSince: null,
  deadlineAt: null,
  deadlineLevel: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
  version: 3,
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? [error.code, error.issues.map((i) => i.path)] : 'other';
  }
};

describe('planning a conversion', () => {
  it('creates everything from the lead by default, owned by the lead’s owner', () => {
    const plan = planConversion(lead, {}, 'me');
    expect(plan.account).toMatchObject({
      kind: 'create',
      draft: { name: '苏州精工', ownerId: 'rep' },
    });
    expect(plan.contact).toMatchObject({
      kind: 'create',
      draft: { name: '林晓', email: 'lin@jg.test' },
    });
    expect(plan.opportunity).toMatchObject({
      kind: 'create',
      draft: { name: '苏州精工', sourceLeadId: 'lead-1', amount: lead.bantBudget, timeline: 'Q3' },
    });
  });

  it('links what it is told to, and takes a linked deal’s account', () => {
    const plan = planConversion(lead, { opportunityId: 'deal', createContact: false }, 'me');
    expect(plan).toEqual({
      account: { kind: 'of_opportunity' },
      contact: { kind: 'none' },
      opportunity: { kind: 'link', id: 'deal' },
    });
    expect(planConversion({ ...lead, ownerId: null, poolId: 'p' }, {}, 'me').account).toMatchObject(
      {
        draft: { ownerId: 'me' },
      },
    );
  });

  it('refuses contradictions, disqualified leads and a conversion nobody would own', () => {
    expect(
      codeOf(() => planConversion(lead, { opportunityId: 'd', amount: lead.bantBudget! }, 'me')),
    ).toEqual(['validation_failed', ['amount']]);
    expect(codeOf(() => planConversion(lead, { accountId: 'a', accountName: 'x' }, 'me'))).toEqual([
      'validation_failed',
      ['accountName'],
    ]);
    expect(codeOf(() => planConversion({ ...lead, status: 'disqualified' }, {}, 'me'))).toEqual([
      'lead_disqualified',
      [],
    ]);
    expect(codeOf(() => planConversion({ ...lead, ownerId: null, poolId: 'p' }, {}, null))).toEqual(
      ['validation_failed', ['ownerId']],
    );
  });
});
