/**
 * In-app notifications: what the system tells one user about one record. Each carries the
 * facts its message is made of (names are copied in, so a message still reads right after
 * the record is renamed or recycled) and is rendered in the reader's language when read.
 */
export type NotifiedEntity = 'lead' | 'account' | 'opportunity';

export type NotificationFacts =
  | {
      /** The owner's follow-up deadline is coming up (the reminder before it is due). */
      readonly kind: 'follow_up_reminder';
      readonly entityType: NotifiedEntity;
      readonly name: string;
      readonly deadlineAt: string;
    }
  | {
      /** The owner missed a follow-up deadline. */
      readonly kind: 'follow_up_due';
      readonly entityType: NotifiedEntity;
      readonly name: string;
      readonly deadlineAt: string;
    }
  | {
      /** A manager hears that someone in their team has let a deadline slip. */
      readonly kind: 'follow_up_escalated';
      readonly entityType: NotifiedEntity;
      readonly name: string;
      readonly deadlineAt: string;
      readonly ownerName: string;
    }
  | {
      /** The former owner hears that the record went back to the public pool. */
      readonly kind: 'recycled';
      readonly entityType: NotifiedEntity;
      readonly name: string;
      readonly deadlineAt: string;
    }
  | {
      /** Someone else gave the user a record. */
      readonly kind: 'assigned';
      readonly entityType: NotifiedEntity;
      readonly name: string;
    }
  | {
      /** An automation rule's notice: the tenant wrote `message` (shown as written). */
      readonly kind: 'automation';
      readonly entityType: NotifiedEntity;
      readonly name: string;
      readonly ruleName: string;
      readonly message: string;
    }
  | {
      /** An installment of a contract of the user's is overdue (sent on day 1, 7 and 30). */
      readonly kind: 'receivable_overdue';
      readonly entityType: NotifiedEntity;
      /** The contract number; the subject is the contract's deal. */
      readonly name: string;
      readonly dueDate: string;
      readonly daysOverdue: number;
      readonly outstandingMinor: number;
      readonly currency: string;
    };

export type NotificationKind = NotificationFacts['kind'];

export interface Notification {
  readonly id: string;
  readonly userId: string;
  readonly subjectType: NotifiedEntity;
  readonly subjectId: string;
  readonly facts: NotificationFacts;
  readonly createdAt: string;
  readonly readAt: string | null;
}

const kinds: readonly NotificationKind[] = [
  'follow_up_reminder',
  'follow_up_due',
  'follow_up_escalated',
  'recycled',
  'assigned',
  'automation',
  'receivable_overdue',
];

/** A stored row's facts, or null for a kind this version does not know (skipped, not fatal). */
export function factsFrom(kind: string, payload: unknown): NotificationFacts | null {
  if (!kinds.includes(kind as NotificationKind)) return null;
  if (typeof payload !== 'object' || payload === null) return null;
  const record = payload as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : '');
  const entityType = text('entityType') as NotifiedEntity;
  const name = text('name');
  switch (kind as NotificationKind) {
    case 'follow_up_reminder':
    case 'follow_up_due':
    case 'recycled':
      return {
        kind: kind as 'follow_up_reminder' | 'follow_up_due' | 'recycled',
        entityType,
        name,
        deadlineAt: text('deadlineAt'),
      };
    case 'follow_up_escalated':
      return {
        kind: 'follow_up_escalated',
        entityType,
        name,
        deadlineAt: text('deadlineAt'),
        ownerName: text('ownerName'),
      };
    case 'assigned':
      return { kind: 'assigned', entityType, name };
    case 'automation':
      return {
        kind: 'automation',
        entityType,
        name,
        ruleName: text('ruleName'),
        message: text('message'),
      };
    case 'receivable_overdue':
      return {
        kind: 'receivable_overdue',
        entityType,
        name,
        dueDate: text('dueDate'),
        daysOverdue: Number(record.daysOverdue ?? 0),
        outstandingMinor: Number(record.outstandingMinor ?? 0),
        currency: text('currency'),
      };
  }
}
