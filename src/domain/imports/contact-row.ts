import type { Contact } from '../accounts/contact.js';
import { attitudes, decisionRoles } from '../accounts/contact.js';
import { accountRef, createdAt, namedOwner } from './row-context.js';
import type { AccountRef, ParseContext } from './row-context.js';
import type { RowReader } from './row-reader.js';

export type ContactDraft = Omit<Contact, 'id' | 'accountId'> & { readonly account: AccountRef };

export function parseContactRow(reader: RowReader, ctx: ParseContext): ContactDraft {
  const account = accountRef(reader) ?? { name: null, creditCode: null };
  const at = createdAt(reader, ctx);
  return {
    account,
    name: reader.text('name', 200, true) ?? '',
    title: reader.text('title'),
    department: reader.text('department'),
    email: reader.email('email'),
    phone: reader.text('phone', 40),
    decisionRole: reader.choice('decisionRole', decisionRoles),
    attitude: reader.choice('attitude', attitudes) ?? 'unknown',
    reportsToId: null,
    ownerId: namedOwner(reader, ctx, true) ?? null,
    notes: reader.text('notes', 10_000),
    silenceUntil: null,
    createdAt: at,
    updatedAt: ctx.now,
    deletedAt: null,
    version: 1,
  };
}
