import { foldWidth } from './width.js';

/**
 * An e-mail address for comparison: trimmed and lower-cased (mailbox names are
 * case-insensitive in practice), full-width ＠ folded. Not an address: null. Idempotent.
 */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = foldWidth(raw).trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1 || /\s/.test(email)) return null;
  return email;
}
