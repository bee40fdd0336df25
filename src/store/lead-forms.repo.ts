import type { Kysely, Selectable } from 'kysely';
import type { LeadSource } from '../domain/leads/lead.js';
import { leadFormTargets } from '../domain/leads/lead-form.js';
import type { LeadForm, LeadFormTarget } from '../domain/leads/lead-form.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database, LeadFormsTable } from './schema.js';

const isTarget = (value: unknown): value is LeadFormTarget =>
  typeof value === 'string' && (leadFormTargets as readonly string[]).includes(value);

/** We wrote the mapping ourselves; anything unexpected in it is dropped, not trusted. */
function fieldsFromJson(value: unknown): Record<string, LeadFormTarget> {
  const parsed = fromJsonColumn(value);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).filter(
      (entry): entry is [string, LeadFormTarget] => isTarget(entry[1]),
    ),
  );
}

export function toLeadForm(row: Selectable<LeadFormsTable>): LeadForm {
  return {
    id: row.id,
    name: row.name,
    campaign: row.campaign,
    source: row.source as LeadSource,
    ownerId: row.owner_id,
    poolId: row.pool_id,
    fields: fieldsFromJson(row.fields),
    honeypot: row.honeypot,
    redirectUrl: row.redirect_url,
    tokenHash: row.token_hash,
    tokenPrefix: row.token_prefix,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toLeadFormRow(tenantId: string, form: LeadForm): LeadFormsTable {
  return {
    tenant_id: tenantId,
    id: form.id,
    name: form.name,
    campaign: form.campaign,
    source: form.source,
    owner_id: form.ownerId,
    pool_id: form.poolId,
    fields: toJsonColumn(form.fields),
    honeypot: form.honeypot,
    redirect_url: form.redirectUrl,
    token_hash: form.tokenHash,
    token_prefix: form.tokenPrefix,
    created_by: form.createdBy,
    revoked_at: form.revokedAt,
    created_at: form.createdAt,
    updated_at: form.updatedAt,
    version: form.version,
  };
}

export async function findLeadForm(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<LeadForm | undefined> {
  const row = await db
    .selectFrom('lead_forms')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toLeadForm(row);
}

export async function insertLeadForm(
  db: Kysely<Database>,
  tenantId: string,
  form: LeadForm,
): Promise<void> {
  await db.insertInto('lead_forms').values(toLeadFormRow(tenantId, form)).execute();
}

/** Saves `form` if the stored version is still `expectedVersion`. */
export async function saveLeadForm(
  db: Kysely<Database>,
  tenantId: string,
  form: LeadForm,
  expectedVersion: number,
): Promise<boolean> {
  const { tenant_id: _tenant, id: _id, ...changes } = toLeadFormRow(tenantId, form);
  const result = await db
    .updateTable('lead_forms')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', form.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The tenant's live forms, newest first (a tenant has a handful, not thousands). */
export async function listLeadForms(db: Kysely<Database>, tenantId: string): Promise<LeadForm[]> {
  const rows = await db
    .selectFrom('lead_forms')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toLeadForm);
}

/** The live form a submission's token belongs to, with its tenant: the token names both. */
export async function findLiveFormByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<{ tenantId: string; form: LeadForm } | undefined> {
  const row = await db
    .selectFrom('lead_forms')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { tenantId: row.tenant_id, form: toLeadForm(row) };
}
