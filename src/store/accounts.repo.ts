import type { Kysely, Selectable } from 'kysely';
import type { Account, CompanySize, ValueTier } from '../domain/accounts/account.js';
import type { Lifecycle } from '../domain/pools/pool-rules.js';
import { deadlineLevel } from './deadline-level.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Visibility } from '../domain/access/scope.js';
import { visibleCondition } from './visibility.js';
import type { AccountsTable, Database } from './schema.js';
import { deletedCondition, matchesText } from './search.js';
import type { DeletedFilter } from './search.js';

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    industry: row.industry,
    size: row.size as CompanySize | null,
    region: row.region,
    valueTier: row.value_tier as ValueTier | null,
    creditCode: row.credit_code,
    website: row.website,
    phone: row.phone,
    address: row.address,
    notes: row.notes,
    ownerId: row.owner_id,
    poolId: row.pool_id,
    lifecycle: row.lifecycle as Lifecycle,
    ownedSince: row.owned_since,
    deadlineAt: row.deadline_at,
    deadlineLevel: deadlineLevel(row.deadline_level),
    silenceUntil: row.silence_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
  };
}

export function toAccountRow(tenantId: string, account: Account): AccountsTable {
  return {
    tenant_id: tenantId,
    id: account.id,
    name: account.name,
    parent_id: account.parentId,
    industry: account.industry,
    size: account.size,
    region: account.region,
    value_tier: account.valueTier,
    credit_code: account.creditCode,
    website: account.website,
    phone: account.phone,
    address: account.address,
    notes: account.notes,
    owner_id: account.ownerId,
    pool_id: account.poolId,
    lifecycle: account.lifecycle,
    owned_since: account.ownedSince,
    deadline_at: account.deadlineAt,
    deadline_level: account.deadlineLevel,
    silence_until: account.silenceUntil,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
    deleted_at: account.deletedAt,
    version: account.version,
  };
}

export interface AccountFilter {
  readonly q?: string;
  readonly parentId?: string;
  /** Only the roots of the customer tree (no parent). */
  readonly topLevel?: boolean;
  readonly ownerId?: string;
  readonly poolId?: string;
  readonly industry?: string;
  readonly region?: string;
  readonly valueTier?: ValueTier;
  readonly size?: CompanySize;
  readonly deleted: DeletedFilter;
}

export async function listAccounts(
  db: Kysely<Database>,
  tenantId: string,
  filter: AccountFilter,
  page: PageQuery,
  visibility: Visibility,
): Promise<Page<Account>> {
  let query = db.selectFrom('accounts').selectAll().where('tenant_id', '=', tenantId);
  const visible = visibleCondition('accounts', visibility);
  if (visible) query = query.where(visible);
  const deleted = deletedCondition('accounts', filter.deleted);
  if (deleted) query = query.where(deleted);
  if (filter.q) query = query.where(matchesText('accounts', ['name', 'credit_code'], filter.q));
  if (filter.parentId) query = query.where('parent_id', '=', filter.parentId);
  if (filter.topLevel) query = query.where('parent_id', 'is', null);
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.poolId) query = query.where('pool_id', '=', filter.poolId);
  if (filter.industry) query = query.where('industry', '=', filter.industry);
  if (filter.region) query = query.where('region', '=', filter.region);
  if (filter.valueTier) query = query.where('value_tier', '=', filter.valueTier);
  if (filter.size) query = query.where('size', '=', filter.size);
  const rows = await applyKeyset(query, 'accounts', page).execute();
  return toPage(rows, page, toAccount);
}

/** Live records that depend on an account; deleting it while they exist would orphan them. */
export async function accountDependents(
  db: Kysely<Database>,
  tenantId: string,
  accountId: string,
): Promise<{ openOpportunities: number; childAccounts: number }> {
  const opportunities = await db
    .selectFrom('opportunities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const children = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { openOpportunities: Number(opportunities.n), childAccounts: Number(children.n) };
}
