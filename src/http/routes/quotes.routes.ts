import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import {
  acceptQuote,
  expireQuote,
  rejectQuote,
  sendQuote,
} from '../../app/quotes/quote-lifecycle.service.js';
import { printQuote } from '../../app/quotes/quote-print.js';
import {
  createQuote,
  getQuote,
  listDealQuotes,
  previewQuote,
  reviseQuote,
  updateQuote,
} from '../../app/quotes/quotes.service.js';
import { locales } from '../../domain/tenancy/tenant.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  Quote,
  QuoteCreate,
  QuoteList,
  QuotePatch,
  QuotePreview,
  QuotePreviewRequest,
  QuoteVersionBody,
} from '../schemas/quotes.schema.js';

/** Quotes of an opportunity: drafting, revisions, sending, the customer's answer, printing. */
export function quoteRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Quotes'];

  app.get(
    '/opportunities/:id/quotes',
    {
      schema: {
        tags,
        operationId: 'listDealQuotes',
        summary: 'Every quote and revision of an opportunity, newest first',
        params: IdParams,
        response: { 200: QuoteList, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      items: await listDealQuotes(ctx, requirePrincipal(request), request.params.id),
    }),
  );

  app.post(
    '/opportunities/:id/quotes',
    {
      schema: {
        tags,
        operationId: 'createQuote',
        summary: 'Draft a new quote (revision 1) for an open opportunity',
        description:
          'Catalogue lines are priced through `priceBookId` (volume tiers included); free lines carry their own price. Totals follow ADR 0025. 409 `opportunity_closed` on a closed deal.',
        params: IdParams,
        body: QuoteCreate,
        response: { 201: Quote, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const quote = await createQuote(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.body,
      );
      return reply.code(201).send(quote);
    },
  );

  app.post(
    '/quotes/preview',
    {
      schema: {
        tags,
        operationId: 'previewQuote',
        summary: 'Price quote lines without saving (the editor’s live totals)',
        body: QuotePreviewRequest,
        response: { 200: QuotePreview, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const preview = await previewQuote(ctx, requirePrincipal(request), request.body);
      return {
        ...preview,
        lines: preview.lines.map(({ id: _id, ...line }) => line),
      };
    },
  );

  app.get(
    '/quotes/:id',
    {
      schema: {
        tags,
        operationId: 'getQuote',
        summary: 'One quote revision with its lines',
        params: IdParams,
        response: { 200: Quote, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getQuote(ctx, requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/quotes/:id',
    {
      schema: {
        tags,
        operationId: 'updateQuote',
        summary: 'Edit a draft quote (lines are re-priced)',
        description:
          'Only drafts can be edited (409 `quote_status`); revise a sent quote instead. Without `lines` the stored lines keep their prices and only the overall discount, validity and notes change.',
        params: IdParams,
        body: QuotePatch,
        response: { 200: Quote, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => updateQuote(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  const actions = [
    {
      path: 'revise',
      operationId: 'reviseQuote',
      summary: 'Start the next revision (a draft copy); the old one is superseded unless accepted',
      run: reviseQuote,
      status: 201 as const,
    },
    {
      path: 'send',
      operationId: 'sendQuote',
      summary:
        'Send the quote; a discount above the tenant threshold first goes to approval (status pending_approval)',
      run: sendQuote,
      status: 200 as const,
    },
    {
      path: 'accept',
      operationId: 'acceptQuote',
      summary:
        'The customer accepted: the opportunity amount becomes the quote total excluding tax (one accepted quote per opportunity)',
      run: acceptQuote,
      status: 200 as const,
    },
    {
      path: 'reject',
      operationId: 'rejectQuote',
      summary: 'The customer declined the quote',
      run: rejectQuote,
      status: 200 as const,
    },
    {
      path: 'expire',
      operationId: 'expireQuote',
      summary: 'Mark a quote past its validity date as expired',
      run: expireQuote,
      status: 200 as const,
    },
  ];
  for (const action of actions) {
    app.post(
      `/quotes/:id/${action.path}`,
      {
        schema: {
          tags,
          operationId: action.operationId,
          summary: action.summary,
          params: IdParams,
          body: QuoteVersionBody,
          response: {
            [action.status]: Quote,
            ...problems(400, 401, 403, 404, 409, 422),
          },
        },
      },
      async (request, reply) => {
        const quote = await action.run(
          ctx,
          requirePrincipal(request),
          request.params.id,
          request.body.version,
        );
        return reply.code(action.status).send(quote);
      },
    );
  }

  // HTML, so registered without the type provider: no serializer touches the page.
  fastify.get(
    '/quotes/:id/print',
    {
      schema: {
        tags,
        operationId: 'printQuote',
        summary: 'The quote as a self-contained printable HTML page',
        description:
          'In the tenant’s language unless `locale` says otherwise; print it (or save as PDF) from the browser.',
        params: IdParams,
        querystring: z.strictObject({ locale: z.enum(locales).optional() }),
        response: {
          200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { locale } = request.query as { locale?: (typeof locales)[number] };
      const html = await printQuote(ctx, requirePrincipal(request), id, locale);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
}
