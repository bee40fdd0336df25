import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import type { FieldIssue } from '../domain/errors.js';

/**
 * Structured files (YAML, and JSON, which YAML 1.2 reads too) with positions: every problem
 * found in a file — a syntax error, a schema issue from Zod or a rule's issue with a path
 * like `stages/2/probability` — is reported with the line and column it is about, so an
 * admin editing the file in a text editor can go straight to it.
 */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

export interface ParsedText {
  /** The plain value of the document (null for an empty file). */
  readonly value: unknown;
  /**
   * Where the value a slash-separated path names is, or its nearest existing ancestor;
   * with `key`, where the key naming it is (for a key that should not be there).
   */
  locate(path: string, at?: 'key'): FilePosition;
}

export type ParseOutcome =
  | { readonly ok: true; readonly parsed: ParsedText }
  | { readonly ok: false; readonly issues: FieldIssue[] };

const START: FilePosition = { line: 1, column: 1 };

/** Parses YAML or JSON text; syntax errors come back as issues with their positions. */
export function parseStructuredText(text: string): ParseOutcome {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const at = (offset: number): FilePosition => {
    const { line, col } = counter.linePos(offset);
    return line === 0 ? START : { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => syntaxIssue(error.message, at(error.pos[0]))),
    };
  }
  let value: unknown;
  try {
    // Aliases are expanded a bounded number of times, so a "billion laughs" file fails here.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, issues: [syntaxIssue(String(error), START)] };
  }
  return {
    ok: true,
    parsed: { value, locate: (path, target) => locateIn(doc, path, at, target === 'key') },
  };
}

function syntaxIssue(message: string, position: FilePosition): FieldIssue {
  const text = message.split('\n')[0] ?? message;
  return {
    path: '',
    code: 'syntax_error',
    message: text,
    messages: { en: text, 'zh-CN': `文件语法错误：${text}` },
    ...position,
  };
}

function offsetOf(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

/**
 * Walks the document along the path. A scalar is pointed at directly; a list or mapping
 * that is the value of a key is pointed at by its key, which is where the eye looks.
 */
function locateIn(
  doc: Document,
  path: string,
  at: (offset: number) => FilePosition,
  atKey: boolean,
): FilePosition {
  let node: unknown = doc.contents;
  let offset = offsetOf(doc.contents) ?? 0;
  const segments = path === '' ? [] : path.split('/');
  for (const [index, segment] of segments.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair) break;
      const keyOffset = isScalar(pair.key) ? offsetOf(pair.key) : undefined;
      const last = index === segments.length - 1;
      const valueOffset =
        isScalar(pair.value) && !(atKey && last) ? offsetOf(pair.value) : undefined;
      offset = valueOffset ?? keyOffset ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)];
      if (!isScalar(item) && !isMap(item) && !isSeq(item)) break;
      offset = offsetOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return at(offset);
}

const zodLocales = { en: z.locales.en(), 'zh-CN': z.locales.zhCN() };

function zodMessage(locale: keyof typeof zodLocales, issue: $ZodIssue): string {
  const text = zodLocales[locale].localeError(
    issue as Parameters<ReturnType<typeof z.locales.en>['localeError']>[0],
  );
  return typeof text === 'string' ? text : (text?.message ?? issue.message);
}

/**
 * Zod's issues as field issues at their positions, in both languages. An unknown key is
 * reported on its own line (one issue per key) rather than at the object holding it.
 */
export function zodIssuesAt(issues: readonly $ZodIssue[], parsed: ParsedText): FieldIssue[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(String).join('/');
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => (base === '' ? key : `${base}/${key}`))
        : [base];
    const target = issue.code === 'unrecognized_keys' ? 'key' : undefined;
    return paths.map((path) => ({
      path,
      code: issue.code,
      message: zodMessage('en', issue),
      messages: { en: zodMessage('en', issue), 'zh-CN': zodMessage('zh-CN', issue) },
      ...parsed.locate(path, target),
    }));
  });
}

/** Adds positions to issues a rule raised about the file's content (paths as in the file). */
export function issuesAt(issues: readonly FieldIssue[], parsed: ParsedText): FieldIssue[] {
  return issues.map((issue) => ({ ...issue, ...parsed.locate(issue.path) }));
}
