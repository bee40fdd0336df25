import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DuplicateEntityType } from '../domain/duplicates/match-keys.js';
import type { Database } from './schema.js';

/**
 * Everything in the schema that points at a lead, account or contact, so a merge can
 * re-point it to the survivor. Found by reading every foreign key of the migrations
 * (0001–0008); a new reference to these tables must be added here, or a merge leaves it
 * on the merged-away record. Rows with a `version` get a new one, so an edit that
 * loaded them before the merge cannot put the old link back.
 */
interface Link {
  readonly table: string;
  readonly column: string;
  readonly versioned: boolean;
}

const links: Record<DuplicateEntityType, readonly Link[]> = {
  account: [
    { table: 'contacts', column: 'account_id', versioned: true },
    { table: 'opportunities', column: 'account_id', versioned: true },
    { table: 'activities', column: 'account_id', versioned: true },
    { table: 'tasks', column: 'account_id', versioned: true },
    { table: 'attachments', column: 'account_id', versioned: false },
    { table: 'lead_conversions', column: 'account_id', versioned: false },
    // Records merged into the source earlier now point at the survivor: no chains.
    { table: 'accounts', column: 'merged_into_id', versioned: false },
  ],
  contact: [
    { table: 'opportunities', column: 'primary_contact_id', versioned: true },
    { table: 'activities', column: 'contact_id', versioned: true },
    { table: 'tasks', column: 'contact_id', versioned: true },
    { table: 'lead_conversions', column: 'contact_id', versioned: false },
    { table: 'contacts', column: 'merged_into_id', versioned: false },
  ],
  lead: [
    { table: 'activities', column: 'lead_id', versioned: true },
    { table: 'tasks', column: 'lead_id', versioned: true },
    { table: 'assignment_log', column: 'lead_id', versioned: false },
    { table: 'opportunities', column: 'source_lead_id', versioned: true },
    { table: 'leads', column: 'merged_into_id', versioned: false },
  ],
};

/** Parent links inside the merged table: the source's children move under the survivor. */
const treeLinks: Partial<Record<DuplicateEntityType, Link>> = {
  account: { table: 'accounts', column: 'parent_id', versioned: true },
  contact: { table: 'contacts', column: 'reports_to_id', versioned: true },
};

const tableOf = { lead: 'leads', account: 'accounts', contact: 'contacts' } as const;
const importEntityOf = { lead: 'leads', account: 'accounts', contact: 'contacts' } as const;

export interface MergeIds {
  readonly tenantId: string;
  readonly entityType: DuplicateEntityType;
  readonly sourceId: string;
  readonly survivorId: string;
  readonly now: string;
}

async function repoint(
  db: Kysely<Database>,
  ids: MergeIds,
  link: Link,
  extra = sql``,
): Promise<number> {
  const column = sql.ref(link.column);
  const bump = link.versioned ? sql`, version = version + 1, updated_at = ${ids.now}` : sql``;
  const result = await sql`update ${sql.table(link.table)} set ${column} = ${ids.survivorId}${bump}
    where tenant_id = ${ids.tenantId} and ${column} = ${ids.sourceId} ${extra}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Moves everything that references the source to the survivor and returns how many rows
 * of each `table.column` moved (for the merge's audit entry). History tables keyed by
 * entity (ownership history, import keys) move too; the audit log does not — it stays the
 * source's own history, reachable through `merged_into_id`.
 */
export async function repointReferences(
  db: Kysely<Database>,
  ids: MergeIds,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  const count = (name: string, n: number) => {
    if (n > 0) moved[name] = (moved[name] ?? 0) + n;
  };
  for (const link of links[ids.entityType])
    count(`${link.table}.${link.column}`, await repoint(db, ids, link));
  const tree = treeLinks[ids.entityType];
  if (tree) {
    // The survivor's own parent is decided by the merge (see domain survivorParent).
    count(
      `${tree.table}.${tree.column}`,
      await repoint(db, ids, tree, sql`and id <> ${ids.survivorId}`),
    );
  }
  if (ids.entityType === 'lead') {
    // A lead is converted once (unique per lead): the source's conversion moves only if
    // the survivor has none; otherwise it stays the record of what the source became.
    count(
      'lead_conversions.lead_id',
      await repoint(
        db,
        ids,
        { table: 'lead_conversions', column: 'lead_id', versioned: false },
        sql`and not exists (select 1 from lead_conversions c
          where c.tenant_id = ${ids.tenantId} and c.lead_id = ${ids.survivorId})`,
      ),
    );
  }
  const history = await sql`update ownership_history set entity_id = ${ids.survivorId}
    where tenant_id = ${ids.tenantId} and entity_type = ${ids.entityType} and entity_id = ${ids.sourceId}`.execute(
    db,
  );
  count('ownership_history.entity_id', Number(history.numAffectedRows ?? 0));
  const imported = await db
    .updateTable('import_keys')
    .set({ record_id: ids.survivorId })
    .where('tenant_id', '=', ids.tenantId)
    .where('entity', '=', importEntityOf[ids.entityType])
    .where('record_id', '=', ids.sourceId)
    .executeTakeFirst();
  count('import_keys.record_id', Number(imported.numUpdatedRows));
  return moved;
}

/**
 * Sends the source to the trash with a pointer to the survivor, if it is still live and
 * at `expectedVersion`; false otherwise (someone changed or deleted it meanwhile).
 */
export async function markMerged(
  db: Kysely<Database>,
  ids: MergeIds,
  expectedVersion: number,
): Promise<boolean> {
  const table = tableOf[ids.entityType];
  const result = await sql`update ${sql.table(table)}
    set deleted_at = ${ids.now}, merged_into_id = ${ids.survivorId}, updated_at = ${ids.now},
      version = version + 1
    where tenant_id = ${ids.tenantId} and id = ${ids.sourceId} and version = ${expectedVersion}
      and deleted_at is null`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** The survivor a record was merged into, or null (never merged, or missing). */
export async function mergedInto(
  db: Kysely<Database>,
  tenantId: string,
  entityType: DuplicateEntityType,
  id: string,
): Promise<string | null> {
  const table = tableOf[entityType];
  const result = await sql<{ merged_into_id: string | null }>`select merged_into_id
    from ${sql.table(table)} where tenant_id = ${tenantId} and id = ${id}`.execute(db);
  return result.rows[0]?.merged_into_id ?? null;
}

/** The ids of the live contacts of an account (before a merge moves them). */
export async function contactIdsOf(
  db: Kysely<Database>,
  tenantId: string,
  accountId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('contacts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((row) => row.id);
}
