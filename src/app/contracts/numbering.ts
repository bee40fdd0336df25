import { DomainError } from '../../domain/errors.js';
import { constraintViolation } from '../../store/constraint-errors.js';

/**
 * Numbers ("C-000042") are the highest plus one, so two concurrent creates can pick the
 * same one; the unique key refuses the second, whose whole transaction is then run again.
 */
export async function withFreshNumber<T>(attempt: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const violation = error instanceof DomainError ? error : constraintViolation(error);
      const constraint = String(violation?.params.constraint ?? '');
      if (i >= tries || violation?.code !== 'duplicate' || !isNumberKey(constraint)) throw error;
    }
  }
}

/** PostgreSQL names the constraint (`receipts_number_key`); SQLite lists its columns. */
const isNumberKey = (constraint: string): boolean =>
  constraint.endsWith('_number_key') || constraint.endsWith('.number');
