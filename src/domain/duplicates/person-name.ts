import { foldWidth } from './width.js';

/**
 * A person's name for comparison: width, case, spaces and punctuation removed, so
 * `张 三`, `张三` and `欧阳·娜娜`/`欧阳娜娜` compare equal. Too short to mean anything: null.
 */
export function normalisePersonName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const name = foldWidth(raw)
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return [...name].length >= 2 ? name : null;
}
