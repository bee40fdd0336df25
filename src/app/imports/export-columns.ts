import type { Account } from '../../domain/accounts/account.js';
import type { Contact } from '../../domain/accounts/contact.js';
import type { CellValue } from '../../domain/imports/cells.js';
import type { ImportFormat } from '../../domain/imports/import-run.js';
import type { Lead } from '../../domain/leads/lead.js';
import { formatMinor } from '../../domain/money.js';
import type { Money } from '../../domain/money.js';
import type { Opportunity } from '../../domain/opportunities/opportunity.js';

/** Names an export needs instead of ids: owners by e-mail, accounts by name, stages by key. */
export interface ExportLookups {
  readonly userEmail: ReadonlyMap<string, string>;
  readonly accountName: ReadonlyMap<string, string>;
  readonly pipelineKey: ReadonlyMap<string, string>;
  readonly stageKey: ReadonlyMap<string, string>;
  readonly format: ImportFormat;
}

/**
 * Money as decimal text in its currency. In XLSX it is a number cell (so a sheet can sum
 * it) while a double still holds every digit exactly (15 significant), else text.
 */
function amount(money: Money | null, l: ExportLookups): CellValue {
  if (!money) return null;
  const text = formatMinor(money.amountMinor, money.currency);
  return l.format === 'xlsx' && text.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15
    ? Number(text)
    : text;
}

const owner = (id: string | null, l: ExportLookups) => (id ? (l.userEmail.get(id) ?? null) : null);
const account = (id: string, l: ExportLookups) => l.accountName.get(id) ?? null;

type Column<T> = readonly [header: string, cell: (record: T, l: ExportLookups) => CellValue];

/**
 * The columns of an export are the import's field names (plus the record id), so an
 * exported file imports again with no mapping at all: `"key": "id"` makes re-runs skip
 * what a previous one brought in.
 */
export const exportColumns: {
  leads: readonly Column<Lead>[];
  accounts: readonly Column<Account>[];
  contacts: readonly Column<Contact>[];
  opportunities: readonly Column<Opportunity>[];
} = {
  leads: [
    ['id', (x) => x.id],
    ['name', (x) => x.name],
    ['company', (x) => x.company],
    ['title', (x) => x.title],
    ['email', (x) => x.email],
    ['phone', (x) => x.phone],
    ['industry', (x) => x.industry],
    ['region', (x) => x.region],
    ['size', (x) => x.size],
    ['source', (x) => x.source],
    ['campaign', (x) => x.campaign],
    ['language', (x) => x.language],
    ['status', (x) => x.status],
    ['disqualifyReason', (x) => x.disqualifyReason],
    ['bantBudget', (x, l) => amount(x.bantBudget, l)],
    ['currency', (x) => x.bantBudget?.currency ?? null],
    ['bantAuthority', (x) => x.bantAuthority],
    ['bantNeed', (x) => x.bantNeed],
    ['bantTimeline', (x) => x.bantTimeline],
    ['owner', (x, l) => owner(x.ownerId, l)],
    ['createdAt', (x) => x.createdAt],
  ],
  accounts: [
    ['id', (x) => x.id],
    ['name', (x) => x.name],
    ['industry', (x) => x.industry],
    ['size', (x) => x.size],
    ['region', (x) => x.region],
    ['valueTier', (x) => x.valueTier],
    ['creditCode', (x) => x.creditCode],
    ['website', (x) => x.website],
    ['phone', (x) => x.phone],
    ['address', (x) => x.address],
    ['notes', (x) => x.notes],
    ['owner', (x, l) => owner(x.ownerId, l)],
    ['createdAt', (x) => x.createdAt],
  ],
  contacts: [
    ['id', (x) => x.id],
    ['account', (x, l) => account(x.accountId, l)],
    ['name', (x) => x.name],
    ['title', (x) => x.title],
    ['department', (x) => x.department],
    ['email', (x) => x.email],
    ['phone', (x) => x.phone],
    ['decisionRole', (x) => x.decisionRole],
    ['attitude', (x) => x.attitude],
    ['owner', (x, l) => owner(x.ownerId, l)],
    ['notes', (x) => x.notes],
    ['createdAt', (x) => x.createdAt],
  ],
  opportunities: [
    ['id', (x) => x.id],
    ['name', (x) => x.name],
    ['account', (x, l) => account(x.accountId, l)],
    ['owner', (x, l) => owner(x.ownerId, l)],
    ['pipeline', (x, l) => l.pipelineKey.get(x.pipelineId) ?? null],
    ['stage', (x, l) => l.stageKey.get(x.stageId) ?? null],
    ['amount', (x, l) => amount(x.amount, l)],
    ['currency', (x) => x.amount.currency],
    ['expectedCloseDate', (x) => x.expectedCloseDate],
    ['createdAt', (x) => x.createdAt],
    ['closedAt', (x) => x.closedAt],
    ['budget', (x, l) => amount(x.budget, l)],
    ['timeline', (x) => x.timeline],
    ['nextStep', (x) => x.nextStep],
    ['nextStepDate', (x) => x.nextStepDate],
    ['competitors', (x) => x.competitors.join('; ')],
    ['source', (x) => x.source],
  ],
};

export const headersOf = <T>(columns: readonly Column<T>[]): string[] =>
  columns.map(([header]) => header);

export const cellsOf = <T>(
  columns: readonly Column<T>[],
  record: T,
  l: ExportLookups,
): CellValue[] => columns.map(([, cell]) => cell(record, l));
