import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { findIdempotentResponse, insertIdempotentResponse } from '../store/idempotency.repo.js';
import { constraintViolation } from '../store/constraint-errors.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { inTransaction } from './transaction.js';

export interface IdempotentResult {
  readonly status: number;
  readonly body: unknown;
  /** True when this is the stored answer to an earlier request with the same key. */
  readonly replayed: boolean;
}

/** Identifies "the same request": a key reused for a different request is a client bug. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/**
 * Runs a create at most once per (principal, key). The create and the record of its answer
 * commit in one transaction, so a client retrying after a timeout or a crash gets either
 * the first answer or a fresh attempt, never a duplicate. A concurrent retry that loses the
 * race on the unique key waits for nothing and answers 409 so the client tries again.
 */
export async function runIdempotent(
  ctx: AppContext,
  principal: Principal,
  key: string,
  fingerprint: string,
  create: () => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentResult> {
  const scope = principal.userId ?? 'system';
  try {
    return await inTransaction(ctx, async (trx) => {
      const stored = await findIdempotentResponse(trx, principal.tenantId, scope, key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) throw new DomainError('idempotency_key_reused');
        return { status: stored.status, body: stored.body, replayed: true };
      }
      const result = await create();
      await insertIdempotentResponse(trx, {
        tenantId: principal.tenantId,
        id: ctx.newId(),
        scope,
        key,
        fingerprint,
        status: result.status,
        body: result.body,
        createdAt: nowIso(ctx),
      });
      return { ...result, replayed: false };
    });
  } catch (error) {
    const violation = error instanceof DomainError ? error : constraintViolation(error);
    const constraint = String(violation?.params.constraint ?? '');
    if (violation?.code === 'duplicate' && constraint.includes('idempotency_keys')) {
      throw new DomainError('idempotency_in_progress');
    }
    throw error;
  }
}
