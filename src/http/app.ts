import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../app/context.js';
import { checkDatabase } from '../app/health.service.js';
import { VERSION } from '../project-root.js';
import { notificationRoutes } from './routes/notifications.routes.js';
import { registerOpenApi } from './openapi.js';
import { handleError, sendProblem } from './problem.js';
import { registerRequestContext, requireSessionHook } from './request-context.js';
import { crmRoutes } from './routes/crm.routes.js';
import { duplicateRoutes } from './routes/duplicates.routes.js';
import { approvalRoutes } from './routes/approvals.routes.js';
import { attachmentRoutes } from './routes/attachments.routes.js';
import { engineRoutes } from './routes/engine.routes.js';
import { importRoutes } from './routes/imports.routes.js';
import { leadCaptureRoutes } from './routes/lead-capture.routes.js';
import { leadFormRoutes } from './routes/lead-forms.routes.js';
import { leadRoutes } from './routes/leads.routes.js';
import { stalledRoutes } from './routes/stalled.routes.js';
import { reportRoutes } from './routes/reports.routes.js';
import { winProbabilityRoutes } from './routes/win-probability.routes.js';
import { forecastRoutes } from './routes/forecast.routes.js';
import { targetRoutes } from './routes/targets.routes.js';
import { boardRoutes } from './routes/board.routes.js';
import { savedViewRoutes } from './routes/saved-views.routes.js';
import { outboxRoutes } from './routes/outbox.routes.js';
import { experimentRoutes } from './routes/experiments.routes.js';
import { lifecycleRoutes } from './routes/lifecycle.routes.js';
import { catalogRoutes } from './routes/catalog.routes.js';
import { automationRoutes } from './routes/automation.routes.js';
import { poolRoutes } from './routes/pools.routes.js';
import { settingsRoutes } from './routes/settings.routes.js';
import { opportunityRoutes } from './routes/opportunities.routes.js';
import { dealTeamRoutes } from './routes/deal-team.routes.js';
import { contractRoutes } from './routes/contracts.routes.js';
import { receiptRoutes } from './routes/receipts.routes.js';
import { quoteRoutes } from './routes/quotes.routes.js';
import { pipelineRoutes } from './routes/pipelines.routes.js';
import { pipelineFileRoutes } from './routes/pipeline-files.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { sessionRoutes } from './routes/session.routes.js';
import { HealthResponse } from './routes/system.routes.js';
import { tenancyRoutes, userAdminRoutes } from './routes/tenancy.routes.js';
import { workRoutes } from './routes/work.routes.js';
import { problems } from './schemas/common.js';
import { zodValidatorCompiler } from './validation.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerWeb } from './web.js';

export interface HttpOptions {
  readonly logger: FastifyServerOptions['logger'];
  /** Absolute URL clients reach us at, for the OpenAPI `servers` entry. */
  readonly publicUrl: string;
  /** Directory of the built web UI, or null to serve the API only. */
  readonly webRoot: string | null;
  /** Behind a reverse proxy, trust X-Forwarded-* (for Secure cookies and client IPs). */
  readonly trustProxy?: boolean;
  /** Origins allowed to call the API from a browser; empty (the default) means none. */
  readonly corsOrigins?: readonly string[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Credentials never reach the logs, even at debug level. */
const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export async function buildHttpApp(
  ctx: AppContext,
  options: HttpOptions,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger && typeof options.logger === 'object'
        ? { ...options.logger, redact: REDACTED_LOG_PATHS }
        : options.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    // Keep a caller's correlation id when it is sane; otherwise mint a time-ordered one.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
    },
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(cookie);
  await registerSecurityHeaders(app, options.corsOrigins ?? []);
  await registerOpenApi(app, options.publicUrl);
  registerRequestContext(app, ctx);

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/health',
    {
      schema: {
        tags: ['System'],
        operationId: 'getHealth',
        summary: 'Liveness and database reachability',
        security: [],
        response: { 200: HealthResponse, ...problems(500) },
      },
    },
    async () => ({ status: 'ok' as const, database: await checkDatabase(ctx), version: VERSION }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(
    (v1, _opts, done) => {
      requireSessionHook(v1);
      sessionRoutes(v1, ctx);
      auditRoutes(v1, ctx);
      tenancyRoutes(v1, ctx);
      userAdminRoutes(v1, ctx);
      crmRoutes(v1, ctx);
      pipelineRoutes(v1, ctx);
      opportunityRoutes(v1, ctx);
      dealTeamRoutes(v1, ctx);
      quoteRoutes(v1, ctx);
      engineRoutes(v1, ctx);
      stalledRoutes(v1, ctx);
      poolRoutes(v1, ctx);
      notificationRoutes(v1, ctx);
      duplicateRoutes(v1, ctx);
      leadRoutes(v1, ctx);
      leadFormRoutes(v1, ctx);
      approvalRoutes(v1, ctx);
      settingsRoutes(v1, ctx);
      workRoutes(v1, ctx);
      reportRoutes(v1, ctx);
      winProbabilityRoutes(v1, ctx);
      forecastRoutes(v1, ctx);
      targetRoutes(v1, ctx);
      boardRoutes(v1, ctx);
      savedViewRoutes(v1, ctx);
      outboxRoutes(v1, ctx);
      experimentRoutes(v1, ctx);
      catalogRoutes(v1, ctx);
      automationRoutes(v1, ctx);
      contractRoutes(v1, ctx);
      receiptRoutes(v1, ctx);
      lifecycleRoutes(v1, ctx);
      done();
    },
    { prefix: '/api/v1' },
  );
  await app.register(
    async (v1) => {
      requireSessionHook(v1);
      await attachmentRoutes(v1, ctx);
    },
    { prefix: '/api/v1' },
  );
  // Imports take multipart uploads with their own limits, so they get a scope of their own.
  await app.register(
    async (v1) => {
      requireSessionHook(v1);
      await importRoutes(v1, ctx);
    },
    { prefix: '/api/v1' },
  );
  // Its own context: there a JSON body is a pipeline file, kept as text.
  await app.register(
    (v1, _opts, done) => {
      requireSessionHook(v1);
      pipelineFileRoutes(v1, ctx);
      done();
    },
    { prefix: '/api/v1' },
  );

  // Public web-form submissions: no session, the form's token is the credential.
  await app.register(
    (forms, _opts, done) => {
      leadCaptureRoutes(forms, ctx);
      done();
    },
    { prefix: '/api/forms' },
  );

  const webServed = await registerWeb(app, options.webRoot);
  app.setNotFoundHandler((request, reply) => {
    if (webServed && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.sendFile('index.html');
    }
    return sendProblem(request, reply, 'route_not_found');
  });
  return app;
}
