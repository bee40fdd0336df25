import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import { mergeDuplicatePair } from '../../app/duplicates/merge.service.js';
import {
  dismissDuplicatePair,
  getDuplicatePair,
  listDuplicatePairs,
} from '../../app/duplicates/queue.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import {
  DismissDuplicateInput,
  DuplicateListQuery,
  DuplicatePair,
  DuplicatePairPage,
  MergeDuplicateInput,
  MergeFieldList,
  mergeFieldList,
} from '../schemas/duplicates.schema.js';

const tags = ['Duplicates'];

/** The review queue of possible duplicates among leads, accounts and contacts. */
export function duplicateRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/duplicates',
    {
      schema: {
        tags,
        operationId: 'listDuplicates',
        summary: 'Possible duplicates to review, with what they share',
        description:
          'Pairs found when records are created, edited or imported (same normalised phone, e-mail, company name, credit code, web domain, or person). Only pairs whose two records you may both see; open ones unless `status` says otherwise.',
        querystring: DuplicateListQuery,
        response: { 200: DuplicatePairPage, ...problems(400, 401) },
      },
    },
    async (request) => {
      const { status, entityType, ...list } = request.query;
      return listDuplicatePairs(
        ctx,
        requirePrincipal(request),
        { ...(status ? { status } : {}), ...(entityType ? { entityType } : {}) },
        list,
      );
    },
  );

  app.get(
    '/duplicates/merge-fields',
    {
      schema: {
        tags,
        operationId: 'listMergeFields',
        summary: 'The fields a merge lets you choose between, per kind of record',
        response: { 200: MergeFieldList, ...problems(401) },
      },
    },
    (request) => {
      requirePrincipal(request);
      return Promise.resolve(mergeFieldList);
    },
  );

  app.get(
    '/duplicates/:id',
    {
      schema: {
        tags,
        operationId: 'getDuplicate',
        summary: 'One pair of possible duplicates',
        params: IdParams,
        response: { 200: DuplicatePair, ...problems(400, 401, 404) },
      },
    },
    async (request) => getDuplicatePair(ctx, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/duplicates/:id/dismiss',
    {
      schema: {
        tags,
        operationId: 'dismissDuplicate',
        summary: 'Not a duplicate: close the pair so it is not raised again',
        params: IdParams,
        body: DismissDuplicateInput,
        response: { 200: DuplicatePair, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      dismissDuplicatePair(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/duplicates/:id/merge',
    {
      schema: {
        tags,
        operationId: 'mergeDuplicate',
        summary: 'Merge the pair: one record remains with the history of both',
        description:
          'In one transaction: the survivor takes the chosen field values; activities, tasks, contacts, opportunities, child accounts, ownership history and import keys move to it; the other record goes to the trash pointing at it (GET answers 410 record_merged with mergedInto). Retrying a merge that went through answers the merged pair again.',
        params: IdParams,
        body: MergeDuplicateInput,
        response: { 200: DuplicatePair, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      mergeDuplicatePair(ctx, requirePrincipal(request), request.params.id, request.body),
  );
}
