import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { extname } from 'node:path';
import { openExport } from '../../app/exports.service.js';
import { writeCsv, writeXlsx } from '../../app/imports/sinks.js';
import type { CellValue } from '../../domain/imports/cells.js';
import { importEntities } from '../../domain/imports/entities.js';
import { UsageError } from '../io.js';
import type { Io } from '../io.js';
import { inTenant } from '../tenant-scope.js';
import { entityArgument } from './import.js';

export function exportCommand(program: Command, io: Io): void {
  program
    .command('export <entity>')
    .description(`Export ${importEntities.join(', ')} to a CSV or XLSX file that imports again`)
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--out <file>', 'where to write')
    .option('--format <format>', 'csv or xlsx (default: from the file name, else csv)')
    .action(
      async (
        entityText: string,
        options: { tenant?: string; out: string; format?: string },
        command: Command,
      ) => {
        const entity = entityArgument(entityText);
        const format =
          options.format ?? (extname(options.out).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv');
        if (format !== 'csv' && format !== 'xlsx')
          throw new UsageError('--format must be csv or xlsx');
        await inTenant(command, options.tenant, async (ctx, principal) => {
          const data = await openExport(ctx, principal, entity, format);
          let count = 0;
          async function* counted(): AsyncGenerator<CellValue[]> {
            for await (const row of data.rows) {
              count++;
              yield row;
            }
          }
          const out = createWriteStream(options.out);
          await (format === 'csv'
            ? writeCsv(data.headers, counted(), out)
            : writeXlsx(entity, data.headers, counted(), out));
          io.out(`Exported ${count} ${entity} to ${options.out}`);
        });
      },
    );
}
