import { toHalfWidth } from './width.js';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S,
 * V, Z); characters 3–8 are the administrative division code; the 18th is a check
 * character over the first 17. A code that fails the check is a typo, and a typo must not
 * make two companies look like one.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters, or null if they are not from the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** The code in canonical form (upper case, no spaces or dashes) if it is valid, else null. */
export function normaliseCreditCode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const code = toHalfWidth(raw).toUpperCase().replace(/[\s-]/g, '');
  if (!SHAPE.test(code)) return null;
  return creditCodeCheckChar(code.slice(0, 17)) === code.charAt(17) ? code : null;
}
