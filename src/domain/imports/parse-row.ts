import { parseAccountRow } from './account-row.js';
import type { AccountDraft } from './account-row.js';
import type { CellValue } from './cells.js';
import { parseContactRow } from './contact-row.js';
import type { ContactDraft } from './contact-row.js';
import type { ImportEntity } from './entities.js';
import { parseLeadRow } from './lead-row.js';
import type { LeadDraft } from './lead-row.js';
import type { ResolvedColumns } from './mapping.js';
import { parseOpportunityRow } from './opportunity-row.js';
import type { OpportunityDraft } from './opportunity-row.js';
import type { ParseContext } from './row-context.js';
import { RowReader } from './row-reader.js';
import type { RowEnvironment, RowIssue } from './row-reader.js';

export interface Drafts {
  leads: LeadDraft;
  accounts: AccountDraft;
  contacts: ContactDraft;
  opportunities: OpportunityDraft;
}

export type ParsedRow<E extends ImportEntity> =
  | { readonly ok: true; readonly draft: Drafts[E] }
  | { readonly ok: false; readonly issues: readonly RowIssue[] };

const parsers: { [E in ImportEntity]: (r: RowReader, c: ParseContext) => Drafts[E] | null } = {
  leads: parseLeadRow,
  accounts: parseAccountRow,
  contacts: parseContactRow,
  opportunities: parseOpportunityRow,
};

/**
 * Positions of the mapped columns in the header row, computed once per file, in the file's
 * column order (a row's issues are reported in that order, left to right).
 */
export function columnIndex(
  headers: readonly string[],
  columns: ResolvedColumns,
): Map<string, number> {
  const positions = [...columns.fieldHeader].map(
    ([field, header]) => [field, headers.indexOf(header)] as const,
  );
  return new Map(positions.sort(([, a], [, b]) => a - b));
}

export function fieldCells(
  cells: readonly CellValue[],
  index: ReadonlyMap<string, number>,
): Map<string, CellValue> {
  const byField = new Map<string, CellValue>();
  for (const [field, position] of index) byField.set(field, cells[position] ?? null);
  return byField;
}

/** One row to a draft record, or every reason it cannot be imported. */
export function parseRow<E extends ImportEntity>(
  entity: E,
  cells: ReadonlyMap<string, CellValue>,
  env: RowEnvironment,
  ctx: ParseContext,
): ParsedRow<E> {
  const reader = new RowReader(cells, env);
  const draft = parsers[entity](reader, ctx);
  if (draft === null || reader.issues.length > 0)
    return { ok: false, issues: inColumnOrder(reader.issues, [...cells.keys()]) };
  return { ok: true, draft };
}

/**
 * The parsers read fields in the order their rules need, not the file's; a report reads
 * best left to right. Row-wide issues come first, fields without a column (defaults) last.
 */
function inColumnOrder(issues: readonly RowIssue[], fields: readonly string[]): RowIssue[] {
  const rank = (field: string | null) => {
    if (field === null) return -1;
    const position = fields.indexOf(field);
    return position < 0 ? fields.length : position;
  };
  return [...issues].sort((a, b) => rank(a.field) - rank(b.field));
}
