import type { Grant } from '../access/permissions.js';
import type { Locale } from './tenant.js';

/**
 * admin configures the tenant; manager leads a team subtree; rep sells; lead_ops cleans and
 * distributes leads. What each may see and do is decided in the app layer.
 */
export const roles = ['admin', 'manager', 'rep', 'lead_ops'] as const;
export type Role = (typeof roles)[number];

export const userStatuses = ['active', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly teamId: string | null;
  readonly locale: Locale | null;
  readonly status: UserStatus;
  readonly grants: readonly Grant[];
  /** Open leads the rep should carry at most (assignment by capacity); null: no cap. */
  readonly capacity: number | null;
  /** On leave until then: assignment skips the rep. */
  readonly awayUntil: string | null;
  readonly languages: readonly string[];
  readonly lastAssignedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** E-mail addresses are compared case-insensitively; we store them lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
