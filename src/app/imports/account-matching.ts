import type { Kysely } from 'kysely';
import type { Account } from '../../domain/accounts/account.js';
import type { Visibility } from '../../domain/access/scope.js';
import type { Resolution } from '../../domain/imports/references.js';
import { newAccount } from '../../domain/imports/row-context.js';
import type { AccountRef } from '../../domain/imports/row-context.js';
import { accountsNamed } from '../../store/import-lookups.repo.js';
import type { AccountMatch } from '../../store/import-lookups.repo.js';
import type { Database } from '../../store/schema.js';

export interface AccountOwner {
  readonly ownerId: string | null;
  readonly poolId: string | null;
}

/**
 * Finds the accounts a batch of rows names, and creates the ones that do not exist yet (one
 * per name, whichever row names it first). A credit code must match exactly one live
 * account; a name must match at most one (two customers called 华为 make it ambiguous:
 * use the credit code) and is created when it matches none and the mapping allows it.
 */
export class AccountMatcher {
  private readonly byName = new Map<string, AccountMatch[]>();
  private readonly byCode = new Map<string, AccountMatch[]>();
  private readonly creating = new Map<string, Account>();

  private constructor(
    matches: readonly AccountMatch[],
    private readonly options: { create: boolean; now: string; newId: () => string },
  ) {
    for (const match of matches) {
      this.byName.set(match.name, [...(this.byName.get(match.name) ?? []), match]);
      if (match.creditCode)
        this.byCode.set(match.creditCode, [...(this.byCode.get(match.creditCode) ?? []), match]);
    }
  }

  static async load(
    trx: Kysely<Database>,
    tenantId: string,
    refs: readonly AccountRef[],
    visibility: Visibility,
    options: { create: boolean; now: string; newId: () => string },
  ): Promise<AccountMatcher> {
    const names = new Set<string>();
    const codes = new Set<string>();
    for (const ref of refs) {
      if (ref.name) names.add(ref.name);
      if (ref.creditCode) codes.add(ref.creditCode);
    }
    const matches = await accountsNamed(
      trx,
      tenantId,
      { names: [...names], creditCodes: [...codes] },
      visibility,
    );
    return new AccountMatcher(matches, options);
  }

  resolve(ref: AccountRef, owner: AccountOwner): Resolution<string> {
    const found = ref.creditCode
      ? this.byCode.get(ref.creditCode)
      : this.byName.get(ref.name ?? '');
    const [only] = found ?? [];
    if (found && found.length > 1) return { ok: false, code: 'ambiguous_account' };
    if (only) return { ok: true, value: only.id };
    if (!ref.name || !this.options.create) return { ok: false, code: 'unknown_account' };
    let account = this.creating.get(ref.name);
    if (!account) {
      account = newAccount(
        this.options.newId(),
        { ...ref, name: ref.name },
        owner,
        this.options.now,
      );
      this.creating.set(ref.name, account);
    }
    return { ok: true, value: account.id };
  }

  /** The accounts to create for the rows that were accepted. */
  created(used: ReadonlySet<string>): Account[] {
    return [...this.creating.values()].filter((account) => used.has(account.id));
  }
}
