/**
 * Which records a principal may see, as data. The store turns a scope into one SQL
 * condition per table, and every list, count, lookup and report applies it, so no
 * endpoint can forget it.
 *
 * - `tenant`: everything in the tenant (admins; lead-ops for leads, accounts, contacts).
 * - `people`: records owned by `ownerIds` (the user, or a manager's whole team subtree),
 *   deals where one of them is on the opportunity team, and, when `pools` is set,
 *   unowned leads and accounts sitting in a public pool.
 */
export type Scope =
  | { readonly kind: 'tenant' }
  | { readonly kind: 'people'; readonly ownerIds: readonly string[]; readonly pools: boolean }
  | { readonly kind: 'none' };

/**
 * A principal's scopes per kind of record. Contacts follow their account; activities and
 * tasks are visible to the people they belong to and wherever their linked record is.
 */
export interface Visibility {
  readonly leads: Scope;
  readonly accounts: Scope;
  readonly opportunities: Scope;
  /** The people whose own activities and tasks the principal sees. */
  readonly people: Scope;
}

export const wholeTenant: Scope = { kind: 'tenant' };
export const nothing: Scope = { kind: 'none' };

export const seeEverything: Visibility = {
  leads: wholeTenant,
  accounts: wholeTenant,
  opportunities: wholeTenant,
  people: wholeTenant,
};

export function peopleScope(ownerIds: readonly string[], pools = true): Scope {
  return { kind: 'people', ownerIds: [...new Set(ownerIds)], pools };
}

/** Whether `userId` is one of the people the scope is about (for assignment rules). */
export function scopeIncludesUser(scope: Scope, userId: string): boolean {
  if (scope.kind === 'none') return false;
  return scope.kind === 'tenant' || scope.ownerIds.includes(userId);
}
