import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { evaluateOpportunity, evaluationHistory } from '../../app/evaluations.service.js';
import { opportunityGuidance } from '../../app/guidance.service.js';
import { doneItems, markDone, undoDone } from '../../app/playbook.service.js';
import { closeOpportunity, moveOpportunity, stageHistory } from '../../app/stage-moves.service.js';
import type { MoveOutcome } from '../../app/stage-moves.service.js';
import type { FieldIssue } from '../../domain/errors.js';
import { translateIssue } from '../../i18n/issues.js';
import { listOpportunityReviews } from '../../app/reviews.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  CloseInput,
  DoneItem,
  DoneItemCreate,
  DoneItemParams,
  EvaluationCreate,
  Evaluation,
  EvaluationHistory,
  Guidance,
  PendingApproval,
  Review,
  StageMove,
} from '../schemas/engine.schema.js';
import { Opportunity, StageHistory } from '../schemas/opportunity.schema.js';

const moveResponses = {
  200: Opportunity.describe('Moved'),
  202: PendingApproval,
  ...problems(400, 401, 403, 404, 409, 422),
};

/** The pipeline engine as seen from one deal: moves, closing, guidance, playbook, scores. */
export function engineRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Opportunities'];
  const send = (outcome: MoveOutcome) =>
    outcome.status === 'moved' ? ([200, outcome.opportunity] as const) : ([202, outcome] as const);

  app.post(
    '/opportunities/:id/move',
    {
      schema: {
        tags,
        operationId: 'moveOpportunity',
        summary: 'Move an opportunity to another stage (gated)',
        description:
          'Checks the standards (gates) of the stages left, skipped and entered. Refused: 422 gate_failed listing every unmet criterion. Into a stage that needs sign-off: 202 with the approval request; the move completes when it is approved. Closing as lost needs a review; moving back or reopening needs a reason.',
        params: IdParams,
        body: StageMove,
        response: moveResponses,
      },
    },
    async (request, reply) => {
      const [status, body] = send(
        await moveOpportunity(ctx, requirePrincipal(request), request.params.id, request.body),
      );
      return reply.code(status).send(body);
    },
  );

  app.post(
    '/opportunities/:id/close',
    {
      schema: {
        tags,
        operationId: 'closeOpportunity',
        summary: 'Close as won or lost, with the review',
        params: IdParams,
        body: CloseInput,
        response: moveResponses,
      },
    },
    async (request, reply) => {
      const [status, body] = send(
        await closeOpportunity(ctx, requirePrincipal(request), request.params.id, request.body),
      );
      return reply.code(status).send(body);
    },
  );

  app.get(
    '/opportunities/:id/history',
    {
      schema: {
        tags,
        operationId: 'getOpportunityStageHistory',
        summary: 'Every stage the opportunity has been in, oldest first',
        params: IdParams,
        response: { 200: StageHistory, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      items: await stageHistory(ctx, requirePrincipal(request), request.params.id),
    }),
  );

  app.get(
    '/opportunities/:id/reviews',
    {
      schema: {
        tags,
        operationId: 'listOpportunityReviews',
        summary: 'The win/loss reviews written when the deal closed',
        params: IdParams,
        response: { 200: Review.array(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listOpportunityReviews(ctx, requirePrincipal(request), request.params.id),
  );

  app.get(
    '/opportunities/:id/guidance',
    {
      schema: {
        tags,
        operationId: 'getOpportunityGuidance',
        summary: 'What to do now: stage guidance, key actions, materials, the next gate',
        params: IdParams,
        response: { 200: Guidance, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const guidance = await opportunityGuidance(ctx, requirePrincipal(request), request.params.id);
      // The gate's texts are written in both languages; the answer carries the reader's.
      const local = (issues: readonly FieldIssue[]) =>
        issues.map((issue) => ({ ...issue, message: translateIssue(issue, request.locale) }));
      return {
        ...guidance,
        next: guidance.next && { ...guidance.next, unmet: local(guidance.next.unmet) },
        completeness: {
          ...guidance.completeness,
          missingText: local(guidance.completeness.missingText),
        },
      };
    },
  );

  app.get(
    '/opportunities/:id/playbook',
    {
      schema: {
        tags,
        operationId: 'listOpportunityPlaybook',
        summary: 'Key actions done and materials used on this deal',
        params: IdParams,
        response: { 200: DoneItem.array(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => doneItems(ctx, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/opportunities/:id/playbook',
    {
      schema: {
        tags,
        operationId: 'markOpportunityPlaybookItem',
        summary: 'Tick a key action, or record a material as used, with evidence',
        params: IdParams,
        body: DoneItemCreate,
        response: { 201: DoneItem, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await markDone(ctx, requirePrincipal(request), request.params.id, request.body)),
  );

  app.delete(
    '/opportunities/:id/playbook/:kind/:key',
    {
      schema: {
        tags,
        operationId: 'undoOpportunityPlaybookItem',
        summary: 'Untick a key action or material',
        params: DoneItemParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await undoDone(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.params.kind,
        request.params.key,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/opportunities/:id/evaluations',
    {
      schema: {
        tags,
        operationId: 'listOpportunityEvaluations',
        summary: 'The scorecard and every evaluation of the deal, newest first',
        params: IdParams,
        response: { 200: EvaluationHistory, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => evaluationHistory(ctx, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/opportunities/:id/evaluations',
    {
      schema: {
        tags,
        operationId: 'evaluateOpportunity',
        summary: 'Score the deal on its pipeline’s scorecard (each dimension 0–5)',
        params: IdParams,
        body: EvaluationCreate,
        response: { 201: Evaluation, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await evaluateOpportunity(
            ctx,
            requirePrincipal(request),
            request.params.id,
            request.body,
          ),
        ),
  );
}
