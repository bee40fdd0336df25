import type { Kysely } from 'kysely';
import type { Visibility } from '../domain/access/scope.js';
import type { DirectoryUser } from '../domain/imports/references.js';
import type { UserStatus } from '../domain/tenancy/user.js';
import type { Database } from './schema.js';
import { visibleCondition } from './visibility.js';

/** Everyone in the tenant, to match owners named in a file by e-mail or name. */
export async function directoryUsers(
  db: Kysely<Database>,
  tenantId: string,
): Promise<DirectoryUser[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'status'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return rows.map((row) => ({ ...row, status: row.status as UserStatus }));
}

export interface AccountMatch {
  readonly id: string;
  readonly name: string;
  readonly creditCode: string | null;
}

/** Live accounts the caller can see whose name or credit code is one of these. */
export async function accountsNamed(
  db: Kysely<Database>,
  tenantId: string,
  refs: { names: readonly string[]; creditCodes: readonly string[] },
  visibility: Visibility,
): Promise<AccountMatch[]> {
  if (refs.names.length === 0 && refs.creditCodes.length === 0) return [];
  const visible = visibleCondition('accounts', visibility);
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'name', 'credit_code'])
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(refs.names.length > 0 ? [eb('name', 'in', [...refs.names])] : []),
        ...(refs.creditCodes.length > 0 ? [eb('credit_code', 'in', [...refs.creditCodes])] : []),
      ]),
    )
    .$if(visible !== null, (query) => query.where((eb) => eb.and(visible ? [visible] : [])))
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, creditCode: row.credit_code }));
}
