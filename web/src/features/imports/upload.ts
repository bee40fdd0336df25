import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type ImportEntity = components['schemas']['ImportRun']['entity'];
export type ImportRun = components['schemas']['ImportRun'];

export interface Mapping {
  readonly columns: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly encoding?: string;
}

/**
 * Sends the file and mapping as multipart (POST /imports/{entity}); a dry run checks every
 * row and writes nothing. The typed client passes FormData through untouched, with the
 * session's CSRF token and language like every other call.
 */
export function uploadImport(
  entity: ImportEntity,
  file: File,
  mapping: Mapping,
  dryRun: boolean,
): Promise<ImportRun> {
  const form = new FormData();
  form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/v1/imports/{entity}', {
      params: { path: { entity }, query: { dryRun: dryRun ? 'true' : 'false' } },
      body: form as never,
      bodySerializer: () => form,
    }),
  );
}
