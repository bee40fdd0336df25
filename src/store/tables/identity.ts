import type { Keyed, Versioned, JsonColumn } from './columns.js';

/** Row types of tenants, people, teams, sessions and API tokens. */

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  locale: string;
  time_zone: string;
  default_currency: string;
  /** JSON tenant-wide settings (follow-up deadlines, contact caps, assignment fallback). */
  settings: JsonColumn;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UsersTable extends Keyed, Versioned {
  email: string;
  name: string;
  role: string;
  team_id: string | null;
  locale: string | null;
  status: string;
  password_hash: string | null;
  /** JSON array of extra permissions beyond the role (e.g. `view_opportunities`). */
  grants: JsonColumn;
  /** Open leads the rep should carry at most (assignment by capacity); null: no cap. */
  capacity: number | null;
  /** On leave until then: assignment skips the rep. */
  away_until: string | null;
  languages: JsonColumn;
  last_assigned_at: string | null;
}

export interface ApiTokensTable extends Keyed {
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown in lists so a user can tell tokens apart. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface SessionsTable extends Keyed {
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface TeamsTable extends Keyed, Versioned {
  name: string;
  parent_id: string | null;
  manager_id: string | null;
}
