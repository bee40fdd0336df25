import { describe, expect, it } from 'vitest';
import type { NotificationFacts } from '../domain/notifications/notification.js';
import { factsFrom } from '../domain/notifications/notification.js';
import { renderNotification } from './notifications.js';

const all: NotificationFacts[] = [
  {
    kind: 'follow_up_reminder',
    entityType: 'account',
    name: '华南电子',
    deadlineAt: '2026-11-21T09:00:00Z',
  },
  {
    kind: 'follow_up_due',
    entityType: 'lead',
    name: '华东钢铁',
    deadlineAt: '2026-11-20T09:00:00Z',
  },
  {
    kind: 'follow_up_escalated',
    entityType: 'opportunity',
    name: 'ERP rollout',
    deadlineAt: '2026-11-20T09:00:00Z',
    ownerName: 'Li Lei',
  },
  { kind: 'recycled', entityType: 'account', name: 'Acme', deadlineAt: '2026-11-20T09:00:00Z' },
  { kind: 'assigned', entityType: 'lead', name: 'Acme' },
];

describe('renderNotification', () => {
  it.each(all)('renders $kind in both languages with the record’s name', (facts) => {
    const en = renderNotification(facts, 'en');
    const zh = renderNotification(facts, 'zh-CN');
    expect(en).toContain(facts.name);
    expect(zh).toContain(facts.name);
    expect(en).not.toBe(zh);
    expect(en).not.toMatch(/undefined|[{}]/);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('round-trips stored facts', () => {
    for (const facts of all) {
      const { kind, ...payload } = facts;
      expect(factsFrom(kind, payload)).toEqual(facts);
    }
  });

  it('skips kinds it does not know rather than failing the whole list', () => {
    expect(factsFrom('webhook_failed', {})).toBeNull();
    expect(factsFrom('assigned', null)).toBeNull();
  });
});
