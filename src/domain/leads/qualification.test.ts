import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { LeadStatus } from './lead.js';
import {
  allowedMoves,
  canMove,
  checkLeadEdit,
  checkNewLead,
  missingBant,
} from './qualification.js';

const lead = (status: LeadStatus, extra: Record<string, unknown> = {}) => ({
  status,
  disqualifyReason: null as string | null,
  bantBudget: null,
  bantAuthority: null as string | null,
  bantNeed: null as string | null,
  bantTimeline: null as string | null,
  ...extra,
});
const full = {
  bantBudget: { amountMinor: 1, currency: 'CNY' as const },
  bantAuthority: 'CEO',
  bantNeed: 'CRM',
  bantTimeline: 'Q3',
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
};

describe('lead qualification', () => {
  it('moves only forward through the funnel, and re-opens disqualified leads early', () => {
    expect(allowedMoves('new')).toEqual(['contacted', 'mql', 'sql', 'disqualified']);
    expect(allowedMoves('sql')).toEqual(['disqualified']);
    expect(allowedMoves('disqualified')).toEqual(['new', 'contacted']);
    expect(allowedMoves('converted')).toEqual([]);
    expect(canMove('mql', 'mql')).toBe(true);
    expect(canMove('mql', 'contacted')).toBe(false);
  });

  it('names the BANT answers an SQL still lacks, in BANT order, blanks included', () => {
    expect(missingBant(lead('new', { bantNeed: '  ', bantAuthority: 'x' }))).toEqual([
      'bantBudget',
      'bantNeed',
      'bantTimeline',
    ]);
    expect(codeOf(() => checkLeadEdit(lead('mql'), lead('sql', { bantNeed: 'x' })))).toBe(
      'bant_incomplete',
    );
    expect(checkLeadEdit(lead('mql'), lead('sql', full)).status).toBe('sql');
    // Already an SQL: an edit that is not a move is not re-checked.
    expect(checkLeadEdit(lead('sql', full), lead('sql')).status).toBe('sql');
  });

  it('needs a reason to disqualify and clears it on re-opening', () => {
    expect(
      codeOf(() => checkLeadEdit(lead('new'), lead('disqualified', { disqualifyReason: ' ' }))),
    ).toBe('disqualify_reason_required');
    const reopened = checkLeadEdit(
      lead('disqualified', { disqualifyReason: 'no budget' }),
      lead('contacted', { disqualifyReason: 'no budget' }),
    );
    expect(reopened.disqualifyReason).toBeNull();
    expect(
      codeOf(() => checkLeadEdit(lead('disqualified', { disqualifyReason: 'x' }), lead('mql'))),
    ).toBe('lead_status_not_allowed');
  });

  it('reaches converted only by converting, and keeps it', () => {
    expect(codeOf(() => checkNewLead(lead('converted')))).toBe('lead_status_not_allowed');
    expect(codeOf(() => checkLeadEdit(lead('sql', full), lead('converted', full)))).toBe(
      'lead_status_not_allowed',
    );
    expect(codeOf(() => checkLeadEdit(lead('converted'), lead('new')))).toBe(
      'lead_status_not_allowed',
    );
    expect(codeOf(() => checkNewLead(lead('sql')))).toBe('bant_incomplete');
    expect(checkNewLead(lead('sql', full)).status).toBe('sql');
  });
});
