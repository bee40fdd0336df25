import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { FieldIssue } from '../../domain/errors.js';
import { dateFormats } from '../../domain/imports/mapping.js';
import type { ImportMapping } from '../../domain/imports/mapping.js';
import { currencyCodes } from '../../domain/money.js';

const Text = z.string().max(500);

/** The shape of a mapping file (docs/imports.md); fields are checked against the entity later. */
export const MappingFile = z.strictObject({
  columns: z.record(Text, Text).optional(),
  values: z.record(Text, z.record(Text, Text)).optional(),
  defaults: z.record(Text, z.union([Text, z.number(), z.boolean()])).optional(),
  dateFormat: z.enum(dateFormats).optional(),
  currency: z.enum(currencyCodes).optional(),
  pipeline: Text.optional(),
  key: Text.optional(),
  createAccounts: z.boolean().optional(),
  sheet: Text.optional(),
  encoding: z.enum(['utf-8', 'gb18030', 'utf-16le']).optional(),
});

export const invalidMapping = (issues: readonly FieldIssue[]): DomainError =>
  new DomainError('validation_failed', {}, issues);

/** Reads mapping JSON text; an empty text is the empty mapping (headers named like fields). */
export function readMapping(text: string | null | undefined): ImportMapping {
  if (text === null || text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not JSON';
    throw invalidMapping([{ path: 'mapping', code: 'invalid_json', message: reason }]);
  }
  const result = MappingFile.safeParse(value);
  if (!result.success) {
    throw invalidMapping(
      result.error.issues.map((issue) => ({
        path: ['mapping', ...issue.path.map(String)].join('/'),
        code: issue.code,
        message: issue.message,
      })),
    );
  }
  return result.data;
}
