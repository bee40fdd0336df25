import type { Kysely, Selectable } from 'kysely';
import type { AttachmentsTable, Database } from './schema.js';

export interface Attachment {
  readonly id: string;
  readonly opportunityId: string | null;
  readonly accountId: string | null;
  readonly type: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedBy: string | null;
  readonly createdAt: string;
  readonly deletedAt: string | null;
}

export function toAttachment(row: Selectable<AttachmentsTable>): Attachment {
  return {
    id: row.id,
    opportunityId: row.opportunity_id,
    accountId: row.account_id,
    type: row.type,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
  };
}

export async function insertAttachment(db: Kysely<Database>, row: AttachmentsTable): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export async function findAttachment(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<(Attachment & { storageKey: string }) | undefined> {
  const row = await db
    .selectFrom('attachments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...toAttachment(row), storageKey: row.storage_key };
}

export async function listAttachments(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toAttachment);
}

export async function markAttachmentDeleted(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('attachments')
    .set({ deleted_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
