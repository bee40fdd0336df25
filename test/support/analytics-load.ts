import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { systemPrincipal } from '../../src/app/tenants.service.js';
import type { Principal } from '../../src/domain/tenancy/principal.js';
import { openRuntime } from '../../src/runtime.js';
import type { Runtime } from '../../src/runtime.js';
import type { Database } from '../../src/store/schema.js';
import { refreshVisitedStages } from '../../src/store/stage-reach.repo.js';
import type { DialectUnderTest, TestDatabase } from './dialects.js';
import type { World } from './analytics-world.js';

/**
 * Writes a generated world straight into the tables (no services: the point is to give
 * the reports exact, known histories), each world in a tenant of its own so many worlds
 * share one database.
 */
export interface AnalyticsDatabase {
  readonly runtime: Runtime;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

export async function openAnalyticsDatabase(
  dialect: DialectUnderTest,
  now = '2026-06-30T12:00:00.000Z',
): Promise<AnalyticsDatabase> {
  const database = dialect.create();
  const runtime = await openRuntime(database.target, {
    ...(database.schema ? { schema: database.schema } : {}),
    clock: { now: () => new Date(now) },
    poolSize: 4,
  });
  return {
    runtime,
    database,
    close: async () => {
      await runtime.close();
      await database.drop();
    },
  };
}

async function insertAll<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  // Small batches keep every dialect under its bound-parameter limit.
  for (let start = 0; start < rows.length; start += 100)
    await db
      .insertInto(table)
      .values(rows.slice(start, start + 100))
      .execute();
}

export interface LoadedWorld {
  readonly tenantId: string;
  /** An admin acting as the system: sees the whole tenant. */
  readonly principal: Principal;
}

