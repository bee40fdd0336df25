import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Database } from './schema.js';

export type ItemKind = 'action' | 'material';

export interface Evidence {
  readonly note?: string;
  readonly activityId?: string;
  readonly attachmentId?: string;
}

export interface DoneItem {
  readonly id: string;
  readonly kind: ItemKind;
  readonly key: string;
  readonly stageId: string;
  readonly doneBy: string | null;
  readonly doneAt: string;
  readonly evidence: Evidence;
}

export async function listDoneItems(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
): Promise<DoneItem[]> {
  const rows = await db
    .selectFrom('opportunity_actions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('done_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as ItemKind,
    key: row.item_key,
    stageId: row.stage_id,
    doneBy: row.done_by,
    doneAt: row.done_at,
    evidence: fromJsonColumn(row.evidence) ?? {},
  }));
}

export async function insertDoneItem(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  item: DoneItem,
): Promise<void> {
  await db
    .insertInto('opportunity_actions')
    .values({
      tenant_id: tenantId,
      id: item.id,
      opportunity_id: opportunityId,
      stage_id: item.stageId,
      kind: item.kind,
      item_key: item.key,
      done_by: item.doneBy,
      done_at: item.doneAt,
      evidence: toJsonColumn(item.evidence),
    })
    .execute();
}

export async function deleteDoneItem(
  db: Kysely<Database>,
  tenantId: string,
  opportunityId: string,
  kind: ItemKind,
  key: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('opportunity_actions')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', opportunityId)
    .where('kind', '=', kind)
    .where('item_key', '=', key)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
