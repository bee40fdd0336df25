import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { reportCsv } from '../../app/analytics/report-csv.js';
import type { Report } from '../../app/analytics/report.js';
import type { ReportFilter } from '../../app/analytics/report-scope.js';
import { reports } from '../../app/analytics/registry.js';
import { requirePrincipal } from '../request-context.js';
import { problems } from '../schemas/common.js';
import { ReportFilterQuery, ReportList } from '../schemas/reports.schema.js';

const tags = ['Reports'];
const filterKeys = ['pipelineId', 'from', 'to', 'teamId', 'ownerId', 'currency'] as const;

/** Splits a validated query into the common filters and the report's own options. */
function splitQuery(query: Record<string, unknown>): {
  filter: ReportFilter;
  options: Record<string, unknown>;
} {
  const filter: Record<string, string> = {};
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if ((filterKeys as readonly string[]).includes(key)) {
      if (typeof value === 'string') filter[key] = value;
    } else options[key] = value;
  }
  return { filter, options };
}

/** `pipeline-changes` → `reportPipelineChanges`: operation ids are camelCase. */
const operationId = (report: Report) =>
  `report${report.name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}`;

function reportRoutesFor(fastify: FastifyInstance, ctx: AppContext, report: Report): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const querystring = ReportFilterQuery.extend(report.options.shape);
  app.get(
    `/reports/${report.name}`,
    {
      schema: {
        tags,
        operationId: operationId(report),
        summary: report.summary,
        description: `${report.description} Only deals you may see count.`,
        querystring,
        response: { 200: report.result, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { filter, options } = splitQuery(request.query);
      const outcome = await report.execute(ctx, requirePrincipal(request), filter, options);
      return outcome.json;
    },
  );

  // The table as CSV: registered without the type provider so no serializer touches it.
  fastify.get(
    `/reports/${report.name}.csv`,
    {
      schema: {
        tags,
        operationId: `${operationId(report)}Csv`,
        summary: `${report.summary} (CSV)`,
        description:
          'The same figures as the JSON endpoint as a table, headers in the language of Accept-Language.',
        querystring,
        response: {
          200: {
            description: 'CSV with a byte-order mark',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...problems(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { filter, options } = splitQuery(request.query as Record<string, unknown>);
      const outcome = await report.execute(ctx, requirePrincipal(request), filter, options);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${report.name}.csv"`)
        .send(reportCsv(outcome.table(request.locale), { bom: true }));
    },
  );
}

/** Every report of the registry, as JSON and as CSV, and the list of them. */
export function reportRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/reports',
    {
      schema: {
        tags,
        operationId: 'listReports',
        summary: 'The reports there are, with their endpoints',
        response: { 200: ReportList, ...problems(401) },
      },
    },
    (request) => {
      requirePrincipal(request);
      return {
        items: reports.map((report) => ({
          name: report.name,
          summary: report.summary,
          path: `/api/v1/reports/${report.name}`,
        })),
      };
    },
  );
  for (const report of reports) reportRoutesFor(fastify, ctx, report);
}
