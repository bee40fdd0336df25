import type { Kysely } from 'kysely';
import type { Contract } from '../../domain/contracts/records.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { findContract } from '../../store/contracts.repo.js';
import type { Database } from '../../store/schema.js';
import { assertVisible, authorize, visibilityOf } from '../access.js';

/**
 * A contract is seen by whoever sees its deal (the owner, the deal team, their managers,
 * admins), so contracts never show more than the pipeline does.
 */
export async function loadContract(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
  intent: 'read' | 'write' = 'read',
): Promise<Contract> {
  authorize(principal, intent === 'read' ? 'opportunities.read' : 'opportunities.write');
  const contract = await findContract(db, principal.tenantId, id);
  if (!contract) throw notFound('contract');
  await assertVisible(db, principal, 'opportunities', contract.opportunityId, 'contract', {
    includeDeleted: true,
  });
  return contract;
}

/** Money and deliveries move only on an active contract. */
export function assertActive(contract: Contract): void {
  if (contract.status !== 'active')
    throw new DomainError('contract_state', { status: contract.status });
}

/** The owners whose contracts a list may show; null means every owner. */
export async function visibleOwners(
  db: Kysely<Database>,
  principal: Principal,
): Promise<readonly string[] | null> {
  const scope = (await visibilityOf(db, principal)).opportunities;
  if (scope.kind === 'tenant') return null;
  return scope.kind === 'none' ? [] : scope.ownerIds;
}
