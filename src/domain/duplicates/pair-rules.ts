import type { DuplicateEntityType, MatchKind } from './match-keys.js';
import { duplicateEntityTypes, matchKinds } from './match-keys.js';

export interface RecordRef {
  readonly entityType: DuplicateEntityType;
  readonly id: string;
}

/**
 * Which shared keys make two records candidates, by the kinds of the two records:
 * - two leads, or two contacts: the same e-mail, phone, or person (name at the same
 *   company or account). A shared company or domain only makes them colleagues.
 * - two accounts: the same credit code, company name, switchboard or web domain.
 * - a lead and an account: the lead's company, e-mail domain or phone is the account's —
 *   the lead belongs to an existing customer (and so, usually, to its owner).
 * - a lead and a contact: the lead's e-mail or phone is a contact's — the person is
 *   already known at a customer.
 * Only records of one kind can be merged; the mixed pairs are for review and dismissal.
 */
export const pairTypes = ['lead', 'account', 'contact', 'lead_account', 'lead_contact'] as const;
export type PairType = (typeof pairTypes)[number];

const reasonKinds: Record<PairType, readonly MatchKind[]> = {
  lead: ['email', 'phone', 'person'],
  contact: ['email', 'phone', 'person'],
  account: ['credit_code', 'company', 'phone', 'domain'],
  lead_account: ['company', 'domain', 'phone'],
  lead_contact: ['email', 'phone'],
};

export function pairTypeOf(a: DuplicateEntityType, b: DuplicateEntityType): PairType | null {
  if (a === b) return a;
  const kinds = new Set([a, b]);
  if (kinds.has('lead') && kinds.has('account')) return 'lead_account';
  if (kinds.has('lead') && kinds.has('contact')) return 'lead_contact';
  return null;
}

export const isMergeable = (type: PairType): boolean =>
  type === 'lead' || type === 'account' || type === 'contact';

/**
 * Pairs are stored once whichever record came first: a lead before the account or
 * contact it matches, otherwise the smaller id first.
 */
export function orderPair(a: RecordRef, b: RecordRef): [RecordRef, RecordRef] {
  if (a.entityType !== b.entityType) return a.entityType === 'lead' ? [a, b] : [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

export const sameRecord = (a: RecordRef, b: RecordRef): boolean =>
  a.entityType === b.entityType && a.id === b.id;

/**
 * The reasons two records are candidates (the shared keys that count for their kinds,
 * strongest first), or none. Two accounts with different valid credit codes are two legal
 * entities however alike their names: a group's subsidiaries share phone and website.
 */
export function pairReasons(
  a: RecordRef,
  b: RecordRef,
  shared: readonly MatchKind[],
  creditCodes: { readonly a: readonly string[]; readonly b: readonly string[] } = { a: [], b: [] },
): MatchKind[] {
  if (sameRecord(a, b)) return [];
  const type = pairTypeOf(a.entityType, b.entityType);
  if (type === null) return [];
  if (
    type === 'account' &&
    creditCodes.a.length > 0 &&
    creditCodes.b.length > 0 &&
    !creditCodes.a.some((code) => creditCodes.b.includes(code))
  )
    return [];
  const counted = new Set(shared.filter((kind) => reasonKinds[type].includes(kind)));
  return matchKinds.filter((kind) => counted.has(kind));
}

/**
 * A key shared by more records than this identifies none of them (a placeholder number,
 * a group switchboard, a generic company name): it is not used for matching, which also
 * keeps detection linear instead of pairing thousands of records with each other.
 */
export const MAX_RECORDS_PER_KEY = 20;

/** How much each shared key says two records are one, out of 100. */
const kindWeight: Record<MatchKind, number> = {
  credit_code: 100,
  email: 90,
  phone: 80,
  person: 70,
  company: 60,
  domain: 40,
};

/**
 * A pair's score for ordering the queue: its strongest reason, plus 5 for each further one
 * (a shared phone and name is likelier than a shared phone alone), at most 100.
 */
export function pairScore(reasons: readonly MatchKind[]): number {
  const weights = reasons.map((kind) => kindWeight[kind]).sort((a, b) => b - a);
  const [strongest] = weights;
  if (strongest === undefined) return 0;
  return Math.min(100, strongest + 5 * (weights.length - 1));
}

/**
 * The kinds of record worth asking for a probe's key: those a shared key of this kind can
 * pair it with. A lead's company name only matters among accounts (two leads at one
 * company are colleagues), so detection never reads the other leads holding it.
 */
export function holderTypesFor(probe: DuplicateEntityType, kind: MatchKind): DuplicateEntityType[] {
  return duplicateEntityTypes.filter((holder) => {
    const type = pairTypeOf(probe, holder);
    return type !== null && reasonKinds[type].includes(kind);
  });
}
