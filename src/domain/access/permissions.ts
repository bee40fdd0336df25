import type { Role } from '../tenancy/user.js';

/** Extra permissions an admin can give one user beyond their role. */
export const grants = ['view_opportunities'] as const;
export type Grant = (typeof grants)[number];

/**
 * Everything access control decides, as verbs. Reading and writing a *record* also
 * depends on whether it is in the caller's visibility scope (see `scope.ts`); these say
 * whether the role may do the kind of thing at all.
 */
export const actions = [
  'tenant.configure',
  'users.manage',
  'teams.manage',
  'pools.manage',
  'pipelines.manage',
  'audit.read_all',
  'opportunities.read',
  'opportunities.write',
  'opportunities.delete',
  'accounts.write',
  'accounts.delete',
  'contacts.write',
  'contacts.delete',
  'leads.write',
  'leads.delete',
  'activities.write',
  'tasks.write',
  'records.assign_any',
  'records.assign_team',
  'leads.assign_any',
  'data.import',
  'leads.import',
  'data.export',
  'leads.export',
  'pools.curate',
  'duplicates.resolve',
  'leads.configure',
  'experiments.manage',
] as const;
export type Action = (typeof actions)[number];

const everyone: readonly Role[] = ['admin', 'manager', 'rep', 'lead_ops'];
const sellers: readonly Role[] = ['admin', 'manager', 'rep'];

/** The role matrix, one line per action: who may. docs/security.md renders the same table. */
const matrix: Record<Action, readonly Role[]> = {
  'tenant.configure': ['admin'],
  'users.manage': ['admin'],
  'teams.manage': ['admin'],
  'pools.manage': ['admin'],
  'pipelines.manage': ['admin'],
  'audit.read_all': ['admin'],
  'opportunities.read': sellers,
  'opportunities.write': sellers,
  'opportunities.delete': ['admin', 'manager'],
  'accounts.write': sellers,
  'accounts.delete': ['admin', 'manager'],
  'contacts.write': sellers,
  'contacts.delete': sellers,
  'leads.write': everyone,
  'leads.delete': ['admin', 'manager', 'lead_ops'],
  'activities.write': everyone,
  'tasks.write': everyone,
  'records.assign_any': ['admin'],
  'records.assign_team': ['admin', 'manager'],
  'leads.assign_any': ['admin', 'lead_ops'],
  // Bulk moves of data: imports write history without per-record gates, exports take a
  // whole list out, so both are kept to the few who answer for the data.
  'data.import': ['admin'],
  'leads.import': ['admin', 'lead_ops'],
  'data.export': ['admin', 'manager'],
  'leads.export': ['admin', 'manager', 'lead_ops'],
  // Archive to dormant, re-activate, eliminate: pool hygiene, not selling.
  'pools.curate': ['admin', 'manager', 'lead_ops'],
  // Merging and dismissing duplicates is data stewardship: a merge also needs the right to
  // delete that kind of record (the duplicate goes to the trash), and both records in scope.
  'duplicates.resolve': ['admin', 'manager', 'lead_ops'],
  // Web forms and scoring rules decide where leads come from and how they rank: the
  // people who run lead generation own them.
  'leads.configure': ['admin', 'lead_ops'],
  // A/B experiments change what reps are shown and how often they must follow up.
  'experiments.manage': ['admin', 'manager'],
};

const grantedActions: Record<Grant, readonly Action[]> = {
  // Lead operations staff see leads and pools; deals and their money only when granted.
  view_opportunities: ['opportunities.read'],
};

export function isAllowed(role: Role, userGrants: readonly Grant[], action: Action): boolean {
  return (
    matrix[action].includes(role) ||
    userGrants.some((grant) => grantedActions[grant].includes(action))
  );
}

export function roleMatrix(): Record<Action, readonly Role[]> {
  return matrix;
}
