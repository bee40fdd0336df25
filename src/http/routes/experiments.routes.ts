import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  createExperiment,
  experiments,
  getExperiment,
  removeExperiment,
  startExperiment,
  stopExperiment,
  updateExperiment,
} from '../../app/experiments/experiments.service.js';
import {
  experimentAssignments,
  experimentReport,
  recordVariants,
} from '../../app/experiments/report.service.js';
import type {
  Experiment as ExperimentRecord,
  PopulationFilter,
} from '../../domain/experiments/experiment.js';
import type { Comparison } from '../../domain/experiments/report.js';
import type { ProportionTest } from '../../domain/experiments/statistics.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  AssignmentListQuery,
  AssignmentPage,
  Experiment,
  ExperimentCreate,
  ExperimentListQuery,
  ExperimentPage,
  ExperimentPatch,
  ExperimentReport,
  ExperimentStarted,
  ExperimentVersion,
  RecordVariant,
} from '../schemas/experiments.schema.js';

const tags = ['Experiments'];

/** The API's filter leaves out what it does not restrict; the design names every field. */
const filterOf = (filter: Partial<Record<keyof PopulationFilter, string | null>> = {}) => ({
  pipelineId: filter.pipelineId ?? null,
  stageId: filter.stageId ?? null,
  teamId: filter.teamId ?? null,
  source: filter.source ?? null,
});

const out = ({ tenantId: _tenant, variants, ...experiment }: ExperimentRecord) => ({
  ...experiment,
  variants: variants.map((variant) => ({ ...variant })),
});

/** The interval as a plain array (the response schema's shape). */
const withInterval = (comparison: Comparison<ProportionTest>) => ({
  variantKey: comparison.variantKey,
  test: comparison.test && { ...comparison.test, ci95: [...comparison.test.ci95] },
});

/** A/B experiments (docs/experiments.md): design, start/stop, assignments and the report. */
export function experimentRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/experiments',
    {
      schema: {
        tags,
        operationId: 'listExperiments',
        summary: 'The tenant’s experiments, newest first (admins and managers)',
        querystring: ExperimentListQuery,
        response: { 200: ExperimentPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await experiments(ctx, requirePrincipal(request), {
        status: request.query.status ?? null,
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor ?? null,
      });
      return { items: page.items.map(out), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/experiments',
    {
      schema: {
        tags,
        operationId: 'createExperiment',
        summary: 'Design an A/B experiment on a script, template or cadence (as a draft)',
        body: ExperimentCreate,
        response: { 201: Experiment, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const { filter, ...design } = request.body;
      const experiment = await createExperiment(ctx, requirePrincipal(request), {
        ...design,
        filter: filterOf(filter),
      });
      return reply.code(201).send(out(experiment));
    },
  );

  app.get(
    '/experiments/:id',
    {
      schema: {
        tags,
        operationId: 'getExperiment',
        summary: 'One experiment',
        params: IdParams,
        response: { 200: Experiment, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => out(await getExperiment(ctx, requirePrincipal(request), request.params.id)),
  );

  app.patch(
    '/experiments/:id',
    {
      schema: {
        tags,
        operationId: 'updateExperiment',
        summary: 'Edit a draft, or rename a running or stopped experiment',
        params: IdParams,
        body: ExperimentPatch,
        response: { 200: Experiment, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { filter, ...patch } = request.body;
      const experiment = await updateExperiment(ctx, requirePrincipal(request), request.params.id, {
        ...patch,
        ...(filter ? { filter: filterOf(filter) } : {}),
      });
      return out(experiment);
    },
  );

  app.delete(
    '/experiments/:id',
    {
      schema: {
        tags,
        operationId: 'deleteExperiment',
        summary: 'Delete a draft or stopped experiment with its assignments',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeExperiment(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/experiments/:id/start',
    {
      schema: {
        tags,
        operationId: 'startExperiment',
        summary: 'Start a draft: assigns the open matching records, then every new one',
        description:
          '409 `experiment_overlap` when another experiment already runs on the same subject kind and population.',
        params: IdParams,
        body: ExperimentVersion,
        response: { 200: ExperimentStarted, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const started = await startExperiment(
        ctx,
        requirePrincipal(request),
        request.params.id,
        request.body.version,
      );
      return { experiment: out(started.experiment), assigned: started.assigned };
    },
  );

  app.post(
    '/experiments/:id/stop',
    {
      schema: {
        tags,
        operationId: 'stopExperiment',
        summary: 'Stop a running experiment: no new assignments, variants no longer applied',
        params: IdParams,
        body: ExperimentVersion,
        response: { 200: Experiment, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      out(
        await stopExperiment(
          ctx,
          requirePrincipal(request),
          request.params.id,
          request.body.version,
        ),
      ),
  );

  app.get(
    '/experiments/:id/assignments',
    {
      schema: {
        tags,
        operationId: 'listExperimentAssignments',
        summary: 'Which variant each record got',
        params: IdParams,
        querystring: AssignmentListQuery,
        response: { 200: AssignmentPage, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      experimentAssignments(ctx, requirePrincipal(request), request.params.id, {
        variantKey: request.query.variant ?? null,
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor ?? null,
      }),
  );

  app.get(
    '/experiments/:id/report',
    {
      schema: {
        tags,
        operationId: 'getExperimentReport',
        summary: 'Per variant and stage: conversion and time, with significance tests',
        params: IdParams,
        response: { 200: ExperimentReport, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const report = await experimentReport(ctx, requirePrincipal(request), request.params.id);
      return {
        ...report,
        variants: [...report.variants],
        winRate: report.winRate.map(withInterval),
        timeToClose: [...report.timeToClose],
        stages: report.stages.map((stage) => ({
          ...stage,
          variants: [...stage.variants],
          conversion: stage.conversion.map(withInterval),
          timeInStage: [...stage.timeInStage],
        })),
      };
    },
  );

  for (const population of ['opportunities', 'leads'] as const) {
    app.get(
      `/${population}/:id/experiment-variants`,
      {
        schema: {
          tags,
          operationId:
            population === 'opportunities' ? 'getOpportunityVariants' : 'getLeadVariants',
          summary: 'The script, template or cadence the record’s running experiments give it',
          params: IdParams,
          response: { 200: RecordVariant.array(), ...problems(400, 401, 404) },
        },
      },
      async (request) =>
        recordVariants(ctx, requirePrincipal(request), population, request.params.id),
    );
  }
}
