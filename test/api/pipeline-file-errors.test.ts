import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { snapshot } from '../support/counts.js';
import { dialectsUnderTest } from '../support/dialects.js';
import { threeStages } from '../support/fixtures.js';
import { lineOf, putFile } from '../support/pipeline-files.js';
import type { FileProblem } from '../support/pipeline-files.js';
import { startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';
import { createTestTenant, TEST_PASSWORD } from '../support/tenants.js';
import type { TestTenant } from '../support/tenants.js';

/**
 * A broken pipeline file answers 422 pipeline_invalid with every problem at its line and
 * column — schema problems, the pipeline rules' problems and syntax errors alike, in YAML
 * and in JSON — and writes nothing.
 */
const stage = (lines: string[]) =>
  lines.map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`));

/** Problems of shape: caught by the schema, before any rule runs. */
const shapeErrors = [
  'key: broken', //                              1
  'nameZh: 坏的', //                              2
  'nameEn: Broken', //                           3
  'allowSkip: maybe', //                         4  not a boolean
  'stages:', //                                  5
  ...stage([
    'key: start', //                             6
    'nameZh: 开始', //                            7
    'nameEn: Start', //                          8
    'kind: open', //                             9
    'probability: 10', //                        10
    'forecastCategory: pipeline', //             11
    'colour: blue', //                           12 unknown key
  ]),
  ...stage([
    'key: won', //                               13
    'nameZh: 赢', //                              14 (no nameEn)
    'kind: won', //                              15
    'probability: 100', //                       16
    'forecastCategory: closed', //               17
  ]),
  ...stage([
    'key: lost', //                              18
    'nameZh: 输', //                              19
    'nameEn: Lost', //                           20
    'kind: lost', //                             21
    'probability: 0', //                         22
    'forecastCategory: nowhere', //              23 not a category
  ]),
].join('\n');

/** Well-shaped, but against the pipeline rules. */
const ruleErrors = [
  'key: broken', //                              1
  'nameZh: 坏的', //                              2
  'nameEn: Broken', //                           3
  'stages:', //                                  4
  ...stage([
    'key: start', //                             5
    'nameZh: 开始', //                            6
    'nameEn: Start', //                          7
    'kind: open', //                             8
    'probability: 10', //                        9
    'forecastCategory: pipeline', //             10
    'exit:', //                                  11
    '  - type: action', //                       12 no such action
    '    action: demo', //                       13
  ]),
  ...stage([
    'key: won', //                               14
    'nameZh: 赢', //                              15
    'nameEn: Won', //                            16
    'kind: won', //                              17
    'probability: 90', //                        18 a won stage is 100
    'forecastCategory: closed', //               19
  ]),
  ...stage([
    'key: won', //                               20 duplicate key
    'nameZh: 又赢', //                            21
    'nameEn: Won again', //                      22
    'kind: won', //                              23
    'probability: 100', //                       24
    'forecastCategory: closed', //               25
  ]),
].join('\n');

const positions = (problem: FileProblem) =>
  (problem.errors ?? []).map(({ path, code, line, column }) => ({ path, code, line, column }));

describe.each(dialectsUnderTest())('pipeline file errors ($name)', (dialect) => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    t = await createTestTenant(server);
  });
  afterAll(async () => server?.close());

  /** Sends a file that must be refused, and checks nothing was written. */
  async function refused(text: string, contentType?: string, client = t.client) {
    const before = await snapshot(server.runtime.store);
    const response = await putFile<FileProblem>(client, 'broken', text, contentType);
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('pipeline_invalid');
    expect(await snapshot(server.runtime.store)).toEqual(before);
    return response.body;
  }

  it('reports every schema problem at its line and column', async () => {
    expect(positions(await refused(shapeErrors))).toEqual([
      { path: 'allowSkip', code: 'invalid_type', line: 4, column: 12 },
      { path: 'stages/0/colour', code: 'unrecognized_keys', line: 12, column: 5 },
      // a missing field is reported at the stage that lacks it
      { path: 'stages/1/nameEn', code: 'invalid_type', line: 13, column: 5 },
      { path: 'stages/2/forecastCategory', code: 'invalid_value', line: 23, column: 23 },
    ]);
  });

  it('reports every rule broken at its line and column, in the reader’s language', async () => {
    const problem = await refused(ruleErrors);
    expect(positions(problem)).toEqual([
      { path: 'stages/1/probability', code: 'won_probability', line: 18, column: 18 },
      { path: 'stages/2/key', code: 'duplicate_key', line: 20, column: 10 },
      { path: 'stages/0/exit/0', code: 'unknown_action', line: 12, column: 9 },
      { path: 'stages', code: 'missing_lost_stage', line: 4, column: 1 },
    ]);
    const zh = await new ApiClient(server.url, 'zh-CN').signIn(t.admin.email, TEST_PASSWORD);
    const inChinese = await refused(ruleErrors, undefined, zh);
    expect(inChinese.errors?.[0]?.message).toBe('赢单阶段的赢率必须为 100');
  });

  it('reports a YAML syntax error with its position', async () => {
    const text = ['key: broken', 'stages:', '  - key: [start', '    kind: open'].join('\n');
    const problem = await refused(text);
    expect(problem.errors?.length).toBeGreaterThan(0);
    for (const issue of problem.errors ?? []) {
      expect(issue.code).toBe('syntax_error');
      expect(issue.line).toBeGreaterThanOrEqual(3);
      expect(issue.column).toBeGreaterThanOrEqual(1);
    }
    // a tab for indentation is a classic: pointed at exactly
    const tabbed = await refused('key: broken\nstages:\n\t- key: start\n');
    expect(positions(tabbed)[0]).toMatchObject({ code: 'syntax_error', line: 3, column: 1 });
  });

  it('positions problems in a JSON file, and its syntax errors', async () => {
    const file = {
      key: 'broken',
      nameZh: '坏的',
      nameEn: 'Broken',
      stages: threeStages.map((s) => (s.key === 'open' ? { ...s, probability: 'high' } : s)),
    };
    const text = JSON.stringify(file, null, 2);
    const line = lineOf(text, '"high"');
    expect(positions(await refused(text, 'application/json'))).toEqual([
      { path: 'stages/0/probability', code: 'invalid_type', line, column: 22 },
    ]);
    const malformed = await refused('{\n  "key": "broken",\n  "stages": [\n', 'application/json');
    expect(malformed.errors?.[0]).toMatchObject({ code: 'syntax_error', line: 4 });
  });

  it('refuses a file for another key than the one addressed, at its key', async () => {
    const text = ['key: someone-else', 'nameZh: 别人', 'nameEn: Else', 'stages: []'].join('\n');
    const problem = await refused(text);
    // the shape problem (too few stages) and the wrong key are separate passes: shape first
    expect(positions(problem)).toEqual([{ path: 'stages', code: 'too_small', line: 4, column: 1 }]);
    const file = ['key: someone-else', 'nameZh: 别人', 'nameEn: Else', 'stages:'].concat(
      threeStages.flatMap((s) =>
        stage(Object.entries(s).map(([field, value]) => `${field}: ${value}`)),
      ),
    );
    expect(positions(await refused(file.join('\n')))).toEqual([
      { path: 'key', code: 'key_mismatch', line: 1, column: 6 },
    ]);
  });

  it('answers an empty file and a list with a problem at the start', async () => {
    expect(positions(await refused(''))).toEqual([
      { path: '', code: 'invalid_type', line: 1, column: 1 },
    ]);
    expect(positions(await refused('- a\n- b\n'))).toEqual([
      { path: '', code: 'invalid_type', line: 1, column: 1 },
    ]);
  });
});
