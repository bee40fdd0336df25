import type { Kysely } from 'kysely';
import { DomainError, referenceNotFound } from '../domain/errors.js';
import { wouldCreateCycle } from '../domain/tree.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { ancestorChain, existingIds } from '../store/references.repo.js';
import { visibilityOf } from './access.js';
import type { Database, TenantTable } from '../store/schema.js';

export interface Reference {
  /** The API field that carries the id, reported back when it does not resolve. */
  readonly field: string;
  readonly table: TenantTable;
  readonly id: string | null | undefined;
}

/**
 * Every id a request mentions must name a live row of the caller's tenant that the caller
 * may see. Another tenant's id, or a colleague's private record, is indistinguishable from
 * a missing one (422 reference_not_found), so ids cannot be probed.
 */
export async function assertReferences(
  trx: Kysely<Database>,
  principal: Principal,
  references: readonly Reference[],
  options: { includeDeleted?: boolean } = {},
): Promise<void> {
  const tenantId = principal.tenantId;
  // A reference to a record the caller cannot see is as unknown as a missing one.
  const visibility = await visibilityOf(trx, principal);
  const byTable = new Map<TenantTable, Set<string>>();
  for (const { table, id } of references) {
    if (id === null || id === undefined) continue;
    const ids = byTable.get(table) ?? new Set<string>();
    ids.add(id);
    byTable.set(table, ids);
  }
  const found = new Map<TenantTable, Set<string>>();
  for (const [table, ids] of byTable)
    found.set(table, await existingIds(trx, table, tenantId, [...ids], { visibility, ...options }));
  const missing = references.filter(({ table, id }) => id != null && !found.get(table)?.has(id));
  if (missing.length > 0) throw referenceNotFound(...missing.map(({ field }) => field));
}

/** Refuses a parent link that would make `nodeId` its own ancestor. */
export async function assertNoCycle(
  trx: Kysely<Database>,
  table: 'accounts' | 'teams' | 'contacts',
  tenantId: string,
  nodeId: string,
  parentId: string | null,
  field: string,
): Promise<void> {
  if (parentId === null) return;
  if (parentId === nodeId) throw new DomainError('cycle_detected', { field });
  const chain = await ancestorChain(trx, table, tenantId, parentId);
  if (wouldCreateCycle(nodeId, parentId, chain)) throw new DomainError('cycle_detected', { field });
}

/**
 * Ids in a list's filters must name records the caller could see (the trash included):
 * another tenant's id, or a colleague's private record, answers 422 like a missing one
 * instead of an empty page, so a filter cannot be used to probe for ids.
 */
export async function assertFilterReferences(
  db: Kysely<Database>,
  principal: Principal,
  references: readonly Reference[],
): Promise<void> {
  await assertReferences(db, principal, references, { includeDeleted: true });
}
