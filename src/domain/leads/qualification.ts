import { DomainError } from '../errors.js';
import type { FieldIssue } from '../errors.js';
import type { Lead, LeadStatus } from './lead.js';

/**
 * Lead qualification: which status moves are allowed and what each needs.
 *
 * - Forward only through new → contacted → MQL → SQL (skipping ahead is fine: a referral
 *   can arrive already qualified); going back is not, because the funnel counts on it.
 * - Disqualified from any open status, always with a reason the team can learn from.
 * - A disqualified lead may be re-opened as new or contacted (a campaign woke it up).
 * - `converted` is reached only by converting, and a converted lead's status is final.
 * - SQL means sales accepted it, which (BANT) takes all four answers.
 */
export const openStatuses = ['new', 'contacted', 'mql', 'sql'] as const;
type OpenStatus = (typeof openStatuses)[number];

const isOpen = (status: LeadStatus): status is OpenStatus =>
  (openStatuses as readonly string[]).includes(status);

const reopenTo: readonly LeadStatus[] = ['new', 'contacted'];

export const bantFields = ['bantBudget', 'bantAuthority', 'bantNeed', 'bantTimeline'] as const;
export type BantField = (typeof bantFields)[number];

type Qualified = Pick<Lead, 'status' | 'disqualifyReason' | BantField>;

const present = (value: unknown): boolean =>
  value !== null && value !== undefined && (typeof value !== 'string' || value.trim() !== '');

/** The BANT answers a lead still lacks, in BANT order. */
export function missingBant(lead: Pick<Lead, BantField>): BantField[] {
  return bantFields.filter((field) => !present(lead[field]));
}

const statusWords: Record<LeadStatus, { en: string; 'zh-CN': string }> = {
  new: { en: 'new', 'zh-CN': '新线索' },
  contacted: { en: 'contacted', 'zh-CN': '已联系' },
  mql: { en: 'MQL', 'zh-CN': '市场认可线索(MQL)' },
  sql: { en: 'SQL', 'zh-CN': '销售认可线索(SQL)' },
  converted: { en: 'converted', 'zh-CN': '已转化' },
  disqualified: { en: 'disqualified', 'zh-CN': '已作废' },
};

/** Why a move is refused, or null when it is allowed. */
function refusal(from: LeadStatus, to: LeadStatus): { en: string; 'zh-CN': string } | null {
  const words = `${statusWords[from].en} → ${statusWords[to].en}`;
  const zh = `${statusWords[from]['zh-CN']} → ${statusWords[to]['zh-CN']}`;
  if (to === 'converted')
    return { en: `${words}: convert the lead instead`, 'zh-CN': `${zh}：请通过转化完成` };
  if (from === 'converted')
    return {
      en: `${words}: a converted lead stays converted`,
      'zh-CN': `${zh}：已转化的线索不能再改状态`,
    };
  if (from === 'disqualified') {
    return reopenTo.includes(to)
      ? null
      : {
          en: `${words}: re-open as new or contacted`,
          'zh-CN': `${zh}：只能重新打开为新线索或已联系`,
        };
  }
  if (to === 'disqualified') return null;
  if (isOpen(from) && isOpen(to) && openStatuses.indexOf(to) < openStatuses.indexOf(from))
    return {
      en: `${words}: qualification only moves forward`,
      'zh-CN': `${zh}：资格认定只能向前推进`,
    };
  return null;
}

/** Whether `from → to` is an allowed move (the same status is no move at all). */
export function canMove(from: LeadStatus, to: LeadStatus): boolean {
  return from === to || refusal(from, to) === null;
}

/** Every status a lead in `from` may be given by an edit. */
export function allowedMoves(from: LeadStatus): LeadStatus[] {
  const all: LeadStatus[] = [...openStatuses, 'converted', 'disqualified'];
  return all.filter((to) => to !== from && canMove(from, to));
}

function requireReason(lead: Qualified): void {
  if (lead.status === 'disqualified' && !present(lead.disqualifyReason)) {
    throw new DomainError('disqualify_reason_required', {}, [
      { path: 'disqualifyReason', code: 'required', message: 'a disqualified lead needs a reason' },
    ]);
  }
}

function requireBant(lead: Qualified): void {
  const missing = missingBant(lead);
  if (missing.length === 0) return;
  const issues: FieldIssue[] = missing.map((field) => ({
    path: field,
    code: 'required',
    message: 'an SQL needs all four BANT answers',
  }));
  throw new DomainError('bant_incomplete', { field: missing.join(', ') }, issues);
}

/** The state a new lead may start in: any open status or disqualified, with what it needs. */
export function checkNewLead<L extends Qualified>(lead: L): L {
  if (lead.status === 'converted') throw statusRefused(lead.status, lead.status);
  requireReason(lead);
  if (lead.status === 'sql') requireBant(lead);
  return lead;
}

function statusRefused(from: LeadStatus, to: LeadStatus): DomainError {
  const why = refusal(from, to) ?? {
    en: 'convert the lead instead',
    'zh-CN': '请通过转化完成',
  };
  return new DomainError('lead_status_not_allowed', {}, [
    { path: 'status', code: 'status_not_allowed', message: why.en, messages: why },
  ]);
}

/**
 * Checks an edit of a lead (`next` is the lead as it would be saved). Re-opening a
 * disqualified lead clears its reason: it is no longer disqualified, and the reason stays
 * in the audit trail.
 */
export function checkLeadEdit<L extends Qualified>(current: Qualified, next: L): L {
  const from = current.status;
  const to = next.status;
  if (from !== to && refusal(from, to) !== null) throw statusRefused(from, to);
  const reopened = from === 'disqualified' && to !== 'disqualified';
  const result = reopened ? { ...next, disqualifyReason: null } : next;
  requireReason(result);
  if (to === 'sql' && from !== 'sql') requireBant(result);
  return result;
}
