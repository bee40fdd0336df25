import { DomainError, notFound, versionConflict } from '../domain/errors.js';
import type { CurrencyCode } from '../domain/money.js';
import type { Principal } from '../domain/tenancy/principal.js';
import type { Locale, Tenant } from '../domain/tenancy/tenant.js';
import { defaultTenantSettings } from '../domain/tenancy/settings.js';
import type { TenantSettings } from '../domain/tenancy/settings.js';
import type { User } from '../domain/tenancy/user.js';
import {
  findTenantById,
  findTenantBySlug,
  insertTenant,
  listTenants,
  updateTenant as saveTenant,
} from '../store/tenants.repo.js';
import { recordAudit } from './audit.service.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { nowIso } from './context.js';
import { DEFAULT_TEMPLATE, pipelineTemplate } from './pipeline-templates.service.js';
import { createPipeline } from './pipelines.service.js';
import { createPool } from './pools.service.js';
import { applyPatch } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';
import { createUser } from './users.service.js';

export interface TenantInput {
  readonly slug: string;
  readonly name: string;
  readonly locale?: Locale;
  readonly timeZone?: string;
  readonly defaultCurrency?: CurrencyCode;
  readonly admin: { readonly email: string; readonly name?: string; readonly password: string };
}

export interface TenantPatch {
  readonly version: number;
  readonly name?: string;
  readonly locale?: Locale;
  readonly timeZone?: string;
  readonly defaultCurrency?: CurrencyCode;
  readonly settings?: TenantSettings;
}

/** The principal the system acts as inside a tenant (CLI, seeding, scheduled jobs). */
export function systemPrincipal(tenantId: string, requestId: string): Principal {
  return { tenantId, userId: null, role: 'admin', grants: [], requestId };
}

/**
 * A tenant is usable the moment it exists: it comes with its first admin, the company-wide
 * public pool and the B2B default pipeline (the `b2b-standard` template file), all in one
 * transaction.
 */
export async function createTenant(
  ctx: AppContext,
  input: TenantInput,
  requestId: string,
): Promise<{ tenant: Tenant; admin: User }> {
  // Read before the transaction opens: no file I/O while holding the (SQLite) write lock.
  const defaultPipeline = await pipelineTemplate(DEFAULT_TEMPLATE);
  return inTransaction(ctx, async (trx) => {
    if (await findTenantBySlug(trx, input.slug))
      throw new DomainError('duplicate', { field: 'slug' });
    const now = nowIso(ctx);
    const tenant: Tenant = {
      id: ctx.newId(),
      slug: input.slug,
      name: input.name,
      locale: input.locale ?? 'zh-CN',
      timeZone: input.timeZone ?? 'Asia/Shanghai',
      defaultCurrency: input.defaultCurrency ?? 'CNY',
      settings: defaultTenantSettings,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await insertTenant(trx, tenant);
    const system = systemPrincipal(tenant.id, requestId);
    await recordAudit(trx, ctx, system, {
      entityType: 'tenant',
      entityId: tenant.id,
      action: 'create',
      before: null,
      after: tenant,
    });
    const admin = await createUser(ctx, system, {
      email: input.admin.email,
      name: input.admin.name ?? input.admin.email,
      role: 'admin',
      password: input.admin.password,
    });
    await createPool(
      ctx,
      system,
      { name: tenant.locale === 'zh-CN' ? '公海' : 'Public pool' },
      { isDefault: true },
    );
    await createPipeline(ctx, system, defaultPipeline);
    return { tenant, admin };
  });
}

export async function getTenant(ctx: AppContext, principal: Principal): Promise<Tenant> {
  const tenant = await findTenantById(dbFor(ctx), principal.tenantId);
  if (!tenant) throw notFound('tenant');
  return tenant;
}

export async function findTenant(ctx: AppContext, slug: string): Promise<Tenant | undefined> {
  return findTenantBySlug(dbFor(ctx), slug);
}

export async function allTenants(ctx: AppContext): Promise<Tenant[]> {
  return listTenants(dbFor(ctx));
}

export async function updateTenant(
  ctx: AppContext,
  principal: Principal,
  { version, ...patch }: TenantPatch,
): Promise<Tenant> {
  authorize(principal, 'tenant.configure');
  return inTransaction(ctx, async (trx) => {
    const current = await findTenantById(trx, principal.tenantId);
    if (!current) throw notFound('tenant');
    if (current.version !== version) throw versionConflict('tenant');
    const now = nowIso(ctx);
    const next: Tenant = { ...applyPatch(current, patch), version: version + 1, updatedAt: now };
    if (!(await saveTenant(trx, next, version))) throw versionConflict('tenant');
    await recordAudit(trx, ctx, principal, {
      entityType: 'tenant',
      entityId: next.id,
      action: 'update',
      before: current,
      after: next,
    });
    return next;
  });
}
