import { DomainError } from '../domain/errors.js';

interface DriverError extends Error {
  readonly code?: unknown;
  /** PostgreSQL names the violated constraint; SQLite only describes it in the message. */
  readonly constraint?: unknown;
}

/**
 * The database is the last line of defence: services check references and uniqueness first
 * and answer precisely, but a race can still reach a constraint. Those become the same
 * stable codes instead of a 500; `constraint` says which one, for callers that care.
 */
export function constraintViolation(error: unknown): DomainError | null {
  if (!(error instanceof Error)) return null;
  const { code } = error as DriverError;
  if (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  ) {
    return new DomainError('duplicate', { field: 'id', constraint: constraintName(error) });
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new DomainError('reference_not_found', {
      field: 'id',
      constraint: constraintName(error),
    });
  }
  return null;
}

function constraintName(error: DriverError): string {
  if (typeof error.constraint === 'string') return error.constraint;
  return /constraint failed: (.*)$/.exec(error.message)?.[1] ?? 'unknown';
}
