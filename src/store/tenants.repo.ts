import type { Kysely, Selectable } from 'kysely';
import type { CurrencyCode } from '../domain/money.js';
import type { Locale, Tenant } from '../domain/tenancy/tenant.js';
import { withDefaults } from '../domain/tenancy/settings.js';
import type { TenantSettings } from '../domain/tenancy/settings.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database, TenantsTable } from './schema.js';

export function toTenant(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    locale: row.locale as Locale,
    timeZone: row.time_zone,
    defaultCurrency: row.default_currency as CurrencyCode,
    settings: withDefaults(fromJsonColumn(row.settings) as Partial<TenantSettings> | null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function insertTenant(db: Kysely<Database>, tenant: Tenant): Promise<void> {
  await db
    .insertInto('tenants')
    .values({
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      locale: tenant.locale,
      time_zone: tenant.timeZone,
      default_currency: tenant.defaultCurrency,
      settings: toJsonColumn(tenant.settings),
      created_at: tenant.createdAt,
      updated_at: tenant.updatedAt,
      version: tenant.version,
    })
    .execute();
}

export async function findTenantById(
  db: Kysely<Database>,
  id: string,
): Promise<Tenant | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTenant(row);
}

export async function findTenantBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<Tenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row && toTenant(row);
}

export async function listTenants(db: Kysely<Database>): Promise<Tenant[]> {
  const rows = await db.selectFrom('tenants').selectAll().orderBy('slug').execute();
  return rows.map(toTenant);
}

/** Returns false when `expectedVersion` is stale. */
export async function updateTenant(
  db: Kysely<Database>,
  tenant: Tenant,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('tenants')
    .set({
      name: tenant.name,
      locale: tenant.locale,
      time_zone: tenant.timeZone,
      default_currency: tenant.defaultCurrency,
      settings: toJsonColumn(tenant.settings),
      updated_at: tenant.updatedAt,
      version: tenant.version,
    })
    .where('id', '=', tenant.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
