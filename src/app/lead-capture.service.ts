import { recordFailure, retryAfterSeconds } from '../domain/access/throttle.js';
import { DomainError, notFound } from '../domain/errors.js';
import { capturedLead, isSpam, submissionThrottleKeys } from '../domain/leads/lead-form.js';
import type { LeadSubmission } from '../domain/leads/lead-form.js';
import { findLiveFormByTokenHash } from '../store/lead-forms.repo.js';
import { loadThrottle, saveThrottle } from '../store/throttle.repo.js';
import { hashToken } from './auth.service.js';
import type { AppContext } from './context.js';
import { createLead } from './leads.service.js';
import { systemPrincipal } from './tenants.service.js';
import { dbFor, inTransaction } from './transaction.js';

export interface CaptureMeta {
  /** The submitting client's address (behind a proxy: as the proxy reports it). */
  readonly address: string;
  readonly requestId: string;
}

export interface CaptureResult {
  /** Where the form sends a browser afterwards, if anywhere. */
  readonly redirectUrl: string | null;
}

/**
 * Counts this submission against the form's limits, refusing (429 with Retry-After) while
 * either the address or the form as a whole is locked. Counted in its own transaction
 * before anything else, so refused and bot submissions use up the allowance too.
 */
async function throttle(
  ctx: AppContext,
  formId: string,
  address: string,
  now: Date,
): Promise<void> {
  const keys = submissionThrottleKeys(formId, address);
  let wait = 0;
  for (const { key } of keys)
    wait = Math.max(wait, retryAfterSeconds(await loadThrottle(dbFor(ctx), key), now));
  if (wait > 0) throw new DomainError('too_many_attempts', { retryAfter: wait });
  await inTransaction(ctx, async (trx) => {
    for (const { key, policy } of keys)
      await saveThrottle(trx, key, recordFailure(await loadThrottle(trx, key), now, policy));
  });
}

/**
 * A public web-form submission (no session: the form's token in the URL is the only
 * credential). An unknown or revoked token answers 404 before anything is counted; a
 * filled-in honeypot answers like a success and keeps nothing, so bots learn nothing.
 * The lead is created as the system, through the same rules, scoring and audit as any other.
 */
export async function submitLeadForm(
  ctx: AppContext,
  token: string,
  submission: LeadSubmission,
  meta: CaptureMeta,
): Promise<CaptureResult> {
  const found = await findLiveFormByTokenHash(dbFor(ctx), hashToken(token));
  if (!found) throw notFound('lead_form');
  const { tenantId, form } = found;
  await throttle(ctx, form.id, meta.address, ctx.clock.now());
  const result = { redirectUrl: form.redirectUrl };
  if (isSpam(form, submission)) return result;
  const lead = capturedLead(form, submission);
  await createLead(ctx, systemPrincipal(tenantId, meta.requestId), {
    ...lead,
    ...(form.ownerId ? { ownerId: form.ownerId } : { poolId: form.poolId }),
  });
  return result;
}
