import { DomainError } from '../errors.js';

export const quoteStatuses = [
  'draft',
  'pending_approval',
  'approved',
  'sent',
  'accepted',
  'rejected',
  'superseded',
  'expired',
] as const;

export type QuoteStatus = (typeof quoteStatuses)[number];

export type QuoteAction = 'edit' | 'send' | 'accept' | 'reject' | 'expire' | 'revise';

/**
 * Which statuses each action may start from. Only drafts are edited (a sent quote is a
 * document the customer holds; change it by revising). `approved` means the discount was
 * signed off and the quote may now be sent; it can still be sent only, not edited (an edit
 * would void the approval — revise instead).
 */
const allowedFrom: Record<QuoteAction, readonly QuoteStatus[]> = {
  edit: ['draft'],
  send: ['draft', 'approved'],
  accept: ['sent'],
  reject: ['sent'],
  expire: ['draft', 'pending_approval', 'approved', 'sent'],
  revise: ['draft', 'pending_approval', 'approved', 'sent', 'accepted', 'rejected', 'expired'],
};

export function assertQuoteAction(status: QuoteStatus, action: QuoteAction): void {
  if (!allowedFrom[action].includes(status)) {
    throw new DomainError('quote_status', { status, action });
  }
}

export function isQuoteStatus(value: string): value is QuoteStatus {
  return (quoteStatuses as readonly string[]).includes(value);
}

/** Whether the quote is past its validity (valid_until is the last valid day, inclusive). */
export function isQuoteExpired(validUntil: string | null, today: string): boolean {
  return validUntil !== null && validUntil < today;
}

/** Quote numbers share one per-tenant sequence; all revisions keep the first number. */
export function formatQuoteNumber(sequence: number): string {
  return `Q-${String(sequence).padStart(6, '0')}`;
}
