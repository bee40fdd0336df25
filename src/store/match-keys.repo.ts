import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DuplicateEntityType, MatchKey, MatchKind } from '../domain/duplicates/match-keys.js';
import type { RecordRef } from '../domain/duplicates/pair-rules.js';
import { bulkInsert } from './bulk.repo.js';
import type { Database } from './schema.js';

/** One record's key as stored. */
export interface HeldKey extends MatchKey {
  readonly entityType: DuplicateEntityType;
  readonly entityId: string;
}

export interface RecordKeys {
  readonly ref: RecordRef;
  readonly keys: readonly MatchKey[];
}

/** Row values in IN lists: a few hundred per statement keeps every driver's limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

/**
 * Refs grouped by kind of record, so each lookup is `entity_type = ? and entity_id in (…)`:
 * a range of the primary key on both dialects. (A row-value IN list — `(a, b) in ((…), …)`
 * — becomes an OR chain on PostgreSQL that is checked against every row of the tenant.)
 */
function byType(refs: readonly RecordRef[]): [DuplicateEntityType, string[]][] {
  const groups = new Map<DuplicateEntityType, string[]>();
  for (const ref of refs)
    groups.set(ref.entityType, [...(groups.get(ref.entityType) ?? []), ref.id]);
  return [...groups];
}

const toHeld = (row: {
  entity_type: string;
  entity_id: string;
  kind: string;
  value: string;
}): HeldKey => ({
  entityType: row.entity_type as DuplicateEntityType,
  entityId: row.entity_id,
  kind: row.kind as MatchKind,
  value: row.value,
});

/**
 * Replaces the keys derived from the records' fields; keys inherited through a merge stay.
 * Used on every save and, in batches, by the scan and by imports.
 */
export async function replaceOwnKeys(
  db: Kysely<Database>,
  tenantId: string,
  records: readonly RecordKeys[],
): Promise<void> {
  for (const slice of chunks(records)) {
    for (const [entityType, ids] of byType(slice.map(({ ref }) => ref))) {
      await db
        .deleteFrom('match_keys')
        .where('tenant_id', '=', tenantId)
        .where('entity_type', '=', entityType)
        .where('entity_id', 'in', ids)
        .where('origin', '=', 'own')
        .execute();
    }
    const rows = slice.flatMap(({ ref, keys }) =>
      // One row per distinct key: a lead's e-mail domain may also be… nothing else, but be safe.
      [...new Map(keys.map((k) => [`${k.kind}\u0000${k.value}`, k])).values()].map((k) => ({
        tenant_id: tenantId,
        entity_type: ref.entityType,
        entity_id: ref.id,
        kind: k.kind,
        value: k.value,
        origin: 'own',
      })),
    );
    // An inherited key equal to an own key is already there: keep that row.
    const taken = await heldBy(
      db,
      tenantId,
      slice.map(({ ref }) => ref),
    );
    const present = new Set(taken.map((k) => `${k.entityType}:${k.entityId}:${k.kind}:${k.value}`));
    await bulkInsert(
      db,
      'match_keys',
      rows.filter(
        (row) => !present.has(`${row.entity_type}:${row.entity_id}:${row.kind}:${row.value}`),
      ),
    );
  }
}

/** Stores the keys of records that hold none yet (just inserted): no delete, no read. */
export async function insertOwnKeys(
  db: Kysely<Database>,
  tenantId: string,
  records: readonly RecordKeys[],
): Promise<void> {
  await bulkInsert(
    db,
    'match_keys',
    records.flatMap(({ ref, keys }) =>
      [...new Map(keys.map((k) => [`${k.kind}\u0000${k.value}`, k])).values()].map((k) => ({
        tenant_id: tenantId,
        entity_type: ref.entityType,
        entity_id: ref.id,
        kind: k.kind,
        value: k.value,
        origin: 'own',
      })),
    ),
  );
}

/** Every key the records hold, own and inherited. */
export async function heldBy(
  db: Kysely<Database>,
  tenantId: string,
  refs: readonly RecordRef[],
): Promise<HeldKey[]> {
  const found: HeldKey[] = [];
  for (const slice of chunks(refs)) {
    for (const [entityType, ids] of byType(slice)) {
      const rows = await db
        .selectFrom('match_keys')
        .select(['entity_type', 'entity_id', 'kind', 'value'])
        .where('tenant_id', '=', tenantId)
        .where('entity_type', '=', entityType)
        .where('entity_id', 'in', ids)
        .execute();
      found.push(...rows.map(toHeld));
    }
  }
  return found;
}

/** A key asked for among the records of one kind. */
export interface KeyQuery extends MatchKey {
  readonly entityType: DuplicateEntityType;
}

/**
 * The records of the asked kind holding each key, skipping a key held by more than
 * `maxHolders` records of that kind (a key that common identifies no one). Two indexed
 * statements per few hundred keys. Trashed records still hold their keys, so a restore
 * needs nothing recomputed; callers keep only the live ones.
 */
export async function holdersOf(
  db: Kysely<Database>,
  tenantId: string,
  queries: readonly KeyQuery[],
  maxHolders: number,
): Promise<HeldKey[]> {
  // One index range per (kind, kind of record) and value list: `value in (…)` on both dialects.
  const groups = new Map<
    string,
    { kind: MatchKind; entityType: DuplicateEntityType; values: Set<string> }
  >();
  for (const q of queries) {
    const key = `${q.kind}\u0000${q.entityType}`;
    const group = groups.get(key) ?? { kind: q.kind, entityType: q.entityType, values: new Set() };
    group.values.add(q.value);
    groups.set(key, group);
  }
  const found: HeldKey[] = [];
  for (const { kind, entityType, values } of groups.values()) {
    for (const slice of chunks([...values])) {
      const counts = await db
        .selectFrom('match_keys')
        .select(['value', (eb) => eb.fn.countAll<number | string>().as('holders')])
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', kind)
        .where('entity_type', '=', entityType)
        .where('value', 'in', slice)
        .groupBy('value')
        .execute();
      const usable = counts
        .filter((row) => Number(row.holders) <= maxHolders)
        .map((row) => row.value);
      if (usable.length === 0) continue;
      const rows = await db
        .selectFrom('match_keys')
        .select(['entity_type', 'entity_id', 'kind', 'value'])
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', kind)
        .where('entity_type', '=', entityType)
        .where('value', 'in', usable)
        .execute();
      found.push(...rows.map(toHeld));
    }
  }
  return found;
}

/**
 * A merge hands the source's keys to the survivor (as inherited keys), so whatever found
 * the merged-away record — an old phone number, a former name — finds the survivor.
 */
export async function inheritKeys(
  db: Kysely<Database>,
  tenantId: string,
  entityType: DuplicateEntityType,
  sourceId: string,
  survivorId: string,
): Promise<number> {
  const result = await sql`
    insert into match_keys (tenant_id, entity_type, entity_id, kind, value, origin)
    select s.tenant_id, s.entity_type, ${survivorId}, s.kind, s.value, 'merged'
    from match_keys s
    where s.tenant_id = ${tenantId} and s.entity_type = ${entityType} and s.entity_id = ${sourceId}
      and not exists (select 1 from match_keys t
        where t.tenant_id = s.tenant_id and t.entity_type = s.entity_type
          and t.entity_id = ${survivorId} and t.kind = s.kind and t.value = s.value)`.execute(db);
  await db
    .deleteFrom('match_keys')
    .where('tenant_id', '=', tenantId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', sourceId)
    .execute();
  return Number(result.numAffectedRows ?? 0);
}
