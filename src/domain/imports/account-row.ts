import type { Account } from '../accounts/account.js';
import { companySizes, valueTiers } from '../accounts/account.js';
import { createdAt, freshOwnership, ownerOrPool } from './row-context.js';
import type { ParseContext } from './row-context.js';
import type { RowReader } from './row-reader.js';

export type AccountDraft = Omit<Account, 'id'>;

export function parseAccountRow(reader: RowReader, ctx: ParseContext): AccountDraft {
  const at = createdAt(reader, ctx);
  const owner = ownerOrPool(reader, ctx);
  return {
    name: reader.text('name', 200, true) ?? '',
    parentId: null,
    industry: reader.text('industry'),
    size: reader.choice('size', companySizes),
    region: reader.text('region'),
    valueTier: reader.choice('valueTier', valueTiers),
    creditCode: reader.creditCode('creditCode'),
    website: reader.text('website'),
    phone: reader.text('phone', 40),
    address: reader.text('address', 500),
    notes: reader.text('notes', 10_000),
    ...owner,
    ...freshOwnership(owner.ownerId, ctx.now),
    silenceUntil: null,
    createdAt: at,
    updatedAt: ctx.now,
    deletedAt: null,
    version: 1,
  };
}
