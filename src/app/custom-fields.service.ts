import { DomainError, notFound } from '../domain/errors.js';
import { fitsType } from '../domain/opportunities/custom-fields.js';
import type {
  CustomFieldDefinition,
  CustomFieldType,
  CustomValue,
} from '../domain/opportunities/custom-fields.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  deleteCustomFieldRow,
  listCustomFields,
  toCustomField,
  toCustomFieldRow,
} from '../store/custom-fields.repo.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { createEntity, updateEntity } from './entity.js';
import { applyPatch, tableStore } from './table-store.js';
import { dbFor, inTransaction } from './transaction.js';

export interface CustomFieldInput {
  readonly key: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly type: CustomFieldType;
  readonly options?: readonly string[];
  readonly position?: number;
}

export type CustomFieldPatch = Partial<Omit<CustomFieldInput, 'key' | 'type'>> & {
  readonly version: number;
};

export const customFieldStore = tableStore(
  'custom_field',
  'custom_fields',
  toCustomField,
  toCustomFieldRow,
);

export async function customFields(
  ctx: AppContext,
  principal: Principal,
): Promise<CustomFieldDefinition[]> {
  return listCustomFields(dbFor(ctx), principal.tenantId);
}

export async function createCustomField(
  ctx: AppContext,
  principal: Principal,
  input: CustomFieldInput,
): Promise<CustomFieldDefinition> {
  authorize(principal, 'tenant.configure');
  return createEntity(ctx, principal, customFieldStore, async (trx, { id, now }) => {
    const existing = await listCustomFields(trx, principal.tenantId);
    if (existing.some((field) => field.key === input.key))
      throw new DomainError('duplicate', { field: 'key' });
    return {
      id,
      key: input.key,
      labelZh: input.labelZh,
      labelEn: input.labelEn,
      type: input.type,
      options: input.options ?? [],
      position: input.position ?? existing.length,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  });
}

export async function updateCustomField(
  ctx: AppContext,
  principal: Principal,
  id: string,
  { version, ...patch }: CustomFieldPatch,
): Promise<CustomFieldDefinition> {
  authorize(principal, 'tenant.configure');
  return updateEntity(ctx, principal, customFieldStore, id, version, (_trx, current) =>
    Promise.resolve(applyPatch(current, patch)),
  );
}

/** A field that a stage's standard requires cannot go: the gate would test nothing. */
export async function deleteCustomField(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<void> {
  authorize(principal, 'tenant.configure');
  await inTransaction(ctx, async (trx) => {
    const field = await customFieldStore.load(trx, principal.tenantId, id);
    if (!field) throw notFound('custom_field');
    const pipelines = await loadPipelines(trx, principal.tenantId, { includeArchived: true });
    const usedBy = pipelines.filter((pipeline) =>
      pipeline.stages.some((stage) =>
        [...stage.rules.entry, ...stage.rules.exit].some(
          (c) => c.type === 'field' && c.field === `custom.${field.key}`,
        ),
      ),
    );
    if (usedBy.length > 0) {
      throw new DomainError('has_dependents', {
        entity: 'custom_field',
        dependents: usedBy.map((p) => p.key).join(', '),
      });
    }
    await deleteCustomFieldRow(trx, principal.tenantId, id);
    await recordAudit(trx, ctx, principal, {
      entityType: 'custom_field',
      entityId: id,
      action: 'delete',
      before: field,
      after: null,
    });
  });
}

/** Checks values sent for a deal's custom fields against their definitions. */
export async function validateCustomValues(
  trx: Kysely<Database>,
  tenantId: string,
  values: Readonly<Record<string, CustomValue>>,
): Promise<void> {
  // Nothing to check (most writes): no need to read the definitions.
  if (Object.keys(values).length === 0) return;
  const definitions = new Map(
    (await listCustomFields(trx, tenantId)).map((field) => [field.key, field]),
  );
  const issues = Object.entries(values).flatMap(([key, value]) => {
    const definition = definitions.get(key);
    if (!definition)
      return [
        {
          path: `customFields/${key}`,
          code: 'unknown_custom_field',
          message: `no custom field "${key}"`,
        },
      ];
    if (!fitsType(definition, value)) {
      return [
        {
          path: `customFields/${key}`,
          code: 'invalid_custom_value',
          message: `expected a ${definition.type}`,
        },
      ];
    }
    return [];
  });
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
}

export async function customFieldKeys(
  trx: Kysely<Database>,
  tenantId: string,
): Promise<Set<string>> {
  return new Set((await listCustomFields(trx, tenantId)).map((field) => field.key));
}
