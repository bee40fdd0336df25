import { notFound } from '../domain/errors.js';
import type { ImportRowError, ImportRun } from '../domain/imports/import-run.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { describeRowIssue, describeRowIssues } from '../i18n/import-issues.js';
import { findImport, listImportErrors } from '../store/imports.repo.js';
import type { AppContext } from './context.js';
import { canSeeImport } from './imports/access.js';
import { dbFor } from './transaction.js';

export interface ImportErrorLine {
  readonly row: number;
  readonly field: string | null;
  readonly code: string;
  readonly message: string;
}

/** A run, to whoever started it and to admins; 404 to everyone else and other tenants. */
export async function getImportRun(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<ImportRun> {
  const run = await findImport(dbFor(ctx), principal.tenantId, id);
  if (!run || !canSeeImport(principal, run)) throw notFound('import');
  return run;
}

/** The first problems of a run, one line per problem, for a quick look. */
export async function firstImportErrors(
  ctx: AppContext,
  principal: Principal,
  run: ImportRun,
  limit: number,
  locale: Locale,
): Promise<ImportErrorLine[]> {
  const errors = await listImportErrors(dbFor(ctx), principal.tenantId, run.id, {
    afterRow: 0,
    limit,
  });
  return errors
    .flatMap((error) =>
      error.issues.map((issue) => ({
        row: error.rowNumber,
        field: issue.field,
        code: issue.code,
        message: describeRowIssue(issue, locale),
      })),
    )
    .slice(0, limit);
}

/**
 * The error report: the file's own columns for each row that was not imported, after the
 * row number and the reasons, so a user fixes the cells and imports the report itself
 * with the same mapping (the two extra columns map to nothing).
 */
export async function importErrorReport(
  ctx: AppContext,
  principal: Principal,
  id: string,
  locale: Locale,
): Promise<{ run: ImportRun; headers: string[]; rows: AsyncIterable<string[]> }> {
  const run = await getImportRun(ctx, principal, id);
  const db = dbFor(ctx);
  async function* rows(): AsyncGenerator<string[]> {
    let afterRow = 0;
    for (;;) {
      const page: ImportRowError[] = await listImportErrors(db, principal.tenantId, run.id, {
        afterRow,
        limit: 1000,
      });
      for (const error of page)
        yield [String(error.rowNumber), describeRowIssues(error.issues, locale), ...error.cells];
      const last = page.at(-1);
      if (!last || page.length < 1000) return;
      afterRow = last.rowNumber;
    }
  }
  const labels = locale === 'zh-CN' ? ['行号', '错误'] : ['row', 'errors'];
  return { run, headers: [...labels, ...run.headers], rows: rows() };
}
