import { sql } from 'kysely';
import type { Expression, RawBuilder, SqlBool } from 'kysely';
import type { Scope, Visibility } from '../domain/access/scope.js';

/**
 * Record visibility as SQL: one condition per table, built from the principal's
 * Visibility, that every list, lookup, reference check and report adds to its WHERE. The
 * conditions refer to the queried table by name (`accounts.owner_id`), so callers select
 * from the table without an alias. Correlated subqueries use the (tenant_id, …) indexes.
 */
export type VisibleTable =
  'leads' | 'accounts' | 'contacts' | 'opportunities' | 'activities' | 'tasks' | 'stage_history';

type Fragment = RawBuilder<SqlBool>;
const TRUE: Fragment = sql<SqlBool>`1 = 1`;
const FALSE: Fragment = sql<SqlBool>`1 = 0`;
const col = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

function inList(expression: RawBuilder<unknown>, ids: readonly string[]): Fragment {
  return ids.length === 0 ? FALSE : sql<SqlBool>`${expression} in (${sql.join(ids)})`;
}

const anyOf = (parts: Fragment[]): Fragment =>
  parts.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;

/** Owned by one of the people, or (when the scope includes pools) sitting in a pool. */
function ownedOrPooled(
  alias: string,
  scope: Scope,
  ownerColumn = 'owner_id',
  hasPool = true,
): Fragment {
  if (scope.kind === 'tenant') return TRUE;
  if (scope.kind === 'none') return FALSE;
  const parts = [inList(col(alias, ownerColumn), scope.ownerIds)];
  if (scope.pools && hasPool) parts.push(sql<SqlBool>`${col(alias, 'pool_id')} is not null`);
  return anyOf(parts);
}

function opportunityVisible(alias: string, v: Visibility): Fragment {
  const scope = v.opportunities;
  if (scope.kind !== 'people') return scope.kind === 'tenant' ? TRUE : FALSE;
  const member = sql<SqlBool>`exists (select 1 from opportunity_members m
    where m.tenant_id = ${col(alias, 'tenant_id')} and m.opportunity_id = ${col(alias, 'id')}
    and ${inList(sql.ref('m.user_id'), scope.ownerIds)})`;
  return anyOf([inList(col(alias, 'owner_id'), scope.ownerIds), member]);
}

/** An account is also visible to whoever can see one of its live deals. */
function accountVisible(alias: string, v: Visibility, depth: number): Fragment {
  if (v.accounts.kind === 'tenant') return TRUE;
  const o = `o${depth}`;
  const viaDeal =
    v.opportunities.kind === 'none'
      ? FALSE
      : sql<SqlBool>`exists (select 1 from opportunities ${sql.raw(o)}
          where ${col(o, 'tenant_id')} = ${col(alias, 'tenant_id')} and ${col(o, 'account_id')} = ${col(alias, 'id')}
          and ${col(o, 'deleted_at')} is null and ${opportunityVisible(o, v)})`;
  return anyOf([ownedOrPooled(alias, v.accounts), viaDeal]);
}

function contactVisible(alias: string, v: Visibility, depth: number): Fragment {
  if (v.accounts.kind === 'tenant') return TRUE;
  const a = `a${depth}`;
  return sql<SqlBool>`exists (select 1 from accounts ${sql.raw(a)}
    where ${col(a, 'tenant_id')} = ${col(alias, 'tenant_id')} and ${col(a, 'id')} = ${col(alias, 'account_id')}
    and ${accountVisible(a, v, depth + 1)})`;
}

/** Linked to a record the principal can see (for activities and tasks). */
function linkedVisible(alias: string, v: Visibility): Fragment {
  const link = (
    table: string,
    column: string,
    condition: (inner: string) => Fragment,
  ): Fragment => {
    const inner = `l_${table}`;
    return sql<SqlBool>`(${col(alias, column)} is not null and exists (select 1 from ${sql.table(table)} ${sql.raw(inner)}
      where ${col(inner, 'tenant_id')} = ${col(alias, 'tenant_id')} and ${col(inner, 'id')} = ${col(alias, column)}
      and ${condition(inner)}))`;
  };
  return anyOf([
    link('leads', 'lead_id', (inner) => ownedOrPooled(inner, v.leads)),
    link('opportunities', 'opportunity_id', (inner) => opportunityVisible(inner, v)),
    link('accounts', 'account_id', (inner) => accountVisible(inner, v, 1)),
    link('contacts', 'contact_id', (inner) => contactVisible(inner, v, 1)),
  ]);
}

function condition(table: VisibleTable, v: Visibility): Fragment {
  switch (table) {
    case 'leads':
      return ownedOrPooled(table, v.leads);
    case 'accounts':
      return accountVisible(table, v, 0);
    case 'contacts':
      return anyOf([
        ownedOrPooled(table, v.people, 'owner_id', false),
        contactVisible(table, v, 0),
      ]);
    case 'opportunities':
      return opportunityVisible(table, v);
    case 'stage_history': {
      return sql<SqlBool>`exists (select 1 from opportunities sh_o where sh_o.tenant_id = stage_history.tenant_id
        and sh_o.id = stage_history.opportunity_id and ${opportunityVisible('sh_o', v)})`;
    }
    case 'activities':
      return anyOf([ownedOrPooled(table, v.people, 'owner_id', false), linkedVisible(table, v)]);
    case 'tasks':
      return anyOf([
        ownedOrPooled(table, v.people, 'assignee_id', false),
        ownedOrPooled(table, v.people, 'created_by', false),
        linkedVisible(table, v),
      ]);
  }
}

const everything = (v: Visibility) =>
  v.leads.kind === 'tenant' &&
  v.accounts.kind === 'tenant' &&
  v.opportunities.kind === 'tenant' &&
  v.people.kind === 'tenant';

/** The WHERE condition for `table`, or null when the principal sees the whole table. */
export function visibleCondition(
  table: VisibleTable,
  visibility: Visibility,
): Expression<SqlBool> | null {
  if (everything(visibility)) return null;
  if (table === 'leads' && visibility.leads.kind === 'tenant') return null;
  if ((table === 'accounts' || table === 'contacts') && visibility.accounts.kind === 'tenant')
    return null;
  if (
    (table === 'opportunities' || table === 'stage_history') &&
    visibility.opportunities.kind === 'tenant'
  )
    return null;
  return condition(table, visibility);
}

export function isVisibleTable(table: string): table is VisibleTable {
  return [
    'leads',
    'accounts',
    'contacts',
    'opportunities',
    'activities',
    'tasks',
    'stage_history',
  ].includes(table);
}
