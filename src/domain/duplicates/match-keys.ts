import { normaliseCompanyName } from './company-name.js';
import { normaliseCreditCode } from './credit-code.js';
import { normaliseEmail } from './email.js';
import { normalisePersonName } from './person-name.js';
import { normalisePhone } from './phone.js';
import { domainFromEmail, domainFromWebsite } from './web-domain.js';

/** The records duplicate detection looks at. */
export const duplicateEntityTypes = ['lead', 'account', 'contact'] as const;
export type DuplicateEntityType = (typeof duplicateEntityTypes)[number];

/**
 * What two records can have in common, strongest first. `person` is a person's name
 * where it names one person: at an account for contacts, at a company for leads.
 */
export const matchKinds = ['credit_code', 'email', 'phone', 'company', 'domain', 'person'] as const;
export type MatchKind = (typeof matchKinds)[number];

export interface MatchKey {
  readonly kind: MatchKind;
  readonly value: string;
}

/** The fields of each kind of record that identify it, whatever else the record holds. */
export type MatchSubject =
  | {
      readonly entityType: 'lead';
      readonly id: string;
      readonly name: string;
      readonly company: string | null;
      readonly email: string | null;
      readonly phone: string | null;
    }
  | {
      readonly entityType: 'account';
      readonly id: string;
      readonly name: string;
      readonly creditCode: string | null;
      readonly website: string | null;
      readonly phone: string | null;
    }
  | {
      readonly entityType: 'contact';
      readonly id: string;
      readonly accountId: string;
      readonly name: string;
      readonly email: string | null;
      readonly phone: string | null;
    };

function key(kind: MatchKind, value: string | null): MatchKey[] {
  return value === null ? [] : [{ kind, value }];
}

function joined(...parts: (string | null)[]): string | null {
  return parts.every((part) => part !== null) ? parts.join('|') : null;
}

/** The normalised keys a record is found by; records sharing one are candidate duplicates. */
export function matchKeysOf(subject: MatchSubject): MatchKey[] {
  switch (subject.entityType) {
    case 'lead': {
      const company = normaliseCompanyName(subject.company);
      return [
        ...key('email', normaliseEmail(subject.email)),
        ...key('phone', normalisePhone(subject.phone)),
        ...key('company', company),
        ...key('domain', domainFromEmail(subject.email)),
        ...key('person', joined(company, normalisePersonName(subject.name))),
      ];
    }
    case 'account':
      return [
        ...key('credit_code', normaliseCreditCode(subject.creditCode)),
        ...key('company', normaliseCompanyName(subject.name)),
        ...key('phone', normalisePhone(subject.phone)),
        ...key('domain', domainFromWebsite(subject.website)),
      ];
    case 'contact':
      return [
        ...key('email', normaliseEmail(subject.email)),
        ...key('phone', normalisePhone(subject.phone)),
        ...key('person', joined(subject.accountId, normalisePersonName(subject.name))),
      ];
  }
}
