import { DomainError } from '../errors.js';
import type { FieldIssue } from '../errors.js';

/**
 * Free-form tags on a deal ("VIP", "华东大客户"): trimmed, 1–40 characters, at most 20 per
 * deal, unique without regard to case. The key (lower case) is what uniqueness and the
 * `tag` filters compare, so "VIP" and "vip" are one tag; the first spelling sent is kept.
 */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/** The comparison key of a tag: trimmed, Unicode-normalised, lower case. */
export function tagKey(tag: string): string {
  return tag.trim().normalize('NFC').toLowerCase();
}

const issue = (path: string, code: string, en: string, zh: string): FieldIssue => ({
  path,
  code,
  message: en,
  messages: { en, 'zh-CN': zh },
});

/** Tags in their stored order: by key, compared by code point (the same on every database). */
export function sortTags(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => {
    const [ka, kb] = [tagKey(a), tagKey(b)];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** The tag set a request asks for, duplicates (by key) dropped, in stored order. */
export function normaliseTags(tags: readonly string[]): string[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const [index, raw] of tags.entries()) {
    const tag = raw.trim().normalize('NFC');
    if (tag.length === 0 || [...tag].length > MAX_TAG_LENGTH) {
      issues.push(
        issue(
          `tags/${index}`,
          'invalid_tag',
          `A tag must have 1 to ${MAX_TAG_LENGTH} characters.`,
          `标签长度须为 1 到 ${MAX_TAG_LENGTH} 个字符。`,
        ),
      );
      continue;
    }
    const key = tagKey(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(tag);
  }
  if (kept.length > MAX_TAGS)
    issues.push(
      issue(
        'tags',
        'too_many_tags',
        `A deal may carry at most ${MAX_TAGS} tags.`,
        `每个商机最多 ${MAX_TAGS} 个标签。`,
      ),
    );
  if (issues.length > 0) throw new DomainError('validation_failed', {}, issues);
  return sortTags(kept);
}
