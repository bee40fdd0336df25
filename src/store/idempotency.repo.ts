import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database } from './schema.js';

export interface StoredResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

export async function findIdempotentResponse(
  db: Kysely<Database>,
  tenantId: string,
  scope: string,
  key: string,
): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'response_status', 'response_body'])
    .where('tenant_id', '=', tenantId)
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return (
    row && {
      fingerprint: row.fingerprint,
      status: row.response_status,
      body: fromJsonColumn(row.response_body),
    }
  );
}

export async function insertIdempotentResponse(
  db: Kysely<Database>,
  record: {
    tenantId: string;
    id: string;
    scope: string;
    key: string;
    createdAt: string;
  } & StoredResponse,
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      tenant_id: record.tenantId,
      id: record.id,
      scope: record.scope,
      key: record.key,
      fingerprint: record.fingerprint,
      response_status: record.status,
      response_body: toJsonColumn(record.body),
      created_at: record.createdAt,
    })
    .execute();
}
