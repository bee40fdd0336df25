import type { Account } from '../accounts/account.js';
import type { DeadlineLevel } from '../pools/deadlines.js';
import type { Lifecycle } from '../pools/pool-rules.js';
import type { CurrencyCode } from '../money.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { isCreditCode } from './row-reader.js';
import type { RowReader } from './row-reader.js';
import type { Directory } from './references.js';

/** What every row of one import is read against, loaded once before the first row. */
export interface ParseContext {
  readonly directory: Directory;
  readonly pipelines: readonly Pipeline[];
  /** The mapping's pipeline key, for rows without a `pipeline` cell. */
  readonly pipelineKey: string | null;
  /** The mapping's currency, else the tenant's. */
  readonly currency: CurrencyCode;
  /** Who imports (null for the CLI's system principal). */
  readonly importerId: string | null;
  /** The tenant's default public pool, where unowned leads and accounts land. */
  readonly poolId: string | null;
  readonly now: string;
}

/** An account named in a row: by unified social credit code when it looks like one. */
export interface AccountRef {
  readonly name: string | null;
  readonly creditCode: string | null;
}

export function accountRef(reader: RowReader): AccountRef | null {
  const text = reader.reference('account');
  if (text === null) return reader.fail('account', 'required');
  const upper = text.toUpperCase();
  return isCreditCode(upper) ? { name: null, creditCode: upper } : { name: text, creditCode: null };
}

/**
 * The owner a row names, by e-mail or name. A departed colleague may own history (a deal
 * closed before they left) but not live work. Undefined: the row names no one; null: the
 * name did not resolve (the issue is recorded).
 */
export function namedOwner(
  reader: RowReader,
  ctx: ParseContext,
  liveWork: boolean,
): string | null | undefined {
  const text = reader.reference('owner');
  if (text === null) return undefined;
  const found = ctx.directory.find(text);
  if (!found.ok) return reader.fail('owner', found.code, text);
  if (liveWork && found.value.status !== 'active')
    return reader.fail('owner', 'owner_disabled', text);
  return found.value.id;
}

/** Owner xor pool, as leads and accounts need: without an owner, the default pool. */
export function ownerOrPool(
  reader: RowReader,
  ctx: ParseContext,
): { ownerId: string | null; poolId: string | null } {
  const ownerId = namedOwner(reader, ctx, true);
  return ownerId ? { ownerId, poolId: null } : { ownerId: null, poolId: ctx.poolId };
}

/** When the record came into being: the file's date, or now; never in the future. */
export function createdAt(reader: RowReader, ctx: ParseContext): string {
  const at = reader.instant('createdAt');
  if (at !== null && at > ctx.now) reader.fail('createdAt', 'in_future', at);
  return at ?? ctx.now;
}

/**
 * The ownership bookkeeping of a record that arrives by import: live, owned since now (the
 * owner gets it today, whatever the file's history), no follow-up deadline running yet.
 */
export function freshOwnership(
  ownerId: string | null,
  now: string,
): {
  lifecycle: Lifecycle;
  ownedSince: string | null;
  deadlineAt: string | null;
  deadlineLevel: DeadlineLevel;
} {
  return {
    lifecycle: 'active',
    ownedSince: ownerId ? now : null,
    deadlineAt: null,
    deadlineLevel: 0,
  };
}

/** An account a contact or deal names but that does not exist yet. */
export function newAccount(
  id: string,
  ref: AccountRef & { name: string },
  owner: { ownerId: string | null; poolId: string | null },
  now: string,
): Account {
  return {
    id,
    name: ref.name,
    parentId: null,
    industry: null,
    size: null,
    region: null,
    valueTier: null,
    creditCode: ref.creditCode,
    website: null,
    phone: null,
    address: null,
    notes: null,
    ...owner,
    ...freshOwnership(owner.ownerId, now),
    silenceUntil: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    version: 1,
  };
}
