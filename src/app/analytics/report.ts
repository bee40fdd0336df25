import type { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/tenancy/tenant.js';
import type { Principal } from '../../domain/tenancy/principal.js';
import type { AppContext } from '../context.js';
import { resolveReportScope } from './report-scope.js';
import type { ReportContext, ReportFilter } from './report-scope.js';

/** A report as rows and columns: what the CLI prints, the CSV holds and a chart's table shows. */
export interface ReportTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/**
 * One report, written once and served by the API (`GET /reports/<name>` and
 * `/reports/<name>.csv`), the CLI (`pipewright report <name>`) and the web dashboards.
 * `options` are the report's own query parameters beyond the common filters; they arrive as
 * strings from a URL or a command line, so number options use `z.coerce`.
 */
export interface ReportDefinition<O extends z.ZodObject, R> {
  /** URL segment and CLI name, kebab-case. */
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly options: O;
  readonly result: z.ZodType<R>;
  run(report: ReportContext, options: z.output<O>): Promise<R>;
  table(result: R, locale: Locale): ReportTable;
}

/** A report answered: its JSON and, on demand, its table in a language. */
export interface ReportOutcome {
  readonly json: unknown;
  table(locale: Locale): ReportTable;
}

/** A report with its types sealed inside, so reports of every shape sit in one list. */
export interface Report {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly options: z.ZodObject;
  readonly result: z.ZodType;
  execute(
    app: AppContext,
    principal: Principal,
    filter: ReportFilter,
    options: Record<string, unknown>,
  ): Promise<ReportOutcome>;
}

export function defineReport<O extends z.ZodObject, R>(definition: ReportDefinition<O, R>): Report {
  return {
    name: definition.name,
    summary: definition.summary,
    description: definition.description,
    options: definition.options,
    result: definition.result,
    async execute(app, principal, filter, rawOptions) {
      // The API validated these already; the CLI has not, and gets the same error this way.
      const parsed = definition.options.safeParse(rawOptions);
      if (!parsed.success)
        throw new DomainError(
          'validation_failed',
          {},
          parsed.error.issues.map((issue) => ({
            path: issue.path.join('/'),
            code: issue.code,
            message: issue.message,
          })),
        );
      const options = parsed.data;
      const context = await resolveReportScope(app, principal, filter);
      const result = await definition.run(context, options);
      return { json: result, table: (locale) => definition.table(result, locale) };
    },
  };
}
