import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ParsedText } from './file-positions.js';
import { issuesAt, parseStructuredText, zodIssuesAt } from './file-positions.js';

/** Parses text that must be well-formed; the positions below are counted by hand. */
function parsed(text: string): ParsedText {
  const outcome = parseStructuredText(text);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.parsed;
}

const yaml = [
  'key: demo', //                      line 1
  'stages:', //                        line 2
  '  - key: first', //                 line 3
  '    probability: 10', //            line 4
  '    exit:', //                      line 5
  '      - type: field', //            line 6
  '        field: budget', //          line 7
  '  - key: won', //                   line 8
  '    probability: 90', //            line 9
  'teamIds: []', //                    line 10
].join('\n');

describe('parseStructuredText', () => {
  it('reads the value', () => {
    expect(parsed(yaml).value).toMatchObject({ key: 'demo', stages: [{ key: 'first' }, {}] });
  });

  it.each<[string, number, number]>([
    // a scalar is pointed at itself
    ['key', 1, 6],
    ['stages/1/probability', 9, 18],
    ['stages/0/exit/0/field', 7, 16],
    // a list or mapping that is a key's value is pointed at by its key
    ['stages', 2, 1],
    ['stages/0/exit', 5, 5],
    // a list item is pointed at where it starts
    ['stages/1', 8, 5],
    ['stages/0/exit/0', 6, 9],
    // a flow collection is a value like any other
    ['teamIds', 10, 1],
    // the whole document
    ['', 1, 1],
  ])('locates %s at %i:%i', (path, line, column) => {
    expect(parsed(yaml).locate(path)).toEqual({ line, column });
  });

  it.each<[string, number, number]>([
    // a missing member: the nearest thing that exists, so the eye lands on the right stage
    ['stages/1/nameEn', 8, 5],
    ['stages/7/key', 2, 1],
    ['nope/deeper', 1, 1],
    ['stages/0/probability/extra', 4, 18],
  ])('locates the missing %s at its nearest ancestor %i:%i', (path, line, column) => {
    expect(parsed(yaml).locate(path)).toEqual({ line, column });
  });

  it('points at the key itself when asked (a key that should not be there)', () => {
    expect(parsed(yaml).locate('stages/1/probability', 'key')).toEqual({ line: 9, column: 5 });
  });

  it('locates inside JSON, which is YAML too', () => {
    const json = '{\n  "key": "demo",\n  "stages": [\n    { "key": "a", "kind": 3 }\n  ]\n}';
    expect(parsed(json).locate('stages/0/kind')).toEqual({ line: 4, column: 27 });
    expect(parsed(json).locate('key')).toEqual({ line: 2, column: 10 });
  });

  it('reports syntax errors at their position', () => {
    const outcome = parseStructuredText('key: demo\nstages:\n  - key: [a\n');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues[0]).toMatchObject({ code: 'syntax_error', path: '', line: 4, column: 1 });
    // the message is the parser's first line, without a code frame
    expect(outcome.issues[0]?.message).not.toContain('\n');
  });

  it('reports a duplicate key and a tab indentation as syntax errors', () => {
    const duplicate = parseStructuredText('key: a\nkey: b\n');
    expect(duplicate.ok ? [] : duplicate.issues.map((i) => [i.line, i.column])).toEqual([[2, 1]]);
    const tab = parseStructuredText('stages:\n\t- key: a\n');
    expect(tab.ok).toBe(false);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
      .concat(
        ['b', 'c', 'd', 'e', 'f'].map(
          (name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcde'[i]}`).join(', ')}]`,
        ),
      )
      .join('\n');
    const outcome = parseStructuredText(bomb);
    expect(outcome.ok ? [] : outcome.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/alias/i),
    ]);
  });

  it('gives an empty file the value null, located at the start', () => {
    const empty = parsed('');
    expect(empty.value).toBeNull();
    expect(empty.locate('key')).toEqual({ line: 1, column: 1 });
  });
});

describe('zodIssuesAt', () => {
  const Schema = z.strictObject({
    key: z.string(),
    stages: z.array(z.strictObject({ key: z.string(), probability: z.number().max(100) })),
    teamIds: z.array(z.string()),
  });

  it('positions each Zod issue, with its message in both languages', () => {
    const text =
      'key: demo\nstages:\n  - key: a\n    probability: 120\n    colour: red\nteamIds: []';
    const file = parsed(text);
    const result = Schema.safeParse(file.value);
    expect(result.success).toBe(false);
    const issues = zodIssuesAt(result.error?.issues ?? [], file);
    expect(issues.map(({ path, code, line, column }) => ({ path, code, line, column }))).toEqual([
      { path: 'stages/0/probability', code: 'too_big', line: 4, column: 18 },
      // the unknown key is reported at the key, once per key
      { path: 'stages/0/colour', code: 'unrecognized_keys', line: 5, column: 5 },
    ]);
    expect(issues[0]?.messages?.en).toMatch(/100/);
    expect(issues[0]?.messages?.['zh-CN']).toMatch(/100/);
    expect(issues[0]?.messages?.['zh-CN']).not.toBe(issues[0]?.messages?.en);
  });

  it('reports a wrong top-level shape at the start of the file', () => {
    const file = parsed('- just\n- a list\n');
    const issues = zodIssuesAt(Schema.safeParse(file.value).error?.issues ?? [], file);
    expect(issues).toMatchObject([{ path: '', code: 'invalid_type', line: 1, column: 1 }]);
  });
});

describe('issuesAt', () => {
  it('adds positions to the issues a rule raised about the content', () => {
    const issues = issuesAt(
      [{ path: 'stages/1/probability', code: 'won_probability', message: 'a won stage…' }],
      parsed(yaml),
    );
    expect(issues).toEqual([
      {
        path: 'stages/1/probability',
        code: 'won_probability',
        message: 'a won stage…',
        line: 9,
        column: 18,
      },
    ]);
  });
});
