import { DomainError } from '../../domain/errors.js';
import type { ImportEntity } from '../../domain/imports/entities.js';
import type { ImportRun } from '../../domain/imports/import-run.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import { authorize, can } from '../access.js';

/** Admins import anything; lead operations staff import leads. */
export function authorizeImport(principal: Principal, entity: ImportEntity): void {
  if (entity === 'leads' && can(principal, 'leads.import')) return;
  authorize(principal, 'data.import');
}

/** Exports are for admins and managers (and lead operations, of leads), within what they see. */
export function authorizeExport(principal: Principal, entity: ImportEntity): void {
  if (entity === 'leads' && can(principal, 'leads.export')) return;
  authorize(principal, 'data.export');
  if (entity === 'opportunities') authorize(principal, 'opportunities.read');
}

/**
 * A run and its error report (which holds the file's cells) are for whoever started it and
 * for admins; anyone else is told it does not exist.
 */
export function canSeeImport(principal: Principal, run: ImportRun): boolean {
  if (can(principal, 'data.import')) return true;
  return run.createdBy !== null && run.createdBy === principal.userId;
}

export const tooManyRows = (max: number): DomainError =>
  new DomainError('validation_failed', {}, [
    { path: 'file', code: 'too_many_rows', message: `at most ${max} rows per import` },
  ]);
