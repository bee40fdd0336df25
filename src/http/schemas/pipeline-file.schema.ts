import { z } from 'zod';
import { TEMPLATE_NAME_PATTERN } from '../../app/pipeline-templates.service.js';
import { fileFormats } from '../../app/pipeline-file.js';
import { PIPELINE_KEY_PATTERN, stageKinds } from '../../domain/pipeline/pipeline.js';

export const PipelineKeyParams = z.strictObject({
  key: z.string().regex(PIPELINE_KEY_PATTERN, 'lower-case letters, digits, - and _'),
});

export const TemplateParams = z.strictObject({
  name: z.string().regex(TEMPLATE_NAME_PATTERN, 'lower-case letters, digits and -'),
});

export const ExportQuery = z.strictObject({
  format: z.enum(fileFormats).default('yaml').describe('yaml (default) or json'),
});

/** The body of a file upload: the file's text, parsed by the service so errors get positions. */
export const PipelineFileText = z
  .string()
  .describe('A pipeline file (the PipelineFile shape) as YAML; JSON text is YAML too');

export const PipelineTemplate = z
  .object({
    name: z.string().describe('Template name (its file name in templates/pipelines/)'),
    key: z.string().describe('Key of the pipeline it creates'),
    nameZh: z.string(),
    nameEn: z.string(),
    description: z.string().nullable(),
    stages: z
      .array(
        z.object({
          key: z.string(),
          nameZh: z.string(),
          nameEn: z.string(),
          kind: z.enum(stageKinds),
        }),
      )
      .readonly(),
  })
  .meta({ id: 'PipelineTemplate' });

export const PipelineTemplateList = z
  .object({ items: z.array(PipelineTemplate), nextCursor: z.null() })
  .meta({ id: 'PipelineTemplateList', description: 'Every template (never more than a page)' });
