import { sql } from 'kysely';
import type { Kysely, Selectable, SqlBool } from 'kysely';
import type { Visibility } from '../domain/access/scope.js';
import type { DuplicateEntityType, MatchKind } from '../domain/duplicates/match-keys.js';
import type { CandidatePair, DuplicatePair, PairStatus } from '../domain/duplicates/pair.js';
import { pairTypeOf } from '../domain/duplicates/pair-rules.js';
import type { RecordRef } from '../domain/duplicates/pair-rules.js';
import { fromJsonColumn, stringArrayFromJson, toJsonColumn } from './json.js';
import { applyKeyset, toPage } from './pagination.js';
import type { Page, PageQuery } from './pagination.js';
import type { Database, DuplicatePairsTable } from './schema.js';
import { visibleCondition } from './visibility.js';

const tables = { lead: 'leads', account: 'accounts', contact: 'contacts' } as const;

export function toDuplicatePair(row: Selectable<DuplicatePairsTable>): DuplicatePair {
  const left: RecordRef = { entityType: row.left_type as DuplicateEntityType, id: row.left_id };
  const right: RecordRef = { entityType: row.right_type as DuplicateEntityType, id: row.right_id };
  return {
    id: row.id,
    type: pairTypeOf(left.entityType, right.entityType) ?? left.entityType,
    left,
    right,
    reasons: stringArrayFromJson(fromJsonColumn(row.reasons)) as MatchKind[],
    status: row.status as PairStatus,
    note: row.note,
    survivorId: row.survivor_id,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const sameReasons = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((reason, i) => reason === b[i]);

const pairKey = (left: RecordRef, right: RecordRef) =>
  `${left.entityType}:${left.id}|${right.entityType}:${right.id}`;

/**
 * Records candidate pairs: a new pair is queued once; an open pair gets its reasons
 * refreshed; a resolved pair (dismissed: "not duplicates") is left as it was decided.
 * Returns the pairs inserted.
 */
export async function recordPairs(
  db: Kysely<Database>,
  tenantId: string,
  pairs: readonly CandidatePair[],
  meta: { readonly now: string; readonly newId: () => string },
): Promise<number> {
  const wanted = new Map(pairs.map((pair) => [pairKey(pair.left, pair.right), pair]));
  if (wanted.size === 0) return 0;
  const existing = new Map<string, DuplicatePair>();
  const list = [...wanted.values()];
  // By left record (indexed), then the exact pairs in memory: a row-value IN list would be
  // an OR chain over the whole tenant on PostgreSQL.
  for (let start = 0; start < list.length; start += 400) {
    const lefts = [...new Set(list.slice(start, start + 400).map((p) => p.left.id))];
    const rows = await db
      .selectFrom('duplicate_pairs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('left_id', 'in', lefts)
      .execute();
    for (const row of rows) {
      const pair = toDuplicatePair(row);
      const key = pairKey(pair.left, pair.right);
      if (wanted.has(key)) existing.set(key, pair);
    }
  }
  const fresh = [...wanted].filter(([key]) => !existing.has(key)).map(([, pair]) => pair);
  let inserted = 0;
  // Many at once (an import batch); two requests finding the same pair keep one row.
  for (let start = 0; start < fresh.length; start += 500) {
    const result = await db
      .insertInto('duplicate_pairs')
      .values(
        fresh.slice(start, start + 500).map((pair) => ({
          tenant_id: tenantId,
          id: meta.newId(),
          left_type: pair.left.entityType,
          left_id: pair.left.id,
          right_type: pair.right.entityType,
          right_id: pair.right.id,
          reasons: toJsonColumn(pair.reasons),
          status: 'open',
          note: null,
          survivor_id: null,
          resolved_by: null,
          resolved_at: null,
          created_at: meta.now,
          updated_at: meta.now,
          version: 1,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(['tenant_id', 'left_type', 'left_id', 'right_type', 'right_id'])
          .doNothing(),
      )
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  for (const [key, pair] of wanted) {
    const found = existing.get(key);
    if (found?.status !== 'open' || sameReasons(found.reasons, pair.reasons)) continue;
    await db
      .updateTable('duplicate_pairs')
      .set({
        reasons: toJsonColumn(pair.reasons),
        updated_at: meta.now,
        version: found.version + 1,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', found.id)
      .where('version', '=', found.version)
      .execute();
  }
  return inserted;
}

export async function findPair(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<DuplicatePair | undefined> {
  const row = await db
    .selectFrom('duplicate_pairs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toDuplicatePair(row);
}

/** Every pair a record is part of, whatever its status. */
export async function pairsOf(
  db: Kysely<Database>,
  tenantId: string,
  ref: RecordRef,
): Promise<DuplicatePair[]> {
  const rows = await db
    .selectFrom('duplicate_pairs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb('left_type', '=', ref.entityType), eb('left_id', '=', ref.id)]),
        eb.and([eb('right_type', '=', ref.entityType), eb('right_id', '=', ref.id)]),
      ]),
    )
    .execute();
  return rows.map(toDuplicatePair);
}

/** Writes a pair's resolution or new records if the stored version is still `expectedVersion`. */
export async function savePair(
  db: Kysely<Database>,
  tenantId: string,
  pair: DuplicatePair,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('duplicate_pairs')
    .set({
      left_type: pair.left.entityType,
      left_id: pair.left.id,
      right_type: pair.right.entityType,
      right_id: pair.right.id,
      reasons: toJsonColumn(pair.reasons),
      status: pair.status,
      note: pair.note,
      survivor_id: pair.survivorId,
      resolved_by: pair.resolvedBy,
      resolved_at: pair.resolvedAt,
      updated_at: pair.updatedAt,
      version: pair.version,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', pair.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePair(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('duplicate_pairs')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/**
 * One side of a pair is visible: the record exists and the principal may see it. An open
 * pair also needs the record live (a pair with a trashed record waits for its restore);
 * a resolved pair stays listed after its merged-away record left.
 */
function sideVisible(side: 'left' | 'right', visibility: Visibility) {
  const typeColumn = sql.ref(`duplicate_pairs.${side}_type`);
  const idColumn = sql.ref(`duplicate_pairs.${side}_id`);
  return sql<SqlBool>`(${sql.join(
    (Object.entries(tables) as [DuplicateEntityType, (typeof tables)[DuplicateEntityType]][]).map(
      ([entityType, table]) => {
        const visible = visibleCondition(table, visibility);
        return sql`(${typeColumn} = ${entityType} and exists (select 1 from ${sql.table(table)}
          where ${sql.ref(`${table}.tenant_id`)} = duplicate_pairs.tenant_id
            and ${sql.ref(`${table}.id`)} = ${idColumn}
            and (duplicate_pairs.status <> 'open' or ${sql.ref(`${table}.deleted_at`)} is null)
            ${visible ? sql`and ${visible}` : sql``}))`;
      },
    ),
    sql` or `,
  )})`;
}

export interface PairFilter {
  /** Pairs with a record of this kind on either side. */
  readonly entityType?: DuplicateEntityType;
  readonly status?: PairStatus;
}

/** The queue, newest first by default, holding only pairs whose both records the principal sees. */
export async function listPairs(
  db: Kysely<Database>,
  tenantId: string,
  filter: PairFilter,
  page: PageQuery,
  visibility: Visibility,
): Promise<Page<DuplicatePair>> {
  let query = db
    .selectFrom('duplicate_pairs')
    .selectAll()
    .where('duplicate_pairs.tenant_id', '=', tenantId)
    .where(sideVisible('left', visibility))
    .where(sideVisible('right', visibility));
  if (filter.status) query = query.where('duplicate_pairs.status', '=', filter.status);
  const entityType = filter.entityType;
  if (entityType) {
    query = query.where((eb) =>
      eb.or([eb('left_type', '=', entityType), eb('right_type', '=', entityType)]),
    );
  }
  const rows = await applyKeyset(query, 'duplicate_pairs', page).execute();
  return toPage(rows, page, toDuplicatePair);
}

/** Whether both records of the pair are visible to the principal (404 otherwise). */
export async function pairVisible(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  visibility: Visibility,
): Promise<boolean> {
  const row = await db
    .selectFrom('duplicate_pairs')
    .select('id')
    .where('duplicate_pairs.tenant_id', '=', tenantId)
    .where('duplicate_pairs.id', '=', id)
    .where(sideVisible('left', visibility))
    .where(sideVisible('right', visibility))
    .executeTakeFirst();
  return row !== undefined;
}

/** The display names of records (trashed included), keyed `entityType:id`. */
export async function recordNames(
  db: Kysely<Database>,
  tenantId: string,
  refs: readonly RecordRef[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [entityType, table] of Object.entries(tables) as [
    DuplicateEntityType,
    (typeof tables)[DuplicateEntityType],
  ][]) {
    const ids = [...new Set(refs.filter((r) => r.entityType === entityType).map((r) => r.id))];
    if (ids.length === 0) continue;
    const rows = await db
      .selectFrom(table)
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) names.set(`${entityType}:${row.id}`, row.name);
  }
  return names;
}
