import type { Kysely } from 'kysely';
import type { ScoredLead } from '../domain/leads/lead.js';
import type { LeadScore, ScoreContribution } from '../domain/leads/scoring.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import { toLead } from './leads.repo.js';
import type { Database } from './schema.js';

/** A lead's stored score with the explanation it was given. */
export interface StoredLeadScore extends LeadScore {
  readonly scoredAt: string | null;
}

/** When the live activities logged on each lead happened (the scorer's behaviour input). */
export async function activityDatesByLead(
  db: Kysely<Database>,
  tenantId: string,
  leadIds: readonly string[],
): Promise<Map<string, string[]>> {
  const dates = new Map<string, string[]>(leadIds.map((id) => [id, []]));
  if (leadIds.length === 0) return dates;
  const rows = await db
    .selectFrom('activities')
    .select(['lead_id', 'occurred_at'])
    .where('tenant_id', '=', tenantId)
    .where('lead_id', 'in', [...new Set(leadIds)])
    .where('deleted_at', 'is', null)
    .execute();
  for (const row of rows) if (row.lead_id) dates.get(row.lead_id)?.push(row.occurred_at);
  return dates;
}

export async function saveLeadScore(
  db: Kysely<Database>,
  tenantId: string,
  leadId: string,
  score: LeadScore,
  now: string,
): Promise<void> {
  await db
    .updateTable('leads')
    .set({
      score: score.score,
      score_explanation: toJsonColumn({ total: score.total, contributions: score.contributions }),
      scored_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', leadId)
    .execute();
}

/** We wrote the JSON ourselves; a row never scored (imported, seeded) has none. */
function contributionsOf(value: unknown): { total: number; contributions: ScoreContribution[] } {
  const parsed = fromJsonColumn(value);
  if (parsed === null || typeof parsed !== 'object') return { total: 0, contributions: [] };
  const { total, contributions } = parsed as { total?: unknown; contributions?: unknown };
  return {
    total: typeof total === 'number' ? total : 0,
    contributions: Array.isArray(contributions) ? (contributions as ScoreContribution[]) : [],
  };
}

export async function findLeadScore(
  db: Kysely<Database>,
  tenantId: string,
  leadId: string,
): Promise<StoredLeadScore | undefined> {
  const row = await db
    .selectFrom('leads')
    .select(['score', 'score_explanation', 'scored_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', leadId)
    .executeTakeFirst();
  return (
    row && { score: row.score, ...contributionsOf(row.score_explanation), scoredAt: row.scored_at }
  );
}

/** The live leads among `ids`, with their stored scores. */
export async function liveLeadsByIds(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<{ lead: ScoredLead; stored: LeadScore }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('leads')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((row) => ({
    lead: toLead(row),
    stored: { score: row.score, ...contributionsOf(row.score_explanation) },
  }));
}

/** One batch of the tenant's live leads in id order, with their stored scores, after `afterId`. */
export async function leadsToRescore(
  db: Kysely<Database>,
  tenantId: string,
  afterId: string | null,
  limit: number,
): Promise<{ lead: ScoredLead; stored: LeadScore }[]> {
  let query = db
    .selectFrom('leads')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null);
  if (afterId !== null) query = query.where('id', '>', afterId);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map((row) => ({
    lead: toLead(row),
    stored: { score: row.score, ...contributionsOf(row.score_explanation) },
  }));
}
