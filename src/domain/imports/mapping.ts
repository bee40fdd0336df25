import type { FieldIssue } from '../errors.js';
import type { CurrencyCode } from '../money.js';
import { fieldsOf, requiredFields } from './entities.js';
import type { ImportEntity } from './entities.js';

/** Day-first or month-first dates (05/03/2026) are read only when the mapping says which. */
export const dateFormats = ['DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof dateFormats)[number];

export type DefaultValue = string | number | boolean;

/**
 * What a mapping file says (see docs/imports.md): which column is which field, how the
 * source's words translate into ours, what an empty cell means, and how to read dates.
 */
export interface ImportMapping {
  /** Header in the file → field. Absent: headers named like fields map to them. */
  readonly columns?: Readonly<Record<string, string>>;
  /** Per field: the source's value → ours (e.g. a stage name → our stage key). */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Per field: the value of an empty or missing cell. */
  readonly defaults?: Readonly<Record<string, DefaultValue>>;
  readonly dateFormat?: DateFormat;
  /** Currency of amounts without a `currency` column; else the tenant's. */
  readonly currency?: CurrencyCode;
  /** Pipeline key for opportunities without a `pipeline` column; else the default one. */
  readonly pipeline?: string;
  /** Header of the column that identifies a row across runs (the source system's id). */
  readonly key?: string;
  /** Whether contacts and deals may create the accounts they name (default: yes). */
  readonly createAccounts?: boolean;
  /** Worksheet to read from an XLSX file (default: the first). */
  readonly sheet?: string;
  /** Text encoding of a CSV file (default utf-8). */
  readonly encoding?: 'utf-8' | 'gb18030' | 'utf-16le';
}

/** Which header feeds which field, after checking the mapping against the file. */
export interface ResolvedColumns {
  readonly fieldHeader: ReadonlyMap<string, string>;
  readonly keyHeader: string | null;
  /** Headers that feed no field (reported, not an error). */
  readonly ignored: readonly string[];
}

const issue = (path: string, code: string, message: string): FieldIssue => ({
  path,
  code,
  message,
});

/**
 * Checks a mapping against an entity and a file's headers. Every problem is reported at
 * once (unknown fields, headers missing from the file, two columns for one field, required
 * fields neither mapped nor defaulted) so a user fixes the mapping in one go.
 */
export function resolveColumns(
  entity: ImportEntity,
  headers: readonly string[],
  mapping: ImportMapping,
): { ok: true; columns: ResolvedColumns } | { ok: false; issues: FieldIssue[] } {
  const fields = new Set(fieldsOf(entity));
  const issues: FieldIssue[] = [];
  const present = new Set(headers);
  const seen = new Set<string>();
  for (const header of headers) {
    if (header !== '' && seen.has(header))
      issues.push(issue(`file/${header}`, 'duplicate_column', `column "${header}" appears twice`));
    seen.add(header);
  }
  const pairs: [string, string][] = mapping.columns
    ? Object.entries(mapping.columns)
    : headers.filter((header) => fields.has(header)).map((header) => [header, header]);
  const fieldHeader = new Map<string, string>();
  for (const [header, field] of pairs) {
    if (!fields.has(field))
      issues.push(
        issue(`columns/${header}`, 'unknown_field', `${entity} have no field "${field}"`),
      );
    else if (!present.has(header))
      issues.push(
        issue(`columns/${header}`, 'missing_column', `the file has no column "${header}"`),
      );
    else if (fieldHeader.has(field))
      issues.push(issue(`columns/${header}`, 'duplicate_field', `two columns map to "${field}"`));
    else fieldHeader.set(field, header);
  }
  for (const [section, record] of [
    ['values', mapping.values],
    ['defaults', mapping.defaults],
  ] as const) {
    for (const field of Object.keys(record ?? {})) {
      if (!fields.has(field))
        issues.push(
          issue(`${section}/${field}`, 'unknown_field', `${entity} have no field "${field}"`),
        );
    }
  }
  for (const field of requiredFields[entity]) {
    if (!fieldHeader.has(field) && mapping.defaults?.[field] === undefined)
      issues.push(issue(`columns`, 'required', `no column maps to the required field "${field}"`));
  }
  const keyHeader = mapping.key ?? null;
  if (keyHeader !== null && !present.has(keyHeader))
    issues.push(issue('key', 'missing_column', `the file has no key column "${keyHeader}"`));
  if (issues.length > 0) return { ok: false, issues };
  const used = new Set([...fieldHeader.values(), ...(keyHeader ? [keyHeader] : [])]);
  return {
    ok: true,
    columns: { fieldHeader, keyHeader, ignored: headers.filter((h) => h !== '' && !used.has(h)) },
  };
}
