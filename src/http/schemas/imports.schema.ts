import { z } from 'zod';
import { importEntities, importFieldKinds } from '../../domain/imports/entities.js';
import { importFormats, importStatuses } from '../../domain/imports/import-run.js';
import { Id, TimestampOut } from './common.js';

export const EntityParams = z.strictObject({
  entity: z.enum(importEntities).describe('What the file holds'),
});

export const ImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .optional()
    .describe('Check every row and report, without writing any record'),
});

export const ExportQuery = z.strictObject({
  format: z.enum(importFormats).default('csv').optional(),
});

export const ImportFieldList = z
  .object({
    entity: z.enum(importEntities),
    fields: z.array(
      z.object({
        name: z.string().describe('What a mapping’s `columns` may name'),
        required: z.boolean().describe('A row needs it (a mapping default also satisfies it)'),
        kind: z.enum(importFieldKinds),
        values: z
          .array(z.string())
          .nullable()
          .describe('enum: the accepted values (map others under the mapping’s `values`)'),
      }),
    ),
  })
  .meta({ id: 'ImportFieldList' });

export const ImportCounts = z
  .object({
    rows: z.number().int().describe('Data rows read'),
    imported: z.number().int(),
    skipped: z.number().int().describe('Rows an earlier run already imported'),
    failed: z.number().int().describe('Rows in the error report'),
    accountsCreated: z.number().int().describe('Accounts created for contacts or deals'),
  })
  .meta({ id: 'ImportCounts' });

export const ImportErrorLine = z
  .object({
    row: z.number().int().describe('Row number in the file (the header is row 1)'),
    field: z.string().nullable(),
    code: z.string(),
    message: z.string().describe('In the language of Accept-Language'),
  })
  .meta({ id: 'ImportErrorLine' });

export const ImportRun = z
  .object({
    id: Id,
    entity: z.enum(importEntities),
    fileName: z.string(),
    format: z.enum(importFormats),
    dryRun: z.boolean(),
    status: z.enum(importStatuses),
    counts: ImportCounts,
    failure: z.string().nullable().describe('Why a failed run stopped'),
    createdBy: Id.nullable(),
    startedAt: TimestampOut,
    finishedAt: TimestampOut.nullable(),
    errors: z.array(ImportErrorLine).describe('The first problems (all of them: errorReport)'),
    errorReport: z.string().describe('Path of the CSV error report'),
  })
  .meta({ id: 'ImportRun' });
