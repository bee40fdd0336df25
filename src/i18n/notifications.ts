import type { NotificationFacts, NotifiedEntity } from '../domain/notifications/notification.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import { formatMinor } from '../domain/money.js';
import type { CurrencyCode } from '../domain/money.js';

const entityWords: Record<NotifiedEntity, Record<Locale, string>> = {
  lead: { en: 'lead', 'zh-CN': '线索' },
  account: { en: 'customer', 'zh-CN': '客户' },
  opportunity: { en: 'opportunity', 'zh-CN': '商机' },
};

/** The day part of an instant (UTC), which is what a deadline is talked about in. */
const day = (iso: string) => iso.slice(0, 10);

/** A notification in the reader's language, from the facts it was stored with. */
export function renderNotification(facts: NotificationFacts, locale: Locale): string {
  const what = entityWords[facts.entityType][locale];
  const zh = locale === 'zh-CN';
  switch (facts.kind) {
    case 'follow_up_reminder':
      return zh
        ? `${what}「${facts.name}」的跟进期限是 ${day(facts.deadlineAt)}，请按时跟进。`
        : `The follow-up for ${what} “${facts.name}” is due on ${day(facts.deadlineAt)}.`;
    case 'follow_up_due':
      return zh
        ? `${what}「${facts.name}」已超过跟进期限（${day(facts.deadlineAt)}），请尽快跟进。`
        : `The follow-up deadline for ${what} “${facts.name}” passed on ${day(facts.deadlineAt)}: follow up now.`;
    case 'follow_up_escalated':
      return zh
        ? `${facts.ownerName} 的${what}「${facts.name}」已超过跟进期限（${day(facts.deadlineAt)}）仍未跟进。`
        : `${facts.ownerName} has not followed up ${what} “${facts.name}”, due ${day(facts.deadlineAt)}.`;
    case 'recycled':
      return zh
        ? `${what}「${facts.name}」超过跟进期限（${day(facts.deadlineAt)}）未跟进，已收回公海。`
        : `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} “${facts.name}” went back to the public pool: its follow-up was due ${day(facts.deadlineAt)}.`;
    case 'assigned':
      return zh
        ? `${what}「${facts.name}」已分配给你。`
        : `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} “${facts.name}” was assigned to you.`;
    case 'automation':
      return zh
        ? `【${facts.ruleName}】${what}「${facts.name}」：${facts.message}`
        : `[${facts.ruleName}] ${what} “${facts.name}”: ${facts.message}`;
    case 'receivable_overdue': {
      const amount = `${facts.currency} ${formatMinor(facts.outstandingMinor, facts.currency as CurrencyCode)}`;
      return zh
        ? `合同「${facts.name}」${day(facts.dueDate)} 到期的回款已逾期 ${facts.daysOverdue} 天，尚欠 ${amount}。`
        : `The installment of contract “${facts.name}” due ${day(facts.dueDate)} is ${facts.daysOverdue} days overdue: ${amount} outstanding.`;
    }
  }
}
