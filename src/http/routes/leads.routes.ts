import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { requestFingerprint, runIdempotent } from '../../app/idempotency.service.js';
import { convertLead, getLeadConversion } from '../../app/lead-conversion.service.js';
import { getLeadScore, getLeadScoring, putLeadScoring } from '../../app/lead-scoring.service.js';
import type { StoredLeadScore } from '../../app/lead-scoring.service.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import { describeContribution } from '../../i18n/lead-score.js';
import { IdempotencyHeaders } from '../crud.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  LeadConversion,
  LeadConversionRequest,
  LeadScoreExplanation,
  LeadScoring,
  LeadScoringSaved,
  LeadScoringUpdate,
} from '../schemas/leads.schema.js';

const tags = ['Leads'];

/** The stored score with each contribution put in words, in the caller's language. */
const explained = (leadId: string, score: StoredLeadScore, locale: Locale) => ({
  leadId,
  score: score.score,
  total: score.total,
  scoredAt: score.scoredAt,
  contributions: score.contributions.map((c) => ({
    ...c,
    explanation: describeContribution(c, locale),
  })),
});

/** Qualification beyond CRUD: converting a lead, its score and the tenant's scoring rules. */
export function leadRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/leads/:id/convert',
    {
      schema: {
        tags,
        operationId: 'convertLead',
        summary: 'Convert a lead into an account, contact and opportunity',
        description:
          'Creates or links the account, contact and opportunity in one transaction (or converts into an existing open opportunity with `opportunityId`) and marks the lead converted. Retry with the same `Idempotency-Key` to get the first answer again; converting a converted lead otherwise answers 409 `lead_converted` with `conversion`.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: LeadConversionRequest,
        response: { 200: LeadConversion, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const convert = async () => ({
        status: 200,
        body: await convertLead(ctx, principal, request.params.id, request.body),
      });
      const key = (request.headers as z.output<typeof IdempotencyHeaders>)['idempotency-key'];
      if (key === undefined) return (await convert()).body;
      const fingerprint = requestFingerprint(request.method, request.url, request.body);
      const result = await runIdempotent(ctx, principal, key, fingerprint, convert);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      // The stored answer is the 200 of the first conversion, replayed as it was.
      return reply.code(200).send(result.body as z.output<typeof LeadConversion>);
    },
  );

  app.get(
    '/leads/:id/conversion',
    {
      schema: {
        tags,
        operationId: 'getLeadConversion',
        summary: 'What a converted lead became',
        params: IdParams,
        response: { 200: LeadConversion, ...problems(400, 401, 404) },
      },
    },
    async (request) => getLeadConversion(ctx, requirePrincipal(request), request.params.id),
  );

  app.get(
    '/leads/:id/score',
    {
      schema: {
        tags,
        operationId: 'getLeadScore',
        summary: 'A lead’s score and why: each rule that contributed, with its points',
        params: IdParams,
        response: { 200: LeadScoreExplanation, ...problems(400, 401, 404) },
      },
    },
    async (request) =>
      explained(
        request.params.id,
        await getLeadScore(ctx, requirePrincipal(request), request.params.id),
        request.locale,
      ),
  );

  app.get(
    '/lead-scoring',
    {
      schema: {
        tags,
        operationId: 'getLeadScoring',
        summary: 'The tenant’s lead-scoring rules (the defaults until saved)',
        response: { 200: LeadScoring, ...problems(401) },
      },
    },
    async (request) => getLeadScoring(ctx, requirePrincipal(request)),
  );

  app.put(
    '/lead-scoring',
    {
      schema: {
        tags,
        operationId: 'putLeadScoring',
        summary: 'Replace the lead-scoring rules and re-score every lead',
        body: LeadScoringUpdate,
        response: { 200: LeadScoringSaved, ...problems(400, 401, 403, 409) },
      },
    },
    async (request) => putLeadScoring(ctx, requirePrincipal(request), request.body),
  );
}
