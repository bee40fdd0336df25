import type { Kysely } from 'kysely';
import type { DuplicateEntityType } from '../../domain/duplicates/match-keys.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { mergedInto } from '../../store/merge.repo.js';
import { existingIds } from '../../store/references.repo.js';
import type { Database } from '../../store/schema.js';
import { visibilityOf } from '../access.js';
import { tableOf } from './subjects.js';

const mergedError = (entityType: DuplicateEntityType, survivorId: string) =>
  new DomainError('record_merged', { entity: entityType }, [], {
    mergedInto: { entityType, id: survivorId },
  });

/**
 * A merged-away record is in the trash, so reading it answers 404 like any deleted record;
 * this turns that answer into 410 record_merged naming the survivor — but only for a
 * principal who could see the record, so the pointer leaks nothing.
 */
export async function explainMerged(
  db: Kysely<Database>,
  principal: Principal,
  entityType: DuplicateEntityType,
  id: string,
  error: unknown,
): Promise<never> {
  if (!isDomainError(error) || error.code !== 'not_found') throw error;
  const survivorId = await mergedInto(db, principal.tenantId, entityType, id);
  if (survivorId === null) throw error;
  const visible = await existingIds(db, tableOf[entityType], principal.tenantId, [id], {
    visibility: await visibilityOf(db, principal),
    includeDeleted: true,
  });
  throw visible.has(id) ? mergedError(entityType, survivorId) : error;
}

/** A merged-away record cannot come back: its history now belongs to the survivor. */
export async function assertNotMerged(
  db: Kysely<Database>,
  principal: Principal,
  entityType: DuplicateEntityType,
  id: string,
): Promise<void> {
  const survivorId = await mergedInto(db, principal.tenantId, entityType, id);
  if (survivorId !== null) throw mergedError(entityType, survivorId);
}
