import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  cancelApproval,
  decideApproval,
  getApproval,
  listApprovalsPage,
} from '../../app/approvals.service.js';
import type { AppContext } from '../../app/context.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, pageOf, problems } from '../schemas/common.js';
import {
  Approval,
  ApprovalDecision,
  ApprovalListQuery,
  DecisionResult,
} from '../schemas/engine.schema.js';

export function approvalRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Approvals'];

  app.get(
    '/approvals',
    {
      schema: {
        tags,
        operationId: 'listApprovals',
        summary: 'The approvals queue (mine=true) or one deal’s approval history',
        querystring: ApprovalListQuery,
        response: { 200: pageOf(Approval, 'ApprovalPage'), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { limit, cursor, sort, mine, status, opportunityId } = request.query;
      return listApprovalsPage(
        ctx,
        requirePrincipal(request),
        {
          mine: mine === 'true',
          ...(status ? { status } : {}),
          ...(opportunityId ? { opportunityId } : {}),
        },
        { limit, cursor, sort },
      );
    },
  );

  app.get(
    '/approvals/:id',
    {
      schema: {
        tags,
        operationId: 'getApproval',
        summary: 'One approval request',
        params: IdParams,
        response: { 200: Approval, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getApproval(ctx, requirePrincipal(request), request.params.id),
  );

  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post(
      `/approvals/:id/${verb}`,
      {
        schema: {
          tags,
          operationId: `${verb}Approval`,
          summary: approve
            ? 'Approve: the waiting move completes'
            : 'Reject, with a comment for the rep',
          params: IdParams,
          body: ApprovalDecision,
          response: { 200: DecisionResult, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        decideApproval(ctx, requirePrincipal(request), request.params.id, {
          ...request.body,
          approve,
        }),
    );
  }

  app.post(
    '/approvals/:id/cancel',
    {
      schema: {
        tags,
        operationId: 'cancelApproval',
        summary: 'Withdraw a pending request',
        params: IdParams,
        body: ApprovalDecision.pick({ version: true }),
        response: { 200: Approval, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      cancelApproval(ctx, requirePrincipal(request), request.params.id, request.body.version),
  );
}
