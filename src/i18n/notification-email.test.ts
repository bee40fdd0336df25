import { describe, expect, it } from 'vitest';
import { notificationEmail } from './notification-email.js';

describe('notificationEmail', () => {
  const facts = {
    kind: 'follow_up_escalated',
    entityType: 'lead',
    name: '华东钢铁',
    deadlineAt: '2026-11-20T09:00:00Z',
    ownerName: 'Li Lei',
  } as const;

  it('titles the e-mail by the notice’s group and carries the notice, in each language', () => {
    const en = notificationEmail(facts, 'en');
    const zh = notificationEmail(facts, 'zh-CN');
    expect(en.subject).toBe('[Pipewright] Missed follow-up in your team');
    expect(zh.subject).toBe('[Pipewright] 团队跟进逾期');
    expect(en.text).toContain('Li Lei has not followed up lead “华东钢铁”');
    expect(zh.text).toContain('通知设置');
  });
});
