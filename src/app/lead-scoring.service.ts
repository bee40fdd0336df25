import type { Kysely } from 'kysely';
import { notFound, versionConflict } from '../domain/errors.js';
import type { Lead } from '../domain/leads/lead.js';
import { scoreLead } from '../domain/leads/scoring.js';
import type { LeadScore } from '../domain/leads/scoring.js';
import { defaultScoringRules } from '../domain/leads/scoring-rules.js';
import type { ScoringRule } from '../domain/leads/scoring-rules.js';
import type { Principal } from '../domain/tenancy/principal.js';
import {
  activityDatesByLead,
  findLeadScore,
  leadsToRescore,
  liveLeadsByIds,
  saveLeadScore,
} from '../store/lead-scores.repo.js';
import { findScoringRules, saveScoringRules } from '../store/lead-scoring.repo.js';
import type { StoredLeadScore } from '../store/lead-scores.repo.js';

export type { StoredLeadScore };
import type { Database } from '../store/schema.js';
import { authorize } from './access.js';
import { recordAudit } from './audit.service.js';
import type { AppContext } from './context.js';
import { getEntity } from './entity.js';
import { leadStore } from './leads.service.js';
import { nowIso } from './context.js';
import { parseStoredRules } from './lead-scoring.schema.js';
import { dbFor, inTransaction } from './transaction.js';

