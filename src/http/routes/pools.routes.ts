import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  assignmentLog,
  assignmentRules,
  autoAssignLead,
  setAssignmentRules,
} from '../../app/assignment.service.js';
import type { AppContext } from '../../app/context.js';
import { myPoolHolding } from '../../app/pool-holding.service.js';
import {
  changeAccountOwnership,
  changeLeadOwnership,
  ownershipHistoryOf,
} from '../../app/pool-moves.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import { Account, Lead } from '../schemas/crm.schema.js';
import {
  AssignmentLog,
  AssignmentLogEntry,
  AssignmentRules,
  AssignmentRulesReplace,
  AutoAssignInput,
  OwnershipChangeInput,
  OwnershipHistory,
  PoolHolding,
} from '../schemas/pools.schema.js';
import { z } from 'zod';

const changeDescription =
  'One flow between the public pool (公海) and private ownership (私海), decided by the pool rules: claim limit, re-claim cooldown, who may claim, transfer scope. Refused: 409 ownership_refused with the reason in errors[]. Recorded in the ownership history with its reason.';

/** Ownership of leads and accounts (公海 / 私海), assignment routing and its log. */
export function poolRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/leads/:id/ownership',
    {
      schema: {
        tags: ['Leads'],
        operationId: 'changeLeadOwnership',
        summary: 'Assign, claim, transfer, release, archive, re-activate or eliminate a lead',
        description: changeDescription,
        params: IdParams,
        body: OwnershipChangeInput,
        response: { 200: Lead, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      changeLeadOwnership(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/accounts/:id/ownership',
    {
      schema: {
        tags: ['Accounts'],
        operationId: 'changeAccountOwnership',
        summary: 'Assign, claim, transfer, release, archive, re-activate or eliminate an account',
        description: changeDescription,
        params: IdParams,
        body: OwnershipChangeInput,
        response: { 200: Account, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      changeAccountOwnership(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  for (const [entity, path, tag] of [
    ['lead', '/leads/:id/ownership-history', 'Leads'],
    ['account', '/accounts/:id/ownership-history', 'Accounts'],
  ] as const) {
    app.get(
      path,
      {
        schema: {
          tags: [tag],
          operationId: entity === 'lead' ? 'getLeadOwnershipHistory' : 'getAccountOwnershipHistory',
          summary: 'Every owner and pool it has had, with who moved it and why',
          params: IdParams,
          response: { 200: OwnershipHistory, ...problems(400, 401, 404) },
        },
      },
      async (request) => ({
        items: await ownershipHistoryOf(ctx, requirePrincipal(request), entity, request.params.id),
      }),
    );
  }

  app.get(
    '/pools/:id/holding',
    {
      schema: {
        tags: ['Pools'],
        operationId: 'getMyPoolHolding',
        summary: 'How many leads and accounts you hold against this pool’s claim limit',
        params: IdParams,
        response: { 200: PoolHolding, ...problems(400, 401, 404) },
      },
    },
    async (request) => myPoolHolding(ctx, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/leads/:id/auto-assign',
    {
      schema: {
        tags: ['Leads'],
        operationId: 'autoAssignLead',
        summary: 'Give the lead to the rep the routing rules choose',
        description:
          'Routing rules first (region, industry, source, size, language), else the tenant’s default strategy (round-robin or spare capacity); reps on leave, at capacity or without the lead’s language are skipped. 409 no_eligible_assignee carries the explanation when nobody can take it.',
        params: IdParams,
        body: AutoAssignInput,
        response: {
          200: z
            .object({ lead: Lead, assignment: AssignmentLogEntry })
            .meta({ id: 'AutoAssignResult' }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const { lead, log } = await autoAssignLead(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.body,
      );
      return { lead, assignment: log };
    },
  );

  app.get(
    '/leads/:id/assignment-log',
    {
      schema: {
        tags: ['Leads'],
        operationId: 'getLeadAssignmentLog',
        summary: 'Why the lead went to whom, each time it was auto-assigned',
        params: IdParams,
        response: { 200: AssignmentLog, ...problems(400, 401, 404) },
      },
    },
    async (request) => ({
      items: await assignmentLog(ctx, requirePrincipal(request), request.params.id),
    }),
  );

  app.get(
    '/assignment-rules',
    {
      schema: {
        tags: ['Settings'],
        operationId: 'listAssignmentRules',
        summary: 'The lead routing table, in order (first match wins)',
        response: { 200: AssignmentRules, ...problems(401, 403) },
      },
    },
    async (request) => ({ items: await assignmentRules(ctx, requirePrincipal(request)) }),
  );

  app.put(
    '/assignment-rules',
    {
      schema: {
        tags: ['Settings'],
        operationId: 'replaceAssignmentRules',
        summary: 'Replace the lead routing table',
        body: AssignmentRulesReplace,
        response: { 200: AssignmentRules, ...problems(400, 401, 403, 422) },
      },
    },
    async (request) => ({
      items: await setAssignmentRules(ctx, requirePrincipal(request), request.body.rules),
    }),
  );
}
