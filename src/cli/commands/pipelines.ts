import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { fileFormats } from '../../app/pipeline-file.js';
import type { FileFormat } from '../../app/pipeline-file.js';
import { applyPipelineFile, exportPipelineByKey } from '../../app/pipeline-files.service.js';
import { applyPipelineTemplate, pipelineTemplates } from '../../app/pipeline-templates.service.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { translateIssue } from '../../i18n/issues.js';
import { cliLocale, UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant, printRows } from '../tenant-scope.js';
import { describeApply } from './pipeline-report.js';

interface ApplyOptions {
  tenant?: string;
  dryRun?: boolean;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

/**
 * Problems in a file are printed the way compilers print them, `file:line:col: message`,
 * so editors and terminals can jump to them; the path inside the file follows in brackets.
 */
function atFilePositions(error: unknown, file: string): unknown {
  if (!isDomainError(error) || error.issues.length === 0) return error;
  const locale = cliLocale();
  const issues = error.issues.map((issue) => {
    const where = issue.line !== undefined ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
    const path = issue.path === '' ? '' : ` (${issue.path})`;
    return { path: where, code: issue.code, message: `${translateIssue(issue, locale)}${path}` };
  });
  return new DomainError(error.code, error.params, issues, error.details);
}

export function pipelinesCommand(program: Command, io: Io): void {
  const pipelines = program
    .command('pipelines')
    .description('Pipelines as code: apply and export pipeline files, use templates');

  pipelines
    .command('apply <file>')
    .description('Create or update a pipeline from a YAML or JSON file (matched by its key)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--dry-run', 'show what would change without changing anything')
    .action(async (file: string, options: ApplyOptions, command: Command) => {
      const text = await readText(file);
      const result = await inTenant(command, options.tenant, (ctx, principal) =>
        applyPipelineFile(ctx, principal, text, { dryRun: options.dryRun === true }),
      ).catch((error: unknown) => {
        throw atFilePositions(error, file);
      });
      for (const line of describeApply(result)) io.out(line);
    });

  pipelines
    .command('export <key>')
    .description('Print a pipeline as a file (YAML by default)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--format <format>', 'yaml or json', 'yaml')
    .action(async (key: string, options: { tenant?: string; format: string }, command: Command) => {
      if (!(fileFormats as readonly string[]).includes(options.format)) {
        throw new UsageError(`invalid --format "${options.format}": use yaml or json`);
      }
      const text = await inTenant(command, options.tenant, (ctx, principal) =>
        exportPipelineByKey(ctx, principal, key, options.format as FileFormat),
      ).catch((error: unknown) => {
        if (isDomainError(error) && error.code === 'not_found') {
          throw new UsageError(`no pipeline with key "${key}" in tenant ${options.tenant}`);
        }
        throw error;
      });
      io.out(text.trimEnd());
    });

  pipelines
    .command('templates')
    .description('List the pipeline templates')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const templates = await pipelineTemplates();
      printRows(
        io,
        templates.map((t) => ({
          name: t.name,
          stages: t.stages.length,
          nameZh: t.nameZh,
          nameEn: t.nameEn,
        })),
        options.json === true,
      );
    });

  pipelines
    .command('apply-template <name>')
    .description("Create a template's pipeline, or reset the tenant's pipeline with its key")
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--dry-run', 'show what would change without changing anything')
    .action(async (name: string, options: ApplyOptions, command: Command) => {
      const names = (await pipelineTemplates()).map((t) => t.name);
      if (!names.includes(name)) {
        throw new UsageError(`no template "${name}" (available: ${names.join(', ')})`);
      }
      const result = await inTenant(command, options.tenant, (ctx, principal) =>
        applyPipelineTemplate(ctx, principal, name, { dryRun: options.dryRun === true }),
      ).catch((error: unknown) => {
        throw atFilePositions(error, `templates/pipelines/${name}.yaml`);
      });
      for (const line of describeApply(result)) io.out(line);
    });
}
