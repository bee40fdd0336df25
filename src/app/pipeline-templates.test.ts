import { describe, expect, it } from 'vitest';
import { attachmentTypes } from '../domain/attachments/content-check.js';
import { validateScorecard, validateStages } from '../domain/pipeline/validate-pipeline.js';
import type { PipelineFileContent } from './pipeline-definition.schema.js';
import { formatPipelineFile, readPipelineFile } from './pipeline-file.js';
import {
  DEFAULT_TEMPLATE,
  pipelineTemplate,
  pipelineTemplates,
} from './pipeline-templates.service.js';

/**
 * The template files are product content: each must pass the same rules a tenant's own
 * pipeline does, speak both languages, and use only criteria every tenant can meet.
 */
const names = [
  'b2b-standard',
  'fmcg-channel-short-cycle',
  'intent-6-stage',
  'manufacturing-long-cycle',
  'saas',
  'small-business',
];

const stagesOf = (content: PipelineFileContent) =>
  content.stages.map((stage) => ({
    ...stage,
    rules: {
      entry: stage.entry ?? [],
      exit: stage.exit ?? [],
      actions: stage.actions ?? [],
      materials: stage.materials ?? [],
      approval: stage.approval ?? null,
    },
  }));

describe('pipeline templates', () => {
  it('are the six files in templates/pipelines, each named after its key', async () => {
    const templates = await pipelineTemplates();
    expect(templates.map((t) => t.name)).toEqual(names);
    for (const template of templates) expect(template.key).toBe(template.name);
    expect(names).toContain(DEFAULT_TEMPLATE);
  });

  it.each(names)('%s passes the pipeline rules', async (name) => {
    const content = await pipelineTemplate(name);
    expect(validateStages(stagesOf(content))).toEqual([]);
    expect(validateScorecard(content.scorecard ?? null)).toEqual([]);
  });

  it.each(names)('%s is written in Chinese and English', async (name) => {
    const content = await pipelineTemplate(name);
    const pairs: [string, string][] = [
      [content.nameZh, content.nameEn],
      ...content.stages.flatMap((stage): [string, string][] => [
        [stage.nameZh, stage.nameEn],
        ...(stage.actions ?? []).map((a): [string, string] => [a.nameZh, a.nameEn]),
        ...(stage.materials ?? []).map((m): [string, string] => [m.titleZh, m.titleEn]),
      ]),
    ];
    for (const [zh, en] of pairs) {
      expect(zh, en).toMatch(/[\u4e00-\u9fff]/);
      expect(en, zh).toMatch(/^[\x20-\x7e]+$/);
    }
    // every open stage tells the rep what to do there, in both languages
    for (const stage of content.stages.filter((s) => s.kind === 'open')) {
      expect(stage.guidance, stage.key).toMatch(/[\u4e00-\u9fff].*[A-Za-z]{3}/s);
      expect(
        stage.actions?.some((a) => a.required),
        stage.key,
      ).toBe(true);
    }
  });

  it.each(names)('%s uses only criteria any tenant can meet', async (name) => {
    const content = await pipelineTemplate(name);
    for (const stage of content.stages) {
      for (const criterion of [...(stage.entry ?? []), ...(stage.exit ?? [])]) {
        // custom fields belong to a tenant; an upload type must be one users can pick
        if (criterion.type === 'field') expect(criterion.field).not.toMatch(/^custom\./);
        if (criterion.type === 'attachment') {
          expect(attachmentTypes as readonly string[]).toContain(criterion.attachmentType);
        }
      }
    }
  });

  it('keeps the small-business process to three or four open stages', async () => {
    const content = await pipelineTemplate('small-business');
    const open = content.stages.filter((stage) => stage.kind === 'open');
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.length).toBeLessThanOrEqual(4);
  });

  it('gives the B2B default the gates of the product description', async () => {
    const content = await pipelineTemplate('b2b-standard');
    const byKey = new Map(content.stages.map((stage) => [stage.key, stage]));
    expect([...byKey.keys()]).toEqual([
      'initial-contact',
      'needs-confirmed',
      'solution',
      'negotiation',
      'won',
      'lost',
    ]);
    // key contact confirmed (and the initial need recorded: a required action)
    expect(byKey.get('initial-contact')?.exit).toContainEqual({
      type: 'field',
      field: 'primaryContactId',
    });
    // all decision influencers identified and budget confirmed
    expect(byKey.get('needs-confirmed')?.exit).toEqual(
      expect.arrayContaining([
        { type: 'contact_role', role: 'decision_maker', min: 1 },
        { type: 'contact_role', role: 'influencer', min: 1 },
        { type: 'field', field: 'budget' },
      ]),
    );
    // customer accepted the value and agreed to negotiate
    expect(byKey.get('solution')?.actions).toContainEqual(
      expect.objectContaining({ key: 'value-accepted', required: true }),
    );
    // proposal file uploaded; manager approved
    expect(byKey.get('negotiation')?.entry).toContainEqual({
      type: 'attachment',
      attachmentType: 'proposal',
    });
    expect(byKey.get('negotiation')?.approval).toEqual({ approver: 'manager' });
  });

  it.each(names.flatMap((name) => [[name, 'yaml'] as const, [name, 'json'] as const]))(
    '%s reads back unchanged after writing it as %s',
    async (name, format) => {
      const content = await pipelineTemplate(name);
      expect(readPipelineFile(formatPipelineFile(content, format)).content).toEqual(content);
    },
  );
});
