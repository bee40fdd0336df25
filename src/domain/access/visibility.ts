import type { Grant } from './permissions.js';
import { isAllowed } from './permissions.js';
import type { Role } from '../tenancy/user.js';
import { nothing, peopleScope, seeEverything, wholeTenant } from './scope.js';
import type { Visibility } from './scope.js';

/**
 * Who sees what, by role (docs/security.md has the same table):
 * - admin: the whole tenant.
 * - manager: everything owned by the people in the team subtree they manage (and their
 *   own), deals where one of those people is on the team, and the public pools.
 * - rep: their own records, deals they are on the team of (and those deals' accounts),
 *   and the public pools.
 * - lead-ops: every lead and account (they clean and distribute them); deals only with
 *   the `view_opportunities` grant; their own activities and tasks.
 * `teamPeople` is the manager's subtree (ignored for other roles).
 */
export function visibilityFor(
  role: Role,
  grants: readonly Grant[],
  userId: string | null,
  teamPeople: readonly string[],
): Visibility {
  if (role === 'admin' || userId === null) return seeEverything;
  if (role === 'lead_ops') {
    return {
      leads: wholeTenant,
      accounts: wholeTenant,
      opportunities: isAllowed(role, grants, 'opportunities.read') ? wholeTenant : nothing,
      people: peopleScope([userId], false),
    };
  }
  const people = role === 'manager' ? [userId, ...teamPeople] : [userId];
  const scope = peopleScope(people, true);
  return {
    leads: scope,
    accounts: scope,
    opportunities: peopleScope(people, false),
    people: peopleScope(people, false),
  };
}
