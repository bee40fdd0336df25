import type { Account } from '../../domain/accounts/account.js';
import { importedHistory } from '../../domain/imports/opportunity-row.js';
import type { AccountRef } from '../../domain/imports/row-context.js';
import { toAccountRow } from '../../store/accounts.repo.js';
import { bulkInsert } from '../../store/bulk.repo.js';
import { toContactRow } from '../../store/contacts.repo.js';
import { accountsNamed } from '../../store/import-lookups.repo.js';
import { toLeadRow } from '../../store/leads.repo.js';
import { toOpportunityRow } from '../../store/opportunities.repo.js';
import { insertHistoryRows } from '../../store/stage-history.repo.js';
import { detectImported } from '../duplicates/detect.js';
import { accountSubject, contactSubject, leadSubject } from '../duplicates/subjects.js';
import { AccountMatcher } from './account-matching.js';
import type { AccountOwner } from './account-matching.js';
import { rejectRow } from './importer.js';
import type { BatchEnvironment, Importer, Placement, ValidRow } from './importer.js';
import type { ImportRowError } from '../../domain/imports/import-run.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/*
 * Each entity's drafts become rows through the same mappers the services use (toLeadRow,
 * toOpportunityRow, toHistoryRow…) and are written with bulk inserts: an import is history
 * arriving, not a user's edits, so it bypasses the per-record services (their gates, audit
 * entries and one-statement-per-row writes). docs/imports.md says what that skips.
 */

export const importLeads: Importer<'leads'> = (_trx, env, rows) => {
  const records = rows.map((row) => ({ id: env.newId(), ...row.draft }));
  return Promise.resolve({
    accepted: rows.map((row, i) => ({ key: row.key, recordId: records[i]?.id ?? '' })),
    rejected: [],
    accountsCreated: 0,
    write: async (trx) => {
      await bulkInsert(
        trx,
        'leads',
        records.map((lead) => toLeadRow(env.principal.tenantId, lead)),
      );
      await detectImported(trx, env, records.map(leadSubject));
    },
  });
};

/** A credit code identifies one company: an account that exists already is not imported again. */
export const importAccounts: Importer<'accounts'> = async (trx, env, rows) => {
  const codes = rows.flatMap((row) => (row.draft.creditCode ? [row.draft.creditCode] : []));
  const existing = await accountsNamed(
    trx,
    env.principal.tenantId,
    { names: [], creditCodes: codes },
    env.visibility,
  );
  const taken = new Set(existing.map((account) => account.creditCode));
  const rejected: ImportRowError[] = [];
  const records: Account[] = [];
  const accepted = [];
  for (const row of rows) {
    const code = row.draft.creditCode;
    if (code && taken.has(code)) {
      rejected.push(rejectRow(row, 'creditCode', 'duplicate_credit_code', code));
      continue;
    }
    if (code) taken.add(code);
    const account = { id: env.newId(), ...row.draft };
    records.push(account);
    accepted.push({ key: row.key, recordId: account.id });
  }
  return {
    accepted,
    rejected,
    accountsCreated: 0,
    write: async (trx) => {
      await bulkInsert(
        trx,
        'accounts',
        records.map((a) => toAccountRow(env.principal.tenantId, a)),
      );
      await detectImported(trx, env, records.map(accountSubject));
    },
  };
};

/** Matches (or creates) each row's account; rows whose account cannot be settled are rejected. */
async function withAccounts<D extends { account: AccountRef }, R>(
  trx: Kysely<Database>,
  env: BatchEnvironment,
  rows: readonly ValidRow<D>[],
  owner: (draft: D) => AccountOwner,
  build: (draft: D, accountId: string) => R & { id: string },
): Promise<
  Omit<Placement, 'write'> & {
    records: R[];
    writeAccounts: Placement['write'];
  }
> {
  const matcher = await AccountMatcher.load(
    trx,
    env.principal.tenantId,
    rows.map((row) => row.draft.account),
    env.visibility,
    { create: env.createAccounts, now: env.now, newId: env.newId },
  );
  const records: R[] = [];
  const accepted = [];
  const rejected: ImportRowError[] = [];
  const used = new Set<string>();
  for (const row of rows) {
    const account = matcher.resolve(row.draft.account, owner(row.draft));
    if (!account.ok) {
      const ref = row.draft.account;
      rejected.push(rejectRow(row, 'account', account.code, ref.creditCode ?? ref.name));
      continue;
    }
    used.add(account.value);
    const record = build(row.draft, account.value);
    records.push(record);
    accepted.push({ key: row.key, recordId: record.id });
  }
  const created = matcher.created(used);
  return {
    records,
    accepted,
    rejected,
    accountsCreated: created.length,
    writeAccounts: async (trx) => {
      await bulkInsert(
        trx,
        'accounts',
        created.map((a) => toAccountRow(env.principal.tenantId, a)),
      );
      await detectImported(trx, env, created.map(accountSubject));
    },
  };
}

const poolUnlessOwned = (env: BatchEnvironment, ownerId: string | null): AccountOwner =>
  ownerId ? { ownerId, poolId: null } : { ownerId: null, poolId: env.poolId };

export const importContacts: Importer<'contacts'> = async (trx, env, rows) => {
  const placed = await withAccounts(
    trx,
    env,
    rows,
    (draft) => poolUnlessOwned(env, draft.ownerId),
    ({ account: _ref, ...draft }, accountId) => ({ id: env.newId(), accountId, ...draft }),
  );
  return {
    ...placed,
    write: async (trx) => {
      await placed.writeAccounts(trx);
      await bulkInsert(
        trx,
        'contacts',
        placed.records.map((c) => toContactRow(env.principal.tenantId, c)),
      );
      await detectImported(trx, env, placed.records.map(contactSubject));
    },
  };
};

export const importOpportunities: Importer<'opportunities'> = async (trx, env, rows) => {
  const placed = await withAccounts(
    trx,
    env,
    rows,
    (draft) => poolUnlessOwned(env, draft.ownerId),
    ({ account: _ref, firstStageId, ...draft }, accountId) => ({
      id: env.newId(),
      firstStageId,
      opportunity: { ...draft, accountId },
    }),
  );
  const deals = placed.records.map(({ id, firstStageId, opportunity }) => ({
    deal: { id, ...opportunity },
    firstStageId,
  }));
  return {
    ...placed,
    write: async (trx) => {
      await placed.writeAccounts(trx);
      const tenantId = env.principal.tenantId;
      await bulkInsert(
        trx,
        'opportunities',
        deals.map(({ deal }) => toOpportunityRow(tenantId, deal)),
      );
      await insertHistoryRows(
        trx,
        tenantId,
        deals.flatMap(({ deal, firstStageId }) =>
          importedHistory(deal, firstStageId, env.newId, env.principal.userId),
        ),
      );
    },
  };
};
