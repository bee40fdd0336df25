import type { Kysely, Selectable } from 'kysely';
import type {
  CustomFieldDefinition,
  CustomFieldType,
} from '../domain/opportunities/custom-fields.js';
import { stringArrayFromJson, toJsonColumn } from './json.js';
import type { CustomFieldsTable, Database } from './schema.js';

export function toCustomField(row: Selectable<CustomFieldsTable>): CustomFieldDefinition {
  return {
    id: row.id,
    key: row.key,
    labelZh: row.label_zh,
    labelEn: row.label_en,
    type: row.type as CustomFieldType,
    options: stringArrayFromJson(row.options),
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toCustomFieldRow(
  tenantId: string,
  field: CustomFieldDefinition,
): CustomFieldsTable {
  return {
    tenant_id: tenantId,
    id: field.id,
    entity: 'opportunity',
    key: field.key,
    label_zh: field.labelZh,
    label_en: field.labelEn,
    type: field.type,
    options: toJsonColumn(field.options),
    position: field.position,
    created_at: field.createdAt,
    updated_at: field.updatedAt,
    version: field.version,
  };
}

export async function listCustomFields(
  db: Kysely<Database>,
  tenantId: string,
): Promise<CustomFieldDefinition[]> {
  const rows = await db
    .selectFrom('custom_fields')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('entity', '=', 'opportunity')
    .orderBy('position')
    .orderBy('key')
    .execute();
  return rows.map(toCustomField);
}

export async function deleteCustomFieldRow(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('custom_fields')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
