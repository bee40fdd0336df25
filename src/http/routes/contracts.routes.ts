import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  contracts,
  createContractFromDeal,
  endContract,
  getContract,
  replacePaymentPlan,
  updateContractTerms,
} from '../../app/contracts/contracts.service.js';
import { createOrder, moveOrder } from '../../app/contracts/orders.service.js';
import { recogniseRevenue } from '../../app/contracts/recognitions.service.js';
import { reconcileContract } from '../../app/contracts/reconciliation.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  ContractCreate,
  ContractDetail,
  ContractListQuery,
  ContractPage,
  ContractPatch,
  ContractVersion,
  Order,
  OrderCreate,
  OrderMove,
  PaymentPlanReplace,
  Recognition,
  RecognitionCreate,
  Reconciliation,
} from '../schemas/contracts.schema.js';

const tags = ['Contracts'];

/** Contracts from won deals, their orders (O2D), payment plans and recognition (确收). */
export function contractRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/opportunities/:id/contract',
    {
      schema: {
        tags,
        operationId: 'createContract',
        summary: 'Create the contract of a won deal, with its payment plan',
        description:
          'Lines come from the accepted quote (net of tax), else the deal’s product lines, else one line of the deal amount. 422 `contract_requires_won_deal` for an open or lost deal, 409 `contract_exists` for a second contract, 422 `payment_plan_invalid` when the plan does not add up to the amount.',
        params: IdParams,
        body: ContractCreate,
        response: { 201: ContractDetail, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const contract = await createContractFromDeal(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.body,
      );
      return reply.code(201).send(contract);
    },
  );

  app.get(
    '/contracts',
    {
      schema: {
        tags,
        operationId: 'listContracts',
        summary: 'Contracts you can see (by the deal’s visibility)',
        querystring: ContractListQuery,
        response: { 200: ContractPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, sort, ...filter } = request.query;
      return contracts(ctx, requirePrincipal(request), filter, {
        ...(limit ? { limit } : {}),
        ...(cursor ? { cursor } : {}),
        ...(sort ? { sort } : {}),
      });
    },
  );

  app.get(
    '/contracts/:id',
    {
      schema: {
        tags,
        operationId: 'getContract',
        summary: 'A contract with its lines, payment plan, orders and recognitions',
        params: IdParams,
        response: { 200: ContractDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getContract(ctx, requirePrincipal(request), request.params.id),
  );

  app.patch(
    '/contracts/:id',
    {
      schema: {
        tags,
        operationId: 'updateContract',
        summary: 'Edit the contract’s term, signing day or notes (versioned)',
        params: IdParams,
        body: ContractPatch,
        response: { 200: ContractDetail, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updateContractTerms(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  for (const [path, status, operationId, summary] of [
    ['complete', 'completed', 'completeContract', 'Mark an active contract fulfilled'],
    ['terminate', 'terminated', 'terminateContract', 'End an active contract early'],
  ] as const) {
    app.post(
      `/contracts/:id/${path}`,
      {
        schema: {
          tags,
          operationId,
          summary,
          params: IdParams,
          body: ContractVersion,
          response: { 200: ContractDetail, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        endContract(ctx, requirePrincipal(request), request.params.id, {
          version: request.body.version,
          status,
        }),
    );
  }

  app.put(
    '/contracts/:id/payment-plan',
    {
      schema: {
        tags,
        operationId: 'replacePaymentPlan',
        summary: 'Replace the payment plan while nothing is collected on it',
        description:
          '422 `payment_plan_invalid` when the installments do not add up to the contract amount; 409 `payment_plan_locked` once money was allocated to an installment.',
        params: IdParams,
        body: PaymentPlanReplace,
        response: { 200: ContractDetail, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      replacePaymentPlan(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/contracts/:id/orders',
    {
      schema: {
        tags,
        operationId: 'createOrder',
        summary: 'Add an order (delivery) to an active contract',
        params: IdParams,
        body: OrderCreate,
        response: { 201: Order, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createOrder(ctx, requirePrincipal(request), request.params.id, request.body)),
  );

  app.post(
    '/orders/:id/status',
    {
      schema: {
        tags,
        operationId: 'moveOrder',
        summary: 'Move an order: pending → in_delivery → delivered → accepted, or cancelled',
        description:
          'The contract’s delivery status is derived and stored in the same transaction. 409 `order_state` for a move the order cannot make.',
        params: IdParams,
        body: OrderMove,
        response: { 200: Order, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => moveOrder(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/contracts/:id/recognitions',
    {
      schema: {
        tags,
        operationId: 'recogniseRevenue',
        summary: 'Recognise revenue (确收) on a contract',
        description:
          '422 `recognition_exceeds_amount` when the total would pass the contract amount.',
        params: IdParams,
        body: RecognitionCreate,
        response: { 201: Recognition, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recogniseRevenue(ctx, requirePrincipal(request), request.params.id, request.body),
        ),
  );

  app.get(
    '/contracts/:id/reconciliation',
    {
      schema: {
        tags,
        operationId: 'reconcileContract',
        summary: 'Planned vs collected per installment, its allocations, unapplied receipts',
        params: IdParams,
        response: { 200: Reconciliation, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => reconcileContract(ctx, requirePrincipal(request), request.params.id),
  );
}
