import type { Kysely, Selectable } from 'kysely';
import { grants as knownGrants } from '../domain/access/permissions.js';
import type { Grant } from '../domain/access/permissions.js';
import { fromJsonColumn, stringArrayFromJson, toJsonColumn } from './json.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import type { Role, User, UserStatus } from '../domain/tenancy/user.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Database, UsersTable } from './schema.js';
import { matchesText } from './search.js';

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    teamId: row.team_id,
    locale: row.locale as Locale | null,
    status: row.status as UserStatus,
    grants: grantsFromJson(row.grants),
    capacity: row.capacity,
    awayUntil: row.away_until,
    languages: stringArrayFromJson(row.languages),
    lastAssignedAt: row.last_assigned_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Unknown grant names (from a newer version, or hand-edited rows) are ignored, not trusted. */
function grantsFromJson(value: unknown): Grant[] {
  const parsed = fromJsonColumn(value);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((grant): grant is Grant =>
    (knownGrants as readonly unknown[]).includes(grant),
  );
}

export function toUserRow(tenantId: string, user: User, passwordHash: string | null): UsersTable {
  return {
    tenant_id: tenantId,
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    team_id: user.teamId,
    locale: user.locale,
    status: user.status,
    password_hash: passwordHash,
    grants: toJsonColumn(user.grants),
    capacity: user.capacity,
    away_until: user.awayUntil,
    languages: toJsonColumn(user.languages),
    last_assigned_at: user.lastAssignedAt,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    version: user.version,
  };
}

export async function findUserRowByEmail(
  db: Kysely<Database>,
  tenantId: string,
  email: string,
): Promise<Selectable<UsersTable> | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('email', '=', email)
    .executeTakeFirst();
}

/** Sign-in without a tenant: the same e-mail may exist in several tenants. */
export async function findUserRowsByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<Selectable<UsersTable>[]> {
  return db.selectFrom('users').selectAll().where('email', '=', email).limit(20).execute();
}

export interface UserFilter {
  readonly role?: Role;
  readonly teamId?: string;
  readonly status?: UserStatus;
  readonly q?: string;
}

export async function listUsers(
  db: Kysely<Database>,
  tenantId: string,
  filter: UserFilter,
  page: PageQuery,
): Promise<Page<User>> {
  let query = db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.teamId) query = query.where('team_id', '=', filter.teamId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) query = query.where(matchesText('users', ['name', 'email'], filter.q));
  const rows = await applyKeyset(query, 'users', page).execute();
  return toPage(rows, page, toUser);
}
