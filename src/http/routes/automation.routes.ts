import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';
import {
  automationRule,
  automationRules,
  automationRuns,
  automationTemplates,
  createAutomationRule,
  deleteAutomationRule,
  dryRunRule,
  updateAutomationRule,
} from '../../app/automation/rules.service.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, NoContent, problems } from '../schemas/common.js';
import {
  AutomationDryRun,
  AutomationDryRunResult,
  AutomationRule,
  AutomationRuleCreate,
  AutomationRuleReplace,
  AutomationRuleTemplate,
  AutomationRuleToggle,
  AutomationRunPage,
  AutomationRunQuery,
  AutomationTemplateQuery,
} from '../schemas/automation.schema.js';

const tags = ['Automation'];

/**
 * Automation rules, for admins: the rules (optimistic versioning), switching them on and
 * off, the shipped templates, the dry run and the log of every run.
 */
export function automationRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/automation/rules',
    {
      schema: {
        tags,
        operationId: 'listAutomationRules',
        summary: 'The tenant’s automation rules, by name',
        response: { 200: AutomationRule.array(), ...problems(401, 403) },
      },
    },
    async (request) => automationRules(ctx, requirePrincipal(request)),
  );

  app.post(
    '/automation/rules',
    {
      schema: {
        tags,
        operationId: 'createAutomationRule',
        summary: 'Add a rule: a trigger, conditions (all must hold) and actions',
        body: AutomationRuleCreate,
        response: { 201: AutomationRule, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createAutomationRule(ctx, requirePrincipal(request), request.body)),
  );

  app.get(
    '/automation/rule-templates',
    {
      schema: {
        tags,
        operationId: 'listAutomationRuleTemplates',
        summary: 'The shipped example rules, built for a pipeline’s stages (save one to use it)',
        querystring: AutomationTemplateQuery,
        response: { 200: AutomationRuleTemplate.array(), ...problems(400, 401, 403, 422) },
      },
    },
    async (request) =>
      automationTemplates(ctx, requirePrincipal(request), request.query.pipelineId),
  );

  app.post(
    '/automation/rules/dry-run',
    {
      schema: {
        tags,
        operationId: 'dryRunAutomationRule',
        summary:
          'Which conditions a rule matches on a deal or a lead and which actions would run; writes nothing',
        body: AutomationDryRun,
        response: { 200: AutomationDryRunResult, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => dryRunRule(ctx, requirePrincipal(request), request.body),
  );

  app.get(
    '/automation/runs',
    {
      schema: {
        tags,
        operationId: 'listAutomationRuns',
        summary: 'Every execution with its outcome, newest first',
        querystring: AutomationRunQuery,
        response: { 200: AutomationRunPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return automationRuns(ctx, requirePrincipal(request), filter, {
        limit: limit ?? 50,
        cursor: cursor ?? null,
      });
    },
  );

  app.get(
    '/automation/rules/:id',
    {
      schema: {
        tags,
        operationId: 'getAutomationRule',
        summary: 'One rule',
        params: IdParams,
        response: { 200: AutomationRule, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => automationRule(ctx, requirePrincipal(request), request.params.id),
  );

  app.put(
    '/automation/rules/:id',
    {
      schema: {
        tags,
        operationId: 'replaceAutomationRule',
        summary: 'Replace a rule (the version you edited, and the whole rule)',
        params: IdParams,
        body: AutomationRuleReplace,
        response: { 200: AutomationRule, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updateAutomationRule(ctx, requirePrincipal(request), request.params.id, {
        version: request.body.version,
        ...request.body.rule,
      }),
  );

  app.patch(
    '/automation/rules/:id',
    {
      schema: {
        tags,
        operationId: 'toggleAutomationRule',
        summary: 'Switch a rule on or off',
        params: IdParams,
        body: AutomationRuleToggle,
        response: { 200: AutomationRule, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateAutomationRule(ctx, requirePrincipal(request), request.params.id, request.body),
  );

  app.delete(
    '/automation/rules/:id',
    {
      schema: {
        tags,
        operationId: 'deleteAutomationRule',
        summary: 'Delete a rule (its runs stay in the log)',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteAutomationRule(ctx, requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
