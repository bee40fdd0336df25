/**
 * Tenant-defined fields on opportunities ("budget confirmed", "decision maker identified"),
 * so a stage's gate can require what this company's process requires.
 */
export const customFieldTypes = ['boolean', 'text', 'number', 'date', 'select'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export type CustomValue = string | number | boolean | null;

export interface CustomFieldDefinition {
  readonly id: string;
  readonly key: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly type: CustomFieldType;
  /** Allowed values of a `select` field. */
  readonly options: readonly string[];
  readonly position: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** Whether `value` fits the field's type; null clears a field of any type. */
export function fitsType(definition: CustomFieldDefinition, value: CustomValue): boolean {
  if (value === null) return true;
  switch (definition.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'text':
      return typeof value === 'string' && value.length <= 2000;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(value))
      );
    case 'select':
      return typeof value === 'string' && definition.options.includes(value);
  }
}
