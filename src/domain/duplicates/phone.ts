import { foldWidth } from './width.js';

/** A mainland mobile number: 11 digits starting 13–19. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/** Fewer digits than this (110, an extension alone) identify no one. */
export const MIN_PHONE_DIGITS = 6;

const atLeast = (digits: string, result: string): string | null =>
  digits.length >= MIN_PHONE_DIGITS ? result : null;

/**
 * A phone number as digits, so `+86 138-0013-8000`, `0086 13800138000`, `8613800138000`,
 * `(138) 0013 8000` and `１３８００１３８０００` are one number. China's country code is
 * dropped; a landline written internationally (`+86 10 6552 9988`) gets back the trunk 0
 * it is dialled with at home (`01065529988`). Other countries keep `+` and their code.
 * Idempotent.
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = foldWidth(raw).replace(/[^\d+]/g, '');
  let digits = text.replace(/\D/g, '');
  const international = text.startsWith('+') || text.startsWith('00');
  if (!international) {
    // 86 glued to a mobile number is the country code typed without its +.
    const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
    return CN_MOBILE.test(national) ? national : atLeast(digits, digits);
  }
  if (text.startsWith('00')) digits = digits.slice(2);
  if (!digits.startsWith('86')) return atLeast(digits, `+${digits}`);
  const national = digits.slice(2);
  if (CN_MOBILE.test(national) || national.startsWith('0')) return atLeast(national, national);
  return atLeast(national, `0${national}`);
}
