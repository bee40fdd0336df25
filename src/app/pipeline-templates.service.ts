import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError, notFound } from '../domain/errors.js';
import type { StageKind } from '../domain/pipeline/pipeline.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { PROJECT_ROOT } from '../project-root.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import type { PipelineFileContent } from './pipeline-definition.schema.js';
import { readPipelineFile } from './pipeline-file.js';
import type { PipelineFileRead } from './pipeline-file.js';
import { applyPipelineDefinition } from './pipeline-files.service.js';
import type { ApplyOptions, ApplyResult } from './pipeline-files.service.js';

/**
 * Ready-made pipelines, kept as pipeline files in `templates/pipelines/` at the project root
 * and read when needed, so they work the same from `src/` and `dist/` and an operator can
 * add or adjust one without a build. A template's name is its file name without `.yaml`.
 */
export const TEMPLATE_DIR = join(PROJECT_ROOT, 'templates', 'pipelines');
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The template every new tenant starts with. */
export const DEFAULT_TEMPLATE = 'b2b-standard';

export interface PipelineTemplateSummary {
  readonly name: string;
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly description: string | null;
  readonly stages: readonly {
    readonly key: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly kind: StageKind;
  }[];
}

/** Reads and checks one template; a broken template file names itself in the error. */
async function readTemplate(name: string): Promise<PipelineFileRead> {
  if (!TEMPLATE_NAME_PATTERN.test(name)) throw notFound('pipeline template');
  let text: string;
  try {
    text = await readFile(join(TEMPLATE_DIR, `${name}.yaml`), 'utf8');
  } catch {
    throw notFound('pipeline template');
  }
  try {
    return readPipelineFile(text);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const where = error.issues.map((i) => `${name}.yaml:${i.line}:${i.column} ${i.message}`);
    throw new Error(`template ${name} is invalid: ${where.join('; ')}`, { cause: error });
  }
}

export async function pipelineTemplate(name: string): Promise<PipelineFileContent> {
  return (await readTemplate(name)).content;
}

/** Every template, by name; no principal needed (the CLI lists them without a tenant). */
export async function pipelineTemplates(): Promise<PipelineTemplateSummary[]> {
  const names = (await readdir(TEMPLATE_DIR))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .filter((name) => TEMPLATE_NAME_PATTERN.test(name))
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const content = await pipelineTemplate(name);
      return {
        name,
        key: content.key,
        nameZh: content.nameZh,
        nameEn: content.nameEn,
        description: content.description ?? null,
        stages: content.stages.map(({ key, nameZh, nameEn, kind }) => ({
          key,
          nameZh,
          nameEn,
          kind,
        })),
      };
    }),
  );
}

export async function listPipelineTemplates(
  principal: Principal,
): Promise<PipelineTemplateSummary[]> {
  authorize(principal, 'pipelines.manage');
  return pipelineTemplates();
}

/** Creates the template's pipeline, or resets the tenant's pipeline with that key to it. */
export async function applyPipelineTemplate(
  ctx: AppContext,
  principal: Principal,
  name: string,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  authorize(principal, 'pipelines.manage');
  const { content, parsed } = await readTemplate(name);
  return applyPipelineDefinition(ctx, principal, content, { ...options, parsed });
}
