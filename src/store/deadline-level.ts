import type { DeadlineLevel } from '../domain/pools/deadlines.js';

/** The stored escalation level, clamped to what the domain knows. */
export function deadlineLevel(value: number): DeadlineLevel {
  return value >= 2 ? 2 : value === 1 ? 1 : 0;
}
