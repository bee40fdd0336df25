import type { Kysely } from 'kysely';
import { isAllowed } from '../domain/access/permissions.js';
import type { Action } from '../domain/access/permissions.js';
import { scopeIncludesUser } from '../domain/access/scope.js';
import type { Visibility } from '../domain/access/scope.js';
import { visibilityFor } from '../domain/access/visibility.js';
import { DomainError, notFound } from '../domain/errors.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { existingIds } from '../store/references.repo.js';
import type { Database } from '../store/schema.js';
import { usersInManagedSubtree } from '../store/teams.repo.js';
import type { VisibleTable } from '../store/visibility.js';

/**
 * Access control, in the app layer so HTTP, CLI and jobs obey the same rules. A record the
 * principal cannot see is reported as not found (404), so ids cannot be probed; an action
 * the role may not take on a record it can see is forbidden (403).
 */
export function authorize(principal: Principal, action: Action): void {
  if (!isAllowed(principal.role, principal.grants, action))
    throw new DomainError('forbidden', { action });
}

export function can(principal: Principal, action: Action): boolean {
  return isAllowed(principal.role, principal.grants, action);
}

/** The user behind a principal; the system principal has none and may not act "as me". */
export function actingUser(principal: Principal): string {
  if (principal.userId === null) throw new DomainError('forbidden', { action: 'self' });
  return principal.userId;
}

const cache = new WeakMap<Principal, Promise<Visibility>>();

/** The principal's visibility, resolved once per principal (i.e. per request). */
export function visibilityOf(db: Kysely<Database>, principal: Principal): Promise<Visibility> {
  let pending = cache.get(principal);
  if (!pending) {
    pending = (async () => {
      const team =
        principal.role === 'manager' && principal.userId
          ? await usersInManagedSubtree(db, principal.tenantId, principal.userId)
          : [];
      return visibilityFor(principal.role, principal.grants, principal.userId, team);
    })();
    cache.set(principal, pending);
  }
  return pending;
}

/** 404 unless the record exists, is live and is visible to the principal. */
export async function assertVisible(
  db: Kysely<Database>,
  principal: Principal,
  table: VisibleTable &
    ('leads' | 'accounts' | 'contacts' | 'opportunities' | 'activities' | 'tasks'),
  id: string,
  entity: string,
  options: { includeDeleted?: boolean } = {},
): Promise<void> {
  const visibility = await visibilityOf(db, principal);
  const found = await existingIds(db, table, principal.tenantId, [id], { visibility, ...options });
  if (!found.has(id)) throw notFound(entity);
}

/**
 * Who may become the owner of a record: yourself or a public pool always; anyone in the
 * team subtree for managers; anyone for admins (and for lead-ops, of leads).
 */
export async function assertCanAssign(
  db: Kysely<Database>,
  principal: Principal,
  ownerId: string | null | undefined,
  kind: 'lead' | 'record',
): Promise<void> {
  if (!ownerId || ownerId === principal.userId) return;
  if (can(principal, 'records.assign_any')) return;
  if (kind === 'lead' && can(principal, 'leads.assign_any')) return;
  if (can(principal, 'records.assign_team')) {
    const visibility = await visibilityOf(db, principal);
    if (scopeIncludesUser(visibility.people, ownerId)) return;
  }
  throw new DomainError('forbidden', { action: 'assign' });
}
