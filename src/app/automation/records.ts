import type { Kysely } from 'kysely';
import type { RecordFacts } from '../../domain/automation/event.js';
import { leadFacts } from '../../domain/automation/lead-facts.js';
import { opportunityFacts } from '../../domain/automation/opportunity-facts.js';
import type { AutomationEntity } from '../../domain/automation/rule.js';
import type { ScoredLead } from '../../domain/leads/lead.js';
import type { Opportunity } from '../../domain/opportunities/opportunity.js';
import type { Database } from '../../store/schema.js';
import { teamPathOf } from '../../store/teams.repo.js';
import { leadStore } from '../leads.service.js';
import { opportunityStore } from '../opportunity-store.js';

/**
 * The records rules watch, loaded by the event's record type: the engine, the actions and
 * the dry run judge a deal or a lead through these, so each knows one shape.
 */
export type WatchedRecord =
  | { readonly entity: 'opportunity'; readonly record: Opportunity }
  | { readonly entity: 'lead'; readonly record: ScoredLead };

/** The live record, or null when it is gone or in the trash (its rules would act on it). */
export async function loadWatched(
  db: Kysely<Database>,
  tenantId: string,
  entity: { readonly type: AutomationEntity; readonly id: string },
): Promise<WatchedRecord | null> {
  if (entity.type === 'lead') {
    const lead = await leadStore.load(db, tenantId, entity.id);
    return lead && lead.deletedAt === null ? { entity: 'lead', record: lead } : null;
  }
  const deal = await opportunityStore.load(db, tenantId, entity.id);
  return deal && deal.deletedAt === null ? { entity: 'opportunity', record: deal } : null;
}

/** The facts conditions are judged on: the fields, and the owner's team path (none in a pool). */
export async function factsOf(
  db: Kysely<Database>,
  tenantId: string,
  watched: WatchedRecord,
): Promise<RecordFacts> {
  const ownerId = watched.record.ownerId;
  return {
    fields:
      watched.entity === 'lead' ? leadFacts(watched.record) : opportunityFacts(watched.record),
    ownerTeamPath: ownerId ? await teamPathOf(db, tenantId, ownerId) : [],
  };
}
