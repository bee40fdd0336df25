import type { NotificationFacts } from '../domain/notifications/notification.js';
import { groupOf } from '../domain/notifications/preferences.js';
import type { NotificationGroup } from '../domain/notifications/preferences.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import { renderNotification } from './notifications.js';

const subjects: Record<NotificationGroup, Record<Locale, string>> = {
  follow_up: { en: 'Follow-up reminder', 'zh-CN': '跟进提醒' },
  escalation: { en: 'Missed follow-up in your team', 'zh-CN': '团队跟进逾期' },
  ownership: { en: 'Your records changed hands', 'zh-CN': '记录归属变更' },
  approval: { en: 'Approval', 'zh-CN': '审批' },
  automation: { en: 'Notification', 'zh-CN': '通知' },
};

/** The e-mail copy of an in-app notice, in the recipient's language. */
export function notificationEmail(
  facts: NotificationFacts,
  locale: Locale,
): { subject: string; text: string } {
  const message = renderNotification(facts, locale);
  const footer =
    locale === 'zh-CN'
      ? '—— Pipewright。可在「消息」页面的通知设置中更改接收方式。'
      : '— Pipewright. Change how you are notified in the Inbox’s notification settings.';
  return {
    subject: `[Pipewright] ${subjects[groupOf(facts.kind)][locale]}`,
    text: `${message}\n\n${footer}\n`,
  };
}
