import type { Account } from '../accounts/account.js';
import type { Contact } from '../accounts/contact.js';
import type { Lead } from '../leads/lead.js';

export type Side = 'survivor' | 'source';

/**
 * The fields a merge lets the user choose between, grouped into units that only make
 * sense together: an owner comes with its pool, life cycle and follow-up deadline, a
 * status with its disqualification reason. Fields not listed (ids, timestamps, versions,
 * links the merge itself rewrites) are the survivor's.
 */
type Units<E> = Readonly<Record<string, readonly (keyof E)[]>>;

const ownership = [
  'ownerId',
  'poolId',
  'lifecycle',
  'ownedSince',
  'deadlineAt',
  'deadlineLevel',
] as const;

export const leadMergeUnits = {
  name: ['name'],
  company: ['company'],
  title: ['title'],
  email: ['email'],
  phone: ['phone'],
  industry: ['industry'],
  region: ['region'],
  size: ['size'],
  source: ['source'],
  campaign: ['campaign'],
  status: ['status', 'disqualifyReason'],
  bantBudget: ['bantBudget'],
  bantAuthority: ['bantAuthority'],
  bantNeed: ['bantNeed'],
  bantTimeline: ['bantTimeline'],
  owner: ownership,
} as const satisfies Units<Lead>;

export const accountMergeUnits = {
  name: ['name'],
  parentId: ['parentId'],
  industry: ['industry'],
  size: ['size'],
  region: ['region'],
  valueTier: ['valueTier'],
  creditCode: ['creditCode'],
  website: ['website'],
  phone: ['phone'],
  address: ['address'],
  notes: ['notes'],
  owner: ownership,
  silenceUntil: ['silenceUntil'],
} as const satisfies Units<Account>;

export const contactMergeUnits = {
  name: ['name'],
  title: ['title'],
  department: ['department'],
  email: ['email'],
  phone: ['phone'],
  decisionRole: ['decisionRole'],
  attitude: ['attitude'],
  reportsToId: ['reportsToId'],
  ownerId: ['ownerId'],
  notes: ['notes'],
  silenceUntil: ['silenceUntil'],
} as const satisfies Units<Contact>;

export type LeadMergeField = keyof typeof leadMergeUnits;
export type AccountMergeField = keyof typeof accountMergeUnits;
export type ContactMergeField = keyof typeof contactMergeUnits;

const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * The survivor after the merge. Each unit is taken from the side the user chose; without
 * a choice the survivor keeps its own, unless it has nothing there and the source has
 * something (a merge should not lose the phone number only the duplicate had).
 */
export function mergeFields<E extends object, U extends Units<E>>(
  survivor: E,
  source: E,
  units: U,
  choices: Readonly<Partial<Record<keyof U & string, Side>>>,
): E {
  const next: Record<string, unknown> = { ...(survivor as Record<string, unknown>) };
  const from = source as Record<string, unknown>;
  const own = survivor as Record<string, unknown>;
  for (const [unit, fields] of Object.entries(units) as [
    keyof U & string,
    readonly (keyof E)[],
  ][]) {
    const names = fields.map(String);
    const choice =
      choices[unit] ??
      (names.every((name) => isEmpty(own[name])) && names.some((name) => !isEmpty(from[name]))
        ? 'source'
        : 'survivor');
    if (choice === 'source') for (const name of names) next[name] = from[name];
  }
  return next as E;
}

/** Which units the result took from the source, for the merge's audit entry. */
export function unitsTakenFromSource<E extends object>(
  survivor: E,
  merged: E,
  units: Units<E>,
): string[] {
  const before = survivor as Record<string, unknown>;
  const after = merged as Record<string, unknown>;
  return Object.entries(units)
    .filter(([, fields]) =>
      fields.some(
        (field) => JSON.stringify(before[String(field)]) !== JSON.stringify(after[String(field)]),
      ),
    )
    .map(([unit]) => unit);
}
