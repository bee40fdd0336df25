/**
 * Sign-in throttling: after `maxFailures` failed attempts within `windowMs` for one key
 * (an account, or a client address), the key is locked for `lockMs`. Pure: the caller
 * loads and stores the state and passes the time.
 */
export interface ThrottlePolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

export interface ThrottleState {
  readonly failures: number;
  readonly windowStartedAt: string;
  readonly lockedUntil: string | null;
}

const MINUTE = 60_000;

/** Guessing one account's password: five tries per quarter hour. */
export const accountPolicy: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
};
/** One address trying many accounts (password spraying): twenty per quarter hour. */
export const addressPolicy: ThrottlePolicy = {
  maxFailures: 20,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
};

/** Seconds until the key may try again, or 0 if it may now. */
export function retryAfterSeconds(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const remaining = Date.parse(state.lockedUntil) - now.getTime();
  return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
}

export function recordFailure(
  state: ThrottleState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleState {
  const nowMs = now.getTime();
  const windowOpen =
    state !== undefined && nowMs - Date.parse(state.windowStartedAt) < policy.windowMs;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now.toISOString();
  const lockedUntil =
    failures >= policy.maxFailures ? new Date(nowMs + policy.lockMs).toISOString() : null;
  return {
    failures: lockedUntil ? 0 : failures,
    windowStartedAt: lockedUntil ? now.toISOString() : windowStartedAt,
    lockedUntil,
  };
}
