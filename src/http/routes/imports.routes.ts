import multipart from '@fastify/multipart';
import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { openExport } from '../../app/exports.service.js';
import {
  firstImportErrors,
  getImportRun,
  importErrorReport,
} from '../../app/import-reports.service.js';
import { readMapping } from '../../app/imports/mapping-schema.js';
import { writeCsv, writeXlsx } from '../../app/imports/sinks.js';
import { detectFormat } from '../../app/imports/tabular.js';
import { MAX_IMPORT_BYTES, runImport } from '../../app/imports.service.js';
import { DomainError } from '../../domain/errors.js';
import type { ImportRun as Run } from '../../domain/imports/import-run.js';
import { requirePrincipal } from '../request-context.js';
import { IdParams, problems } from '../schemas/common.js';
import { describeFields } from '../../domain/imports/entities.js';
import {
  EntityParams,
  ExportQuery,
  ImportFieldList,
  ImportQuery,
  ImportRun,
} from '../schemas/imports.schema.js';

const FIRST_ERRORS = 100;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = (description: string, type: string) => ({
  description,
  content: { [type]: { schema: z.string().describe('file bytes') } },
});

/** The upload: one file and, optionally, the mapping as a JSON text field. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ name: string; bytes: Buffer; mapping: string | null }> {
  if (!request.isMultipart()) throw new DomainError('unsupported_media_type');
  let upload: { name: string; bytes: Buffer } | null = null;
  let mapping: string | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file' && part.fieldname === 'file' && !upload) {
      const bytes = await part.toBuffer();
      if (part.file.truncated || bytes.length > MAX_IMPORT_BYTES)
        throw new DomainError('payload_too_large');
      upload = { name: part.filename, bytes };
    } else if (part.type === 'field' && part.fieldname === 'mapping') {
      mapping = typeof part.value === 'string' ? part.value : null;
    } else {
      throw new DomainError('validation_failed', {}, [
        { path: part.fieldname, code: 'unknown_field', message: 'send "file" and "mapping" only' },
      ]);
    }
  }
  if (!upload)
    throw new DomainError('validation_failed', {}, [
      { path: 'file', code: 'required', message: 'send one file' },
    ]);
  return { ...upload, mapping };
}

export async function importRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  await fastify.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1, fields: 1, fieldSize: 256 * 1024 },
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Data'];
  const present = async (request: FastifyRequest, run: Run) => ({
    ...run,
    errors: await firstImportErrors(
      ctx,
      requirePrincipal(request),
      run,
      FIRST_ERRORS,
      request.locale,
    ),
    errorReport: `/api/v1/import-runs/${run.id}/errors.csv`,
  });

  app.post(
    '/imports/:entity',
    {
      schema: {
        tags,
        operationId: 'importRecords',
        summary: 'Import leads, accounts, contacts or deals from a CSV or XLSX file',
        description: `multipart/form-data: \`file\` (CSV or XLSX, up to ${MAX_IMPORT_BYTES / 1024 / 1024} MiB) and \`mapping\` (JSON, see docs/imports.md). Rows are checked one by one: good rows are imported in batches of 1,000, each all-or-nothing; bad rows go to the error report. Rows an earlier run imported are skipped. Admins import anything, lead operations leads.`,
        params: EntityParams,
        querystring: ImportQuery,
        response: { 201: ImportRun, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const upload = await readUpload(request);
      const run = await runImport(ctx, principal, {
        entity: request.params.entity,
        fileName: upload.name || 'upload',
        format: detectFormat(upload.name, upload.bytes.subarray(0, 4)),
        input: Readable.from([upload.bytes]),
        mapping: readMapping(upload.mapping),
        dryRun: request.query.dryRun ?? false,
      });
      return reply.code(201).send(await present(request, run));
    },
  );

  app.get(
    '/imports/:entity/fields',
    {
      schema: {
        tags,
        operationId: 'listImportFields',
        summary: 'The fields a file’s columns can map to, with required ones and allowed values',
        params: EntityParams,
        response: { 200: ImportFieldList, ...problems(400, 401) },
      },
    },
    (request) => {
      requirePrincipal(request);
      return Promise.resolve({
        entity: request.params.entity,
        fields: describeFields(request.params.entity),
      });
    },
  );

  app.get(
    '/import-runs/:id',
    {
      schema: {
        tags,
        operationId: 'getImport',
        summary: 'An import run: status, counts and its first errors',
        params: IdParams,
        response: { 200: ImportRun, ...problems(400, 401, 404) },
      },
    },
    async (request) =>
      present(request, await getImportRun(ctx, requirePrincipal(request), request.params.id)),
  );

  // Files, not JSON: registered without the type provider so no serializer touches them.
  fastify.get(
    '/import-runs/:id/errors.csv',
    {
      schema: {
        tags,
        operationId: 'downloadImportErrors',
        summary: 'The error report of an import run (CSV: row, reasons, the row as it was)',
        params: IdParams,
        response: { 200: file('The error report', 'text/csv'), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const report = await importErrorReport(ctx, requirePrincipal(request), id, request.locale);
      const body = new PassThrough();
      writeCsv(report.headers, report.rows, body).catch((error: unknown) =>
        body.destroy(error as Error),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${report.run.id}-errors.csv"`)
        .send(body);
    },
  );

  fastify.get(
    '/exports/:entity',
    {
      schema: {
        tags,
        operationId: 'exportRecords',
        summary: 'Export the leads, accounts, contacts or deals you can see as CSV or XLSX',
        description:
          'Columns are the import fields, so the file imports again without a mapping. Admins and managers (and lead operations, for leads).',
        params: EntityParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The file',
            content: { 'text/csv': { schema: z.string() }, [XLSX_TYPE]: { schema: z.string() } },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      // Validated by the schema above; this route has no type provider (it sends bytes).
      const { entity } = request.params as z.output<typeof EntityParams>;
      const format = (request.query as z.output<typeof ExportQuery>).format ?? 'csv';
      const data = await openExport(ctx, requirePrincipal(request), entity, format);
      const body = new PassThrough();
      const writing =
        format === 'csv'
          ? writeCsv(data.headers, data.rows, body)
          : writeXlsx(entity, data.headers, data.rows, body);
      writing.catch((error: unknown) => {
        request.log.error({ err: error }, 'export failed mid-stream');
        body.destroy(error as Error);
      });
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${entity}-${day}.${format}"`)
        .send(body);
    },
  );
}
