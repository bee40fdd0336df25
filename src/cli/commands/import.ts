import type { Command } from 'commander';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { importErrorReport } from '../../app/import-reports.service.js';
import { readMapping } from '../../app/imports/mapping-schema.js';
import { writeCsv } from '../../app/imports/sinks.js';
import { detectFormat } from '../../app/imports/tabular.js';
import { runImport } from '../../app/imports.service.js';
import { importEntities, isImportEntity } from '../../domain/imports/entities.js';
import type { ImportEntity } from '../../domain/imports/entities.js';
import { cliLocale, UsageError } from '../io.js';
import type { Io } from '../io.js';
import { ProgressBar } from '../progress.js';
import { inTenant } from '../tenant-scope.js';

interface ImportOptions {
  tenant?: string;
  map?: string;
  dryRun?: boolean;
  errorReport?: string;
  batchSize: string;
}

/** Some rows were refused: the run is done, but a script must not take it for a clean one (exit 1). */
class RowsNotImported extends Error {}

export function entityArgument(text: string): ImportEntity {
  if (!isImportEntity(text))
    throw new UsageError(`unknown entity "${text}" (one of: ${importEntities.join(', ')})`);
  return text;
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r').catch(() => {
    throw new UsageError(`cannot read ${path}`);
  });
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function importCommand(program: Command, io: Io): void {
  program
    .command('import <entity> <file>')
    .description(
      `Import ${importEntities.join(', ')} from a CSV or XLSX file (see docs/imports.md)`,
    )
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--map <mapping.json>', 'mapping of columns, values and defaults')
    .option('--dry-run', 'check every row and report, write no record')
    .option('--error-report <file.csv>', 'write the rows that were not imported, with reasons')
    .option('--batch-size <n>', 'rows per transaction', '1000')
    .action(async (entityText: string, file: string, options: ImportOptions, command: Command) => {
      const entity = entityArgument(entityText);
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
        throw new UsageError('--batch-size must be a whole number from 1 to 10000');
      const mapping = readMapping(options.map ? await readFile(options.map, 'utf8') : null);
      const format = detectFormat(file, await firstBytes(file));
      const size = (await stat(file)).size;
      let bytes = 0;
      // Counts what the importer has read, for the bar. (A 'data' listener would set the
      // stream flowing and drop what arrives before the importer starts reading.)
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      createReadStream(file)
        .on('error', (error) => counted.destroy(error))
        .pipe(counted);
      const progress = new ProgressBar(process.stderr, size);
      await inTenant(command, options.tenant, async (ctx, principal) => {
        const run = await runImport(ctx, principal, {
          entity,
          fileName: file,
          format,
          input: counted,
          mapping,
          dryRun: options.dryRun ?? false,
          batchSize,
          onProgress: (counts) => progress.update(counts.rows, bytes),
        });
        progress.finish(run.counts.rows, bytes);
        const { rows, imported, skipped, failed, accountsCreated } = run.counts;
        io.out(
          `${run.dryRun ? 'Dry run' : 'Import'} ${run.id}: ${rows} rows, ${imported} ${run.dryRun ? 'would be imported' : 'imported'}, ` +
            `${skipped} already imported, ${failed} not imported, ${accountsCreated} accounts created`,
        );
        if (options.errorReport) {
          const report = await importErrorReport(ctx, principal, run.id, cliLocale());
          await writeCsv(report.headers, report.rows, createWriteStream(options.errorReport));
          io.out(`Error report: ${options.errorReport}`);
        }
        if (failed > 0)
          throw new RowsNotImported(
            `${failed} rows were not imported${options.errorReport ? '' : ' (--error-report <file.csv> lists them with reasons)'}`,
          );
      });
    });
}
