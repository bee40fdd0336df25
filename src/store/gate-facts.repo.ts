import type { Kysely } from 'kysely';
import type { GateFacts } from '../domain/pipeline/gates.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import { fromJsonColumn } from './json.js';
import type { Database } from './schema.js';

/**
 * Everything the stage gates may ask about one deal, in five indexed queries: its fields,
 * the key actions done, the attachment types on file, the decision-chain roles present at
 * its account, its latest scorecard score and the stage approvals granted.
 */
export async function loadGateFacts(
  db: Kysely<Database>,
  tenantId: string,
  deal: Opportunity,
): Promise<GateFacts> {
  const actions = await db
    .selectFrom('opportunity_actions')
    .select('item_key')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', deal.id)
    .where('kind', '=', 'action')
    .execute();
  const attachments = await db
    .selectFrom('attachments')
    .select('type')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', deal.id)
    .where('deleted_at', 'is', null)
    .execute();
  const roles = await db
    .selectFrom('contacts')
    .select((eb) => ['decision_role', eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', deal.accountId)
    .where('deleted_at', 'is', null)
    .where('decision_role', 'is not', null)
    .groupBy('decision_role')
    .execute();
  const evaluation = await db
    .selectFrom('opportunity_evaluations')
    .select('weighted_score')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', deal.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const approvals = await db
    .selectFrom('approvals')
    .select('request')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', '=', deal.id)
    .where('status', '=', 'approved')
    .execute();
  const approvedStages = approvals.flatMap((row) => {
    const request = fromJsonColumn(row.request) as { stageIds?: unknown };
    return Array.isArray(request.stageIds)
      ? request.stageIds.filter((id): id is string => typeof id === 'string')
      : [];
  });
  return {
    fields: {
      amount: deal.amount,
      expectedCloseDate: deal.expectedCloseDate,
      budget: deal.budget,
      timeline: deal.timeline,
      nextStep: deal.nextStep,
      nextStepDate: deal.nextStepDate,
      primaryContactId: deal.primaryContactId,
      competitors: deal.competitors,
      products: deal.products,
      source: deal.source,
      ...Object.fromEntries(
        Object.entries(deal.customFields).map(([key, value]) => [`custom.${key}`, value]),
      ),
    },
    completedActions: new Set(actions.map((row) => row.item_key)),
    attachmentTypes: new Set(attachments.map((row) => row.type)),
    contactRoles: Object.fromEntries(roles.map((row) => [row.decision_role ?? '', Number(row.n)])),
    score: evaluation ? evaluation.weighted_score : null,
    approvedStages: new Set(approvedStages),
  };
}
