import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  cancelApproval,
  decideApproval,
  getApproval,
  listApprovalsPage,
} from '../../app/approvals.service.js';
import { getApprovalPolicy, putApprovalPolicy } from '../../app/approval-policy.service.js';
import type { AppContext } from '../../app/context.js';
import {
  deleteMyDelegation,
  getMyDelegation,
  putMyDelegation,
} from '../../app/delegations.service.js';
import { requirePrincipal } from '../request-context.js';
import {
  ApprovalPolicyUpdate,
  DelegationUpdate,
  MyDelegation,
  StoredApprovalPolicy,
} from '../schemas/approvals.schema.js';
import { IdParams, NoContent, pageOf, problems } from '../schemas/common.js';
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
      const { limit, cursor, sort, mine, status, kind, opportunityId } = request.query;
      return listApprovalsPage(
        ctx,
        requirePrincipal(request),
        {
          mine: mine === 'true',
          ...(status ? { status } : {}),
          ...(kind ? { kind } : {}),
          ...(opportunityId ? { opportunityId } : {}),
        },
        { limit, cursor, sort },
      );
    },
  );

  app.get(
    '/approvals/policy',
    {
      schema: {
        tags,
        operationId: 'getApprovalPolicy',
        summary: 'The tenant’s approval chains and discount threshold',
        response: { 200: StoredApprovalPolicy, ...problems(401) },
      },
    },
    async (request) => getApprovalPolicy(ctx, requirePrincipal(request)),
  );

  app.put(
    '/approvals/policy',
    {
      schema: {
        tags,
        operationId: 'putApprovalPolicy',
        summary: 'Replace the approval policy (admins)',
        body: ApprovalPolicyUpdate,
        response: { 200: StoredApprovalPolicy, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request) => putApprovalPolicy(ctx, requirePrincipal(request), request.body),
  );

  app.get(
    '/approvals/delegation',
    {
      schema: {
        tags,
        operationId: 'getMyDelegation',
        summary: 'Who decides my approval steps while I am on leave',
        response: { 200: MyDelegation, ...problems(401, 403) },
      },
    },
    async (request) => {
      const delegation = await getMyDelegation(ctx, requirePrincipal(request));
      return { delegation, version: delegation?.version ?? 0 };
    },
  );

  app.put(
    '/approvals/delegation',
    {
      schema: {
        tags,
        operationId: 'putMyDelegation',
        summary: 'Set my stand-in and the period of my leave',
        body: DelegationUpdate,
        response: { 200: MyDelegation, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request) => {
      const delegation = await putMyDelegation(ctx, requirePrincipal(request), request.body);
      return { delegation, version: delegation.version };
    },
  );

  app.delete(
    '/approvals/delegation',
    {
      schema: {
        tags,
        operationId: 'deleteMyDelegation',
        summary: 'End my delegation (back from leave)',
        response: { 204: NoContent, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteMyDelegation(ctx, requirePrincipal(request));
      return reply.code(204).send();
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
