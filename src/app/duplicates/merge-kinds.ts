import type { Kysely } from 'kysely';
import type { Account } from '../../domain/accounts/account.js';
import type { Contact } from '../../domain/accounts/contact.js';
import type { Action } from '../../domain/access/permissions.js';
import type { MatchSubject } from '../../domain/duplicates/match-keys.js';
import {
  accountMergeUnits,
  contactMergeUnits,
  leadMergeUnits,
} from '../../domain/duplicates/merge-fields.js';
import { survivorParent } from '../../domain/duplicates/merge-tree.js';
import type { ScoredLead } from '../../domain/leads/lead.js';
import { saveLeadScore } from '../../store/lead-scores.repo.js';
import { ancestorChain } from '../../store/references.repo.js';
import type { Database } from '../../store/schema.js';
import { accountStore } from '../accounts.service.js';
import { contactStore } from '../contacts.service.js';
import type { EntityStore, VersionedEntity } from '../entity.js';
import { scoreOf } from '../lead-scoring.service.js';
import { leadStore } from '../leads.service.js';
import { accountSubject, contactSubject, leadSubject } from './subjects.js';

/** What a merge needs to know about one kind of record; the flow is in merge.service.ts. */
export interface MergeKind<E extends VersionedEntity> {
  readonly store: EntityStore<E>;
  readonly units: Readonly<Record<string, readonly (keyof E)[]>>;
  /** The source goes to the trash: whoever merges must be allowed to delete it. */
  readonly actions: readonly Action[];
  readonly subject: (record: E) => MatchSubject;
  /** Refuses pairs that cannot be merged (beyond both being live records of the kind). */
  readonly mergeable?: (survivor: E, source: E) => boolean;
  /** Settles what picking fields unit by unit cannot (tree position, conversion). */
  readonly settle?: (
    trx: Kysely<Database>,
    tenantId: string,
    input: { survivor: E; source: E; merged: E },
  ) => Promise<E>;
  /** Writes what belongs with the saved survivor (the lead's score). */
  readonly afterSave?: (
    trx: Kysely<Database>,
    tenantId: string,
    saved: E,
    now: string,
  ) => Promise<E>;
}

/** Where the survivor hangs in its tree, given the parent the field choice gave it. */
async function treeParent(
  trx: Kysely<Database>,
  table: 'accounts' | 'contacts',
  tenantId: string,
  ids: { survivorId: string; sourceId: string },
  candidates: readonly (string | null)[],
): Promise<string | null> {
  const parentOf = new Map<string, string | null>();
  for (const candidate of candidates) {
    if (candidate === null || parentOf.has(candidate)) continue;
    for (const [id, parent] of await ancestorChain(trx, table, tenantId, candidate))
      parentOf.set(id, parent);
  }
  return survivorParent({ ...ids, candidates, parentOf });
}

export const leadMerge: MergeKind<ScoredLead> = {
  store: leadStore,
  units: leadMergeUnits,
  actions: ['leads.write', 'leads.delete'],
  subject: leadSubject,
  // A converted lead stays converted: its conversion moves to the survivor if it has none.
  settle: (_trx, _tenantId, { survivor, source, merged }) => {
    const converted = [survivor, source].find((lead) => lead.status === 'converted');
    if (!converted) return Promise.resolve(merged);
    return Promise.resolve({
      ...merged,
      status: 'converted' as const,
      disqualifyReason: null,
      convertedOpportunityId: converted.convertedOpportunityId,
    });
  },
  afterSave: async (trx, tenantId, lead, now) => {
    const score = await scoreOf(trx, tenantId, lead, now);
    await saveLeadScore(trx, tenantId, lead.id, score, now);
    return { ...lead, score: score.score };
  },
} satisfies MergeKind<ScoredLead>;

export const accountMerge: MergeKind<Account> = {
  store: accountStore,
  units: accountMergeUnits,
  actions: ['accounts.write', 'accounts.delete'],
  subject: accountSubject,
  settle: async (trx, tenantId, { survivor, source, merged }) => ({
    ...merged,
    parentId: await treeParent(
      trx,
      'accounts',
      tenantId,
      { survivorId: survivor.id, sourceId: source.id },
      [merged.parentId, survivor.parentId, source.parentId],
    ),
  }),
};

export const contactMerge: MergeKind<Contact> = {
  store: contactStore,
  units: contactMergeUnits,
  actions: ['contacts.write', 'contacts.delete'],
  subject: contactSubject,
  // The org chart and the deals a contact is on are per account: merge the accounts first.
  mergeable: (survivor, source) => survivor.accountId === source.accountId,
  settle: async (trx, tenantId, { survivor, source, merged }) => ({
    ...merged,
    reportsToId: await treeParent(
      trx,
      'contacts',
      tenantId,
      { survivorId: survivor.id, sourceId: source.id },
      [merged.reportsToId, survivor.reportsToId, source.reportsToId],
    ),
  }),
};
