import type { Kysely } from 'kysely';
import { DomainError, notFound, versionConflict } from '../../domain/errors.js';
import type { Product } from '../../domain/catalog/product.js';
import { productIssues } from '../../domain/catalog/product.js';
import type { ProductCustomisation, ProductType } from '../../domain/opportunities/opportunity.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import type { Page } from '../../store/pagination.js';
import {
  deleteProduct,
  findProductByCode,
  findProductRow,
  listProducts,
  productIsReferenced,
  productSorts,
} from '../../store/products.repo.js';
import type { ProductFilter } from '../../store/products.repo.js';
import type { Database } from '../../store/schema.js';
import { authorize } from '../access.js';
import { recordAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { createEntity, updateEntity } from '../entity.js';
import type { ListInput } from '../listing.js';
import { pageQuery } from '../listing.js';
import { applyPatch } from '../table-store.js';
import { dbFor, inTransaction } from '../transaction.js';
import { productStore } from './catalog-stores.js';

/**
 * The product catalogue: every signed-in user reads it (reps quote from it), admins edit it
 * (the `tenant.configure` permission, like the other settings).
 */
export interface ProductInput {
  readonly code: string;
  readonly name: string;
  readonly series?: string | null;
  readonly productType: ProductType;
  readonly customisation?: ProductCustomisation;
  readonly unit?: string | null;
  readonly description?: string | null;
}

export type ProductPatch = { readonly version: number } & Partial<
  Pick<
    Product,
    'code' | 'name' | 'series' | 'productType' | 'customisation' | 'unit' | 'description'
  >
>;

export type ProductSort = keyof typeof productSorts;

function assertValid(product: Product): void {
  const issues = productIssues(product);
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
}

/** The code is the SKU people type: a second product with it would make lookups ambiguous. */
async function assertCodeFree(trx: Kysely<Database>, tenantId: string, product: Product) {
  const other = await findProductByCode(trx, tenantId, product.code);
  if (other && other.id !== product.id) throw new DomainError('duplicate', { field: 'code' });
}

export async function products(
  ctx: AppContext,
  principal: Principal,
  input: ProductFilter & ListInput<ProductSort>,
): Promise<Page<Product>> {
  return listProducts(dbFor(ctx), principal.tenantId, input, pageQuery(input, productSorts));
}

export async function getProduct(ctx: AppContext, principal: Principal, id: string) {
  const product = await findProductRow(dbFor(ctx), principal.tenantId, id);
  if (!product) throw notFound('product');
  return product;
}

export async function createProduct(
  ctx: AppContext,
  principal: Principal,
  input: ProductInput,
): Promise<Product> {
  authorize(principal, 'tenant.configure');
  return createEntity(ctx, principal, productStore, async (trx, { id, now }) => {
    const product: Product = {
      id,
      code: input.code,
      name: input.name,
      series: input.series ?? null,
      productType: input.productType,
      customisation: input.customisation ?? 'standard',
      unit: input.unit ?? null,
      description: input.description ?? null,
      active: true,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    assertValid(product);
    await assertCodeFree(trx, principal.tenantId, product);
    return product;
  });
}

export async function updateProduct(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: ProductPatch,
): Promise<Product> {
  authorize(principal, 'tenant.configure');
  return updateEntity(ctx, principal, productStore, id, version, async (trx, current) => {
    const next = applyPatch(current, patch);
    assertValid(next);
    if (next.code !== current.code) await assertCodeFree(trx, principal.tenantId, next);
    return next;
  });
}

/** Archived products stay on old quotes and price books but cannot be quoted again. */
export async function setProductActive(
  ctx: AppContext,
  principal: Principal,
  id: string,
  version: number,
  active: boolean,
): Promise<Product> {
  authorize(principal, 'tenant.configure');
  return updateEntity(
    ctx,
    principal,
    productStore,
    id,
    version,
    (_trx, current) =>
      Promise.resolve(current.active === active ? current : { ...current, active }),
    { action: active ? 'enable' : 'disable' },
  );
}

/**
 * Deletes a product nothing refers to (a typo caught at once); a product on a price book,
 * quote or contract is refused with has_dependents — archive it instead.
 */
export async function removeProduct(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'tenant.configure');
  await inTransaction(ctx, async (trx) => {
    const current = await findProductRow(trx, principal.tenantId, id);
    if (!current) throw notFound('product');
    if (await productIsReferenced(trx, principal.tenantId, id)) {
      throw new DomainError('has_dependents', {
        entity: 'product',
        dependents: 'price book entries, quotes or contracts',
      });
    }
    if (!(await deleteProduct(trx, principal.tenantId, id, current.version))) {
      throw versionConflict('product');
    }
    await recordAudit(trx, ctx, principal, {
      entityType: 'product',
      entityId: id,
      action: 'delete',
      before: current,
      after: null,
    });
  });
}

/** The product with this code (the CLI and imports name products by their SKU). */
export async function productByCode(
  ctx: AppContext,
  principal: Principal,
  code: string,
): Promise<Product | undefined> {
  return findProductByCode(dbFor(ctx), principal.tenantId, code);
}