export async function loadWorld(db: Kysely<Database>, world: World): Promise<LoadedWorld> {
  const tenantId = `t-${randomBytes(6).toString('hex')}`;
  const at = world.now;
  const versioned = { created_at: at, updated_at: at, version: 1 };
  await db
    .insertInto('tenants')
    .values({
      id: tenantId,
      slug: tenantId,
      name: tenantId,
      locale: 'zh-CN',
      time_zone: 'Asia/Shanghai',
      default_currency: world.currency,
      settings: '{}',
      ...versioned,
    })
    .execute();
  const t = { tenant_id: tenantId };
  await insertAll(
    db,
    'teams',
    world.teams.map((team) => ({
      ...t,
      id: team.id,
      name: team.name,
      parent_id: team.parentId,
      manager_id: null,
      ...versioned,
    })),
  );
  await insertAll(
    db,
    'users',
    world.owners.map((owner, index) => ({
      ...t,
      id: owner.id,
      email: `rep${index}@${tenantId}.test`,
      name: `Rep ${index}`,
      role: 'rep',
      team_id: owner.teamId,
      locale: null,
      status: 'active',
      password_hash: null,
      grants: '[]',
      capacity: null,
      away_until: null,
      languages: '[]',
      last_assigned_at: null,
      ...versioned,
    })),
  );
  const pipelines = [
    { id: world.pipelineId, key: 'main', stages: world.stages, isDefault: 1 as const },
    { id: world.otherPipelineId, key: 'other', stages: world.otherStages, isDefault: 0 as const },
  ];
  for (const pipeline of pipelines) {
    await insertAll(db, 'pipelines', [
      {
        ...t,
        id: pipeline.id,
        key: pipeline.key,
        name_zh: pipeline.key,
        name_en: pipeline.key,
        description: null,
        allow_skip: 1,
        is_default: pipeline.isDefault,
        archived_at: null,
        team_ids: '[]',
        scorecard: null,
        ...versioned,
      },
    ]);
    await insertAll(
      db,
      'stages',
      pipeline.stages.map((stage, index) => ({
        ...t,
        id: stage.id,
        pipeline_id: pipeline.id,
        // Slots in reverse order of position, so reports that mix the two up disagree.
        slot: pipeline.stages.length - 1 - index,
        key: stage.key,
        name_zh: stage.nameZh,
        name_en: stage.nameEn,
        position: stage.position,
        kind: stage.kind,
        probability: stage.probability,
        forecast_category:
          stage.kind === 'open'
            ? stage.probability >= 50
              ? 'best_case'
              : 'pipeline'
            : stage.kind === 'won'
              ? 'closed'
              : 'omitted',
        target_conversion: stage.kind === 'open' ? 50 : null,
        expected_dwell_days: stage.kind === 'open' ? 14 : null,
        cadence_days: null,
        guidance: null,
        rules: '{}',
        created_at: at,
        updated_at: at,
      })),
    );
  }
  await insertAll(
    db,
    'accounts',
    world.accounts.map((account) => ({
      ...t,
      id: account.id,
      name: account.id,
      parent_id: null,
      industry: account.industry,
      size: account.size,
      region: null,
      value_tier: account.valueTier,
      credit_code: null,
      website: null,
      phone: null,
      address: null,
      notes: null,
      owner_id: world.owners[0]?.id ?? null,
      pool_id: null,
      lifecycle: 'active',
      owned_since: at,
      deadline_at: null,
      deadline_level: 0,
      silence_until: null,
      deleted_at: null,
      ...versioned,
    })),
  );
  await insertAll(
    db,
    'contacts',
    world.contacts.map((contact) => ({
      ...t,
      id: contact.id,
      account_id: contact.accountId,
      name: contact.id,
      title: null,
      department: null,
      email: null,
      phone: null,
      decision_role: contact.decisionRole,
      attitude: 'neutral',
      reports_to_id: null,
      owner_id: null,
      notes: null,
      silence_until: null,
      deleted_at: null,
      ...versioned,
    })),
  );
  await insertAll(
    db,
    'leads',
    world.leads.map((lead) => ({
      ...t,
      id: lead.id,
      name: lead.id,
      company: null,
      title: null,
      email: null,
      phone: null,
      industry: null,
      region: null,
      size: null,
      language: null,
      source: lead.source,
      campaign: null,
      status: lead.status,
      disqualify_reason: lead.status === 'disqualified' ? 'no budget' : null,
      bant_budget_minor: null,
      bant_budget_currency: null,
      bant_authority: null,
      bant_need: null,
      bant_timeline: null,
      owner_id: null,
      pool_id: null,
      converted_opportunity_id: null,
      lifecycle: 'active',
      owned_since: null,
      deadline_at: null,
      deadline_level: 0,
      score_explanation: null,
      scored_at: null,
      deleted_at: null,
      created_at: lead.createdAt,
      updated_at: lead.createdAt,
      version: 1,
    })),
  );
  const stageEntered = new Map<string, string>();
  for (const visit of world.visits) stageEntered.set(visit.opportunityId, visit.enteredAt);
  await insertAll(
    db,
    'opportunities',
    world.deals.map((deal) => ({
      ...t,
      id: deal.id,
      name: deal.id,
      account_id: deal.accountId,
      primary_contact_id: null,
      owner_id: deal.ownerId,
      pipeline_id: deal.pipelineId,
      stage_id: deal.stageId,
      status: deal.status,
      amount_minor: deal.amountMinor,
      currency: deal.currency,
      expected_close_date: deal.expectedCloseDate,
      budget_minor: null,
      budget_currency: null,
      timeline: null,
      next_step: null,
      next_step_date: null,
      competitors: '[]',
      source: deal.source,
      source_lead_id: deal.sourceLeadId,
      stage_entered_at: stageEntered.get(deal.id) ?? deal.createdAt,
      closed_at: deal.closedAt,
      custom_fields: '{}',
      deadline_at: null,
      deadline_level: 0,
      forecast_category: deal.forecastCategory,
      deleted_at: deal.deleted ? at : null,
      created_at: deal.createdAt,
      updated_at: deal.createdAt,
      version: 1,
    })),
  );
  const pipelineOf = new Map(world.deals.map((deal) => [deal.id, deal.pipelineId]));
  const currencyOf = new Map(world.deals.map((deal) => [deal.id, deal.currency]));
  let n = 0;
  // Zero-padded so ids sort in the order written, as the app's time-ordered ids (UUIDv7) do:
  // "first visit, ties by id" then means the first written, as in the reference.
  const next = (prefix: string) => `${prefix}-${(n++).toString(36).padStart(8, '0')}`;
  await insertAll(
    db,
    'stage_history',
    world.visits.map((visit) => ({
      ...t,
      id: next('sh'),
      opportunity_id: visit.opportunityId,
      pipeline_id: pipelineOf.get(visit.opportunityId) ?? '',
      stage_id: visit.stageId,
      from_stage_id: visit.fromStageId,
      entered_at: visit.enteredAt,
      left_at: visit.leftAt,
      moved_by: null,
      reason: null,
      amount_minor: visit.amountMinor,
      currency: currencyOf.get(visit.opportunityId) ?? world.currency,
    })),
  );
  // The deals' visited stages, as bulk writers (imports, the demo tenant) set them.
  await refreshVisitedStages(db, tenantId, 'all');
  await insertAll(
    db,
    'deal_changes',
    world.changes.map((change) => ({
      ...t,
      id: next('dc'),
      opportunity_id: change.opportunityId,
      field: change.field,
      from_amount_minor: change.fromAmountMinor,
      to_amount_minor: change.toAmountMinor,
      from_date: change.fromDate,
      to_date: change.toDate,
      currency: currencyOf.get(change.opportunityId) ?? world.currency,
      changed_at: change.changedAt,
      changed_by: null,
    })),
  );
  await insertAll(
    db,
    'opportunity_products',
    world.products.map((product) => ({
      ...t,
      id: next('op'),
      opportunity_id: product.opportunityId,
      position: 0,
      name: product.productType,
      product_type: product.productType,
      customisation: product.customisation,
      quantity: 1,
      unit_price_minor: product.amountMinor,
      amount_minor: product.amountMinor,
    })),
  );
  await insertAll(
    db,
    'opportunity_reviews',
    world.reviews.map((review) => ({
      ...t,
      id: next('rv'),
      opportunity_id: review.opportunityId,
      outcome: review.outcome,
      reasons: JSON.stringify(review.reasons),
      competitor: review.competitor,
      stage_id: review.stageId,
      notes: null,
      reviewed_by: null,
      created_at: review.createdAt,
    })),
  );
  await insertAll(
    db,
    'opportunity_actions',
    world.actions.map((action) => ({
      ...t,
      id: next('oa'),
      opportunity_id: action.opportunityId,
      stage_id: action.stageId,
      kind: action.kind,
      item_key: action.itemKey,
      done_by: null,
      done_at: action.doneAt,
      evidence: '{}',
    })),
  );
  await insertAll(
    db,
    'activities',
    world.activities.map((activity) => ({
      ...t,
      id: activity.id,
      type: activity.type,
      subject: activity.type,
      body: null,
      occurred_at: activity.occurredAt,
      duration_minutes: null,
      next_follow_up_at: null,
      owner_id: null,
      lead_id: null,
      opportunity_id: activity.opportunityId,
      account_id: null,
      contact_id: activity.contactId,
      deleted_at: null,
      created_at: activity.occurredAt,
      updated_at: activity.occurredAt,
      version: 1,
    })),
  );
  return { tenantId, principal: systemPrincipal(tenantId, `test-${tenantId}`) };
}
