import type { Kysely } from 'kysely';
import type { Visibility } from '../../domain/access/scope.js';
import type { ImportEntity } from '../../domain/imports/entities.js';
import type { ImportRowError } from '../../domain/imports/import-run.js';
import type { Drafts } from '../../domain/imports/parse-row.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import type { Database } from '../../store/schema.js';

/** A row that parsed: where it was, its identity, its draft record. */
export interface ValidRow<D> {
  readonly rowNumber: number;
  readonly cells: readonly string[];
  readonly key: string;
  readonly draft: D;
}

/** What one batch of an import is written with. */
export interface BatchEnvironment {
  readonly principal: Principal;
  readonly visibility: Visibility;
  readonly newId: () => string;
  readonly now: string;
  /** Whether contacts and deals may create the accounts they name. */
  readonly createAccounts: boolean;
  /** The default public pool, for accounts created without an owner. */
  readonly poolId: string | null;
}

/** The records a batch's valid rows become, and the rows that fail against the database. */
export interface Placement {
  readonly accepted: readonly { readonly key: string; readonly recordId: string }[];
  readonly rejected: readonly ImportRowError[];
  readonly accountsCreated: number;
  /** Writes the records (not called on a dry run). */
  write(trx: Kysely<Database>): Promise<void>;
}

/** How one entity's drafts meet the database: matching, final checks, bulk inserts. */
export type Importer<E extends ImportEntity> = (
  trx: Kysely<Database>,
  env: BatchEnvironment,
  rows: readonly ValidRow<Drafts[E]>[],
) => Promise<Placement>;

export function rejectRow(
  row: ValidRow<unknown>,
  field: string,
  code: string,
  value: string | null,
): ImportRowError {
  return { rowNumber: row.rowNumber, cells: row.cells, issues: [{ field, code, value }] };
}
