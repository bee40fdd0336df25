import type { Keyed, Flag, JsonColumn } from './columns.js';

/** Row types of the audit trail, idempotency keys, notifications, durable jobs and imports. */

export interface AuditLogTable extends Keyed {
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before: JsonColumn;
  after: JsonColumn;
  at: string;
  request_id: string | null;
}

export interface IdempotencyKeysTable extends Keyed {
  /** Keys are private to the principal that sent them. */
  scope: string;
  key: string;
  fingerprint: string;
  response_status: number;
  response_body: JsonColumn;
  created_at: string;
}

export interface NotificationsTable extends Keyed {
  user_id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  payload: JsonColumn;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface JobsTable extends Keyed {
  kind: string;
  /** Identifies one scheduled run (e.g. the minute it is for), so it is created once. */
  slot: string;
  run_at: string;
  status: string;
  attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  result: JsonColumn;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** One run of an import (a dry run included): who, which file, how it went. */
export interface ImportsTable extends Keyed {
  entity: string;
  file_name: string;
  format: string;
  dry_run: Flag;
  status: string;
  /** JSON array: the file's header row, for the error report. */
  headers: JsonColumn;
  mapping: JsonColumn;
  total_rows: number;
  imported_rows: number;
  skipped_rows: number;
  failed_rows: number;
  created_accounts: number;
  failure: string | null;
  created_by: string | null;
  started_at: string;
  finished_at: string | null;
}

/** A row an import could not take: its reasons and its cells as they were in the file. */
export interface ImportErrorsTable extends Keyed {
  import_id: string;
  row_number: number;
  issues: JsonColumn;
  cells: JsonColumn;
}

/** The identity of an imported row, so no re-run imports it twice. */
export interface ImportKeysTable {
  tenant_id: string;
  entity: string;
  external_key: string;
  record_id: string;
  import_id: string;
  created_at: string;
}
