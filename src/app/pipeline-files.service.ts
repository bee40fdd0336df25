import { DomainError, isDomainError, notFound } from '../domain/errors.js';
import type { Pipeline } from '../domain/pipeline/pipeline.js';
import { diffPipelines } from '../domain/pipeline/pipeline-diff.js';
import type { PipelineChange } from '../domain/pipeline/pipeline-diff.js';
import type { Principal } from '../domain/tenancy/principal.js';
import { loadPipelines } from '../store/pipelines.repo.js';
import { authorize } from './access.js';
import type { AppContext } from './context.js';
import { issuesAt } from './file-positions.js';
import type { ParsedText } from './file-positions.js';
import type { PipelineFileContent } from './pipeline-definition.schema.js';
import {
  formatPipelineFile,
  invalidFile,
  readPipelineFile,
  toPipelineFile,
} from './pipeline-file.js';
import type { FileFormat } from './pipeline-file.js';
import { createPipeline, getPipeline, updatePipeline } from './pipelines.service.js';
import { dbFor, inOpenTransaction, inTransaction } from './transaction.js';

export interface ApplyOptions {
  /** Work everything out, including the database's own checks, then write nothing. */
  readonly dryRun?: boolean;
}

export interface ApplyResult {
  readonly outcome: 'created' | 'updated' | 'unchanged';
  /** The pipeline after applying (for a dry run: as it would be; its new ids are not kept). */
  readonly pipeline: Pipeline;
  readonly changes: readonly PipelineChange[];
  readonly dryRun: boolean;
}

/** Carries a result out of a transaction that must not commit. */
class RolledBack extends Error {
  constructor(readonly result: ApplyResult) {
    super('rolled back');
  }
}

/** Applying a file declares the whole pipeline: what the file leaves out is reset. */
function patchFrom(content: PipelineFileContent, version: number) {
  return {
    version,
    nameZh: content.nameZh,
    nameEn: content.nameEn,
    description: content.description ?? null,
    allowSkip: content.allowSkip ?? false,
    ...(content.isDefault !== undefined ? { isDefault: content.isDefault } : {}),
    teamIds: content.teamIds ?? [],
    scorecard: content.scorecard ?? null,
    stages: content.stages,
  };
}

/**
 * Creates the pipeline with the file's key, or makes the existing one match the file
 * (stages matched by key keep their ids, so deals and history stay put; removing a stage
 * deals use is refused with `stage_in_use`). The version is the stored one: a file says
 * what the pipeline should be, not which edit it started from. Runs as one transaction,
 * which a dry run — or a file that changes nothing — rolls back: an unchanged re-apply
 * leaves no new version and no audit entry.
 */
export async function applyPipelineDefinition(
  ctx: AppContext,
  principal: Principal,
  content: PipelineFileContent,
  options: ApplyOptions & { readonly parsed?: ParsedText } = {},
): Promise<ApplyResult> {
  authorize(principal, 'pipelines.manage');
  // Joined to a caller's transaction, the rollback below would not undo anything.
  if (inOpenTransaction(ctx)) throw new Error('applying a pipeline needs its own transaction');
  const dryRun = options.dryRun ?? false;
  try {
    return await inTransaction(ctx, async (trx) => {
      const [before] = await loadPipelines(trx, principal.tenantId, {
        key: content.key,
        includeArchived: true,
      });
      if (before?.archivedAt) throw new DomainError('pipeline_archived', { key: content.key });
      const after = before
        ? await updatePipeline(ctx, principal, before.id, patchFrom(content, before.version))
        : await createPipeline(ctx, principal, content);
      const changes = diffPipelines(before ?? null, after);
      if (before && changes.length === 0) {
        throw new RolledBack({ outcome: 'unchanged', pipeline: before, changes, dryRun });
      }
      const result: ApplyResult = {
        outcome: before ? 'updated' : 'created',
        pipeline: after,
        changes,
        dryRun,
      };
      if (dryRun) throw new RolledBack(result);
      return result;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    // The rules report paths into the definition; in a file those become lines and columns.
    if (options.parsed && isDomainError(error) && error.issues.length > 0) {
      throw new DomainError(
        error.code,
        error.params,
        issuesAt(error.issues, options.parsed),
        error.details,
      );
    }
    throw error;
  }
}

/**
 * Applies a pipeline file's text. `expectedKey` is the key the caller addressed (the API's
 * URL); a file for another pipeline is refused rather than applied somewhere unexpected.
 */
export async function applyPipelineFile(
  ctx: AppContext,
  principal: Principal,
  text: string,
  options: ApplyOptions & { readonly expectedKey?: string } = {},
): Promise<ApplyResult> {
  authorize(principal, 'pipelines.manage');
  const { content, parsed } = readPipelineFile(text);
  if (options.expectedKey !== undefined && content.key !== options.expectedKey) {
    const message = `the file defines pipeline "${content.key}", not "${options.expectedKey}"`;
    throw invalidFile(
      issuesAt(
        [
          {
            path: 'key',
            code: 'key_mismatch',
            message,
            messages: {
              en: message,
              'zh-CN': `文件定义的是销售流程“${content.key}”，而不是“${options.expectedKey}”`,
            },
          },
        ],
        parsed,
      ),
    );
  }
  return applyPipelineDefinition(ctx, principal, content, { ...options, parsed });
}

export async function exportPipeline(
  ctx: AppContext,
  principal: Principal,
  id: string,
  format: FileFormat,
): Promise<string> {
  authorize(principal, 'pipelines.manage');
  return formatPipelineFile(toPipelineFile(await getPipeline(ctx, principal, id)), format);
}

export async function exportPipelineByKey(
  ctx: AppContext,
  principal: Principal,
  key: string,
  format: FileFormat,
): Promise<string> {
  authorize(principal, 'pipelines.manage');
  const [pipeline] = await loadPipelines(dbFor(ctx), principal.tenantId, {
    key,
    includeArchived: true,
  });
  if (!pipeline) throw notFound('pipeline');
  return formatPipelineFile(toPipelineFile(pipeline), format);
}
