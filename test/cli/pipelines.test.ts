import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { cli } from '../support/cli.js';
import { templateNames, templatePath, templateText } from '../support/pipeline-files.js';
import type { FileStage } from '../support/pipeline-files.js';

/**
 * Pipelines as code from the command line: apply files and templates (with a dry run),
 * export, and errors printed as file:line:col. Exit codes: 0 done, 1 refused by a rule,
 * 2 a usage error.
 */
let dir: string;
let db: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-pipelines-'));
  db = join(dir, 'pipelines.db');
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
  const created = await cli(
    'tenant',
    'create',
    'acme',
    '--admin-email',
    'boss@acme.test',
    '--admin-password',
    'correct horse battery',
    '--db',
    db,
  );
  expect(created.code, created.err).toBe(0);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => cli('pipelines', ...args, '--db', db);
const ok = async (...args: string[]) => {
  const result = await run(...args);
  expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
  return result.out;
};
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const stageKeys = (text: string) =>
  (parse(text) as { stages: FileStage[] }).stages.map((s) => s.key);

describe('pipewright pipelines', () => {
  it('lists the templates', async () => {
    const out = await ok('templates');
    expect(out.split('\n').map((line) => line.split('\t')[0])).toEqual([...templateNames]);
    const json = JSON.parse(await ok('templates', '--json')) as { name: string }[];
    expect(json.map((t) => t.name)).toEqual([...templateNames]);
  });

  it.each(templateNames)('applies the %s template from its file and by name', async (name) => {
    const fromFile = await ok('apply', templatePath(name), '--tenant', 'acme');
    // The tenant was created from the B2B file, so that one is already up to date.
    expect(fromFile).toMatch(
      name === 'b2b-standard' ? /^Pipeline b2b-standard is up to date/ : /^Created pipeline/,
    );
    const exported = await ok('export', name, '--tenant', 'acme');
    expect(stageKeys(exported)).toEqual(stageKeys(templateText(name)));
    expect(await ok('apply-template', name, '--tenant', 'acme')).toMatch(/is up to date/);
  });

  it('shows what an edited file would change, then changes it', async () => {
    const file = parse(await ok('export', 'b2b-standard', '--tenant', 'acme')) as {
      stages: (FileStage & { probability: number })[];
    };
    const [first, second] = file.stages;
    if (!first || !second) throw new Error('no stages');
    second.nameEn = 'Qualified';
    first.exit = [];
    const path = write('edited.yaml', stringify(file));
    const dry = await ok('apply', path, '--tenant', 'acme', '--dry-run');
    expect(dry.split('\n')).toEqual([
      'Would update pipeline b2b-standard (dry run: nothing was changed):',
      '  ~ stage initial-contact: exit',
      '  ~ stage needs-confirmed: nameEn',
    ]);
    expect(await ok('export', 'b2b-standard', '--tenant', 'acme')).not.toContain('Qualified');
    const done = await ok('apply', path, '--tenant', 'acme');
    expect(done).toMatch(/^Updated pipeline b2b-standard \([0-9a-f-]{36}\):/);
    expect(await ok('export', 'b2b-standard', '--tenant', 'acme')).toContain('Qualified');
    expect(await ok('apply', path, '--tenant', 'acme')).toMatch(/is up to date/);
  });

  it('exports JSON that applies back', async () => {
    const json = await ok('export', 'b2b-standard', '--tenant', 'acme', '--format', 'json');
    const content = JSON.parse(json) as { key: string; stages: unknown[] };
    expect(content.key).toBe('b2b-standard');
    const path = write('b2b.json', json);
    expect(await ok('apply', path, '--tenant', 'acme')).toMatch(/is up to date/);
    const dry = await ok('apply-template', 'saas', '--tenant', 'acme', '--dry-run');
    expect(dry.split('\n')[0]).toBe('Would create pipeline saas (dry run: nothing was changed):');
    expect((await run('export', 'saas', '--tenant', 'acme')).code).toBe(2);
  });

  it('prints problems in a file as file:line:col and exits 1', async () => {
    const text = templateText('small-business')
      .replace('probability: 100', 'probability: 90')
      .replace('allowSkip: true', 'allowSkip: sometimes');
    const path = write('broken.yaml', text);
    const shape = await run('apply', path, '--tenant', 'acme');
    expect(shape.code).toBe(1);
    const skipLine = text.split('\n').findIndex((l) => l.startsWith('allowSkip')) + 1;
    expect(shape.err).toContain(`${path}:${skipLine}:12: `);
    expect(shape.err).toContain('(allowSkip)');
    const rules = write('rules.yaml', text.replace('allowSkip: sometimes', 'allowSkip: true'));
    const refused = await run('apply', rules, '--tenant', 'acme');
    const wonLine = text.split('\n').findIndex((l) => l.includes('probability: 90')) + 1;
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n')).toEqual([
      'error: The pipeline definition is not valid.',
      `  ${rules}:${wonLine}:18: a won stage has probability 100 (stages/3/probability)`,
    ]);
    const syntax = await run('apply', write('syntax.yaml', 'key: [x\n'), '--tenant', 'acme');
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/syntax\.yaml:2:1: /);
  });

  it('speaks the shell’s language in its errors', async () => {
    vi.stubEnv('LC_ALL', 'zh_CN.UTF-8');
    const path = write(
      'won.yaml',
      templateText('saas').replace('probability: 100', 'probability: 1'),
    );
    const refused = await run('apply', path, '--tenant', 'acme');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('赢单阶段的赢率必须为 100');
  });

  it('refuses wrong usage with exit code 2', async () => {
    const cases: string[][] = [
      ['apply', join(dir, 'missing.yaml'), '--tenant', 'acme'],
      ['apply', templatePath('saas')],
      ['apply', templatePath('saas'), '--tenant', 'nope'],
      ['apply-template', 'nope', '--tenant', 'acme'],
      ['export', 'b2b-standard', '--tenant', 'acme', '--format', 'xml'],
      ['export', 'no-such-pipeline', '--tenant', 'acme'],
    ];
    for (const args of cases) {
      const result = await run(...args);
      expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(2);
    }
  });
});
