import type { ImportEntity } from './entities.js';
import type { ImportMapping } from './mapping.js';
import type { RowIssue } from './row-reader.js';

export const importFormats = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** `running` until the last batch commits; `failed` when a run stopped on an error. */
export const importStatuses = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export interface ImportCounts {
  /** Data rows read (blank lines are not rows). */
  readonly rows: number;
  readonly imported: number;
  /** Rows a previous run already imported (same external key). */
  readonly skipped: number;
  readonly failed: number;
  /** Accounts that contacts or deals named and that were created for them. */
  readonly accountsCreated: number;
}

export const noCounts: ImportCounts = {
  rows: 0,
  imported: 0,
  skipped: 0,
  failed: 0,
  accountsCreated: 0,
};

export function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  return {
    rows: a.rows + b.rows,
    imported: a.imported + b.imported,
    skipped: a.skipped + b.skipped,
    failed: a.failed + b.failed,
    accountsCreated: a.accountsCreated + b.accountsCreated,
  };
}

/** One run of an import, a dry run included. */
export interface ImportRun {
  readonly id: string;
  readonly entity: ImportEntity;
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly dryRun: boolean;
  readonly status: ImportStatus;
  readonly headers: readonly string[];
  readonly mapping: ImportMapping;
  readonly counts: ImportCounts;
  /** Why a failed run stopped. */
  readonly failure: string | null;
  readonly createdBy: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** A row that was not imported: where it was, why, and what it held. */
export interface ImportRowError {
  readonly rowNumber: number;
  readonly issues: readonly RowIssue[];
  /** The row's cells as text, in the order of the file's headers. */
  readonly cells: readonly string[];
}