export interface LeadScoringSettings {
  readonly rules: readonly ScoringRule[];
  /** True while the tenant has never saved rules of its own. */
  readonly isDefault: boolean;
  /** 0 until the first save; send it back with a change (optimistic concurrency). */
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

async function settingsOf(db: Kysely<Database>, tenantId: string): Promise<LeadScoringSettings> {
  const stored = await findScoringRules(db, tenantId);
  const rules = stored ? parseStoredRules(stored.rules) : null;
  return {
    rules: rules ?? defaultScoringRules,
    isDefault: rules === null,
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
  };
}

/** The rules scores are computed with: the tenant's own, or the defaults. */
export async function scoringRulesOf(
  db: Kysely<Database>,
  tenantId: string,
): Promise<readonly ScoringRule[]> {
  return (await settingsOf(db, tenantId)).rules;
}

/** Everyone may read the rules: they are what explains each lead's score. */
export async function getLeadScoring(
  ctx: AppContext,
  principal: Principal,
): Promise<LeadScoringSettings> {
  return settingsOf(dbFor(ctx), principal.tenantId);
}

/** What the tenant's rules make of `lead` now, given the activities logged on it. */
export async function scoreOf(
  db: Kysely<Database>,
  tenantId: string,
  lead: Lead,
  now: string,
): Promise<LeadScore> {
  const rules = await scoringRulesOf(db, tenantId);
  const dates = await activityDatesByLead(db, tenantId, [lead.id]);
  return scoreLead(rules, { lead, activityDates: dates.get(lead.id) ?? [], now: new Date(now) });
}

/** A lead's stored score and the rules that made it, for whoever may see the lead. */
export async function getLeadScore(
  ctx: AppContext,
  principal: Principal,
  leadId: string,
): Promise<StoredLeadScore> {
  const lead = await getEntity(ctx, principal, leadStore, leadId);
  const stored = await findLeadScore(dbFor(ctx), principal.tenantId, lead.id);
  if (!stored) throw notFound('lead');
  return stored;
}

const BATCH = 500;

/** Key order is not kept by PostgreSQL's jsonb, so explanations compare in a canonical form. */
function canonical(score: LeadScore): string {
  return JSON.stringify([
    score.score,
    score.contributions.map((c) => [
      c.rule,
      c.kind,
      c.points,
      Object.entries(c.detail).sort(([a], [b]) => a.localeCompare(b)),
    ]),
  ]);
}

const sameScore = (a: LeadScore, b: LeadScore): boolean => canonical(a) === canonical(b);

/**
 * Re-scores leads whose inputs changed outside the lead itself (an activity logged on it,
 * new rules). Scores are derived data: they change without a version bump or an audit
 * entry of their own, so nobody's edit of the lead is refused because of them.
 */
async function rescore(
  trx: Kysely<Database>,
  tenantId: string,
  leads: readonly { lead: Lead; stored: LeadScore }[],
  rules: readonly ScoringRule[],
  now: string,
): Promise<number> {
  const dates = await activityDatesByLead(
    trx,
    tenantId,
    leads.map(({ lead }) => lead.id),
  );
  let changed = 0;
  for (const { lead, stored } of leads) {
    const next = scoreLead(rules, {
      lead,
      activityDates: dates.get(lead.id) ?? [],
      now: new Date(now),
    });
    if (sameScore(stored, next)) continue;
    await saveLeadScore(trx, tenantId, lead.id, next, now);
    changed++;
  }
  return changed;
}

/** Re-scores the given leads (nulls and repeats are skipped): activity hooks call this. */
export async function rescoreLeads(
  trx: Kysely<Database>,
  ctx: AppContext,
  tenantId: string,
  leadIds: readonly (string | null)[],
): Promise<void> {
  const ids = [...new Set(leadIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const rules = await scoringRulesOf(trx, tenantId);
  await rescore(trx, tenantId, await liveLeadsByIds(trx, tenantId, ids), rules, nowIso(ctx));
}

/** Re-scores every live lead of the tenant in batches; returns how many scores changed. */
export async function rescoreTenant(
  trx: Kysely<Database>,
  tenantId: string,
  rules: readonly ScoringRule[],
  now: string,
): Promise<number> {
  let changed = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await leadsToRescore(trx, tenantId, after, BATCH);
    changed += await rescore(trx, tenantId, batch, rules, now);
    if (batch.length < BATCH) return changed;
    after = batch.at(-1)?.lead.id ?? null;
  }
}

export interface ScoringUpdate {
  readonly version: number;
  readonly rules: readonly ScoringRule[];
}

/**
 * Replaces the tenant's rules and re-scores every live lead with them in the same
 * transaction, so lists sorted by score never mix the old rules with the new.
 */
export async function putLeadScoring(
  ctx: AppContext,
  principal: Principal,
  update: ScoringUpdate,
): Promise<LeadScoringSettings & { readonly rescored: number }> {
  authorize(principal, 'leads.configure');
  return inTransaction(ctx, async (trx) => {
    const stored = await findScoringRules(trx, principal.tenantId);
    const before = await settingsOf(trx, principal.tenantId);
    if (before.version !== update.version) throw versionConflict('lead_scoring');
    const now = nowIso(ctx);
    const id = stored?.id ?? ctx.newId();
    const saved = await saveScoringRules(
      trx,
      principal.tenantId,
      {
        id,
        rules: update.rules,
        updatedBy: principal.userId,
        updatedAt: now,
        version: before.version + 1,
      },
      before.version,
    );
    if (!saved) throw versionConflict('lead_scoring');
    const after = await settingsOf(trx, principal.tenantId);
    await recordAudit(trx, ctx, principal, {
      entityType: 'lead_scoring',
      entityId: id,
      action: stored ? 'update' : 'create',
      before: stored ? { rules: before.rules } : null,
      after: { rules: after.rules },
    });
    const rescored = await rescoreTenant(trx, principal.tenantId, after.rules, now);
    return { ...after, rescored };
  });
}

/**
 * Re-scores every live lead of the tenant with its current rules. Recency rules depend on
 * the date, not only on changes, so a daily run (`pipewright lead score --all`) keeps
 * "activity in the last 7 days" true to its word for leads nobody touched.
 */
export async function rescoreAllLeads(ctx: AppContext, principal: Principal): Promise<number> {
  authorize(principal, 'leads.configure');
  return inTransaction(ctx, async (trx) =>
    rescoreTenant(
      trx,
      principal.tenantId,
      await scoringRulesOf(trx, principal.tenantId),
      nowIso(ctx),
    ),
  );
}

/**
 * The daily re-score, run as a background job: every live lead of the tenant, one
 * transaction per batch so the API never waits long behind it, each batch after the last
 * lead of the one before. Recency rules ("an activity in the last 7 days") follow the
 * date this way, and imported leads get their first score. Idempotent: a lead whose score
 * is unchanged is not written.
 */
export async function rescoreTenantDaily(
  ctx: AppContext,
  tenantId: string,
  options: { readonly afterBatch?: () => Promise<void> } = {},
): Promise<{ changed: number }> {
  let changed = 0;
  let after: string | null = null;
  for (;;) {
    const from: string | null = after;
    const batch = await inTransaction(ctx, async (trx) => {
      const leads = await leadsToRescore(trx, tenantId, from, BATCH);
      const rules = await scoringRulesOf(trx, tenantId);
      changed += await rescore(trx, tenantId, leads, rules, nowIso(ctx));
      return leads;
    });
    await options.afterBatch?.();
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) return { changed };
    after = last.lead.id;
  }
}
