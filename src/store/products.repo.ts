import type { Kysely } from 'kysely';
import type { Product } from '../domain/catalog/product.js';
import type { ProductCustomisation, ProductType } from '../domain/opportunities/opportunity.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery, SortColumn } from './pagination.js';
import type { Database, ProductsTable } from './schema.js';
import { matchesText } from './search.js';

/** Products of the catalogue (migration 0021). */

export function toProduct(row: ProductsTable): Product {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    series: row.series,
    productType: row.product_type as ProductType,
    customisation: row.customisation as ProductCustomisation,
    unit: row.unit,
    description: row.description,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toProductRow(tenantId: string, product: Product): ProductsTable {
  return {
    tenant_id: tenantId,
    id: product.id,
    code: product.code,
    name: product.name,
    series: product.series,
    product_type: product.productType,
    customisation: product.customisation,
    unit: product.unit,
    description: product.description,
    active: product.active ? 1 : 0,
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    version: product.version,
  };
}

export async function findProductByCode(
  db: Kysely<Database>,
  tenantId: string,
  code: string,
): Promise<Product | undefined> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row && toProduct(row);
}

/** The filters shared by the product list and a price book's entry list. */
export interface ProductFilter {
  readonly q?: string | undefined;
  readonly series?: string | undefined;
  readonly productType?: ProductType | undefined;
  readonly active?: boolean | undefined;
}

export const productSorts = {
  createdAt: { key: 'createdAt', column: 'id' },
  code: { key: 'code', column: 'code' },
  name: { key: 'name', column: 'name' },
} as const satisfies Record<string, SortColumn>;

export async function listProducts(
  db: Kysely<Database>,
  tenantId: string,
  filter: ProductFilter,
  page: PageQuery,
): Promise<Page<Product>> {
  let query = db.selectFrom('products').selectAll().where('tenant_id', '=', tenantId);
  if (filter.q) query = query.where(matchesText('products', ['code', 'name'], filter.q));
  if (filter.series !== undefined) query = query.where('series', '=', filter.series);
  if (filter.productType) query = query.where('product_type', '=', filter.productType);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  return toPage(await applyKeyset(query, 'products', page).execute(), page, toProduct);
}

/**
 * Whether anything points at the product: a price-book entry, a quote line or a contract
 * line. Such a product is archived, never deleted, so those records keep their meaning.
 */
export async function productIsReferenced(
  db: Kysely<Database>,
  tenantId: string,
  productId: string,
): Promise<boolean> {
  for (const table of ['price_book_entries', 'quote_lines', 'contract_lines'] as const) {
    const row = await db
      .selectFrom(table)
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('product_id', '=', productId)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

export async function deleteProduct(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('products')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findProductRow(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<Product | undefined> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toProduct(row);
}
