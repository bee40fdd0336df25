import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import {
  allocateReceipt,
  getReceipt,
  postReceipt,
  receipts,
  reverseAllocation,
  voidReceipt,
} from '../../app/contracts/receipts.service.js';
import { requestFingerprint, runIdempotent } from '../../app/idempotency.service.js';
import { IdempotencyHeaders } from '../crud.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  AllocationCreate,
  ReceiptCreate,
  ReceiptDetail,
  ReceiptListQuery,
  ReceiptPage,
} from '../schemas/contracts.schema.js';

const tags = ['Receipts'];

/** Receipts (回款) and their allocation to installments (核销). */
export function receiptRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/receipts',
    {
      schema: {
        tags,
        operationId: 'postReceipt',
        summary: 'Record money received, optionally applied to the oldest open installments',
        description:
          'Idempotent twice over: the bank `reference` (the same facts answer the first receipt with 200; other facts 409 `receipt_duplicate`) and the `Idempotency-Key` header. The currency must be the contract’s (422 `currency_mismatch`).',
        headers: IdempotencyHeaders,
        body: ReceiptCreate,
        response: {
          200: ReceiptDetail,
          201: ReceiptDetail,
          ...problems(400, 401, 403, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const post = async () => {
        const result = await postReceipt(ctx, principal, request.body);
        return { status: result.created ? 201 : 200, body: result.receipt };
      };
      const key = (request.headers as z.output<typeof IdempotencyHeaders>)['idempotency-key'];
      if (key === undefined) {
        const result = await post();
        return reply.code(result.status as 200 | 201).send(result.body);
      }
      const fingerprint = requestFingerprint(request.method, request.url, request.body);
      const result = await runIdempotent(ctx, principal, key, fingerprint, post);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .code(result.status as 200 | 201)
        .send(result.body as z.output<typeof ReceiptDetail>);
    },
  );

  app.get(
    '/receipts',
    {
      schema: {
        tags,
        operationId: 'listReceipts',
        summary: 'Receipts, newest first; filter by account, contract, status, unapplied money',
        querystring: ReceiptListQuery,
        response: { 200: ReceiptPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, sort, unapplied, ...filter } = request.query;
      return receipts(
        ctx,
        requirePrincipal(request),
        { ...filter, unappliedOnly: unapplied === 'true' },
        {
          ...(limit ? { limit } : {}),
          ...(cursor ? { cursor } : {}),
          ...(sort ? { sort } : {}),
        },
      );
    },
  );

  app.get(
    '/receipts/:id',
    {
      schema: {
        tags,
        operationId: 'getReceipt',
        summary: 'A receipt with its allocations (reversed ones included)',
        params: IdParams,
        response: { 200: ReceiptDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getReceipt(ctx, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/receipts/:id/allocations',
    {
      schema: {
        tags,
        operationId: 'allocateReceipt',
        summary: 'Apply parts of a receipt to installments (核销), all or nothing',
        description:
          'Partial payments, one receipt across several installments, and over-payment (what is not allocated stays unapplied on the receipt). 409 `allocation_conflict` when the receipt’s unapplied money or an installment’s open amount does not allow it — also when a concurrent allocation took it first.',
        params: IdParams,
        body: AllocationCreate,
        response: { 200: ReceiptDetail, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      allocateReceipt(ctx, requirePrincipal(request), request.params.id, request.body.allocations),
  );

  app.post(
    '/receipt-allocations/:id/reverse',
    {
      schema: {
        tags,
        operationId: 'reverseAllocation',
        summary: 'Undo an allocation (核销撤销): the money returns to the receipt',
        params: IdParams,
        response: { 200: ReceiptDetail, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reverseAllocation(ctx, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/receipts/:id/void',
    {
      schema: {
        tags,
        operationId: 'voidReceipt',
        summary: 'Void a receipt entered by mistake (only with no active allocation)',
        params: IdParams,
        response: { 200: ReceiptDetail, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => voidReceipt(ctx, requirePrincipal(request), request.params.id),
  );
}
