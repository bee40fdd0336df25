import { foldWidth } from './width.js';

/**
 * Legal forms at the end of a Chinese company name, longest first so that 股份有限公司 is
 * removed whole rather than leaving 股份. They say how the company is registered, not
 * which company it is: 华为技术有限公司 and 华为技术股份有限公司 are one customer to a rep.
 */
const chineseForms = [
  '集团股份有限公司',
  '集团有限责任公司',
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '集团公司',
  '股份公司',
  '有限公司',
  '总公司',
  '集团',
  '公司',
] as const;

/** The same for English and other Latin-script names, as whole words after punctuation. */
const latinForms = new Set([
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'co',
  'company',
  'corp',
  'corporation',
  'group',
  'gmbh',
  'ag',
  'sa',
  'sarl',
  'srl',
  'bv',
  'nv',
  'pte',
  'pty',
  'kk',
]);

/** Bracketed qualifiers: a region (（北京）, (中国)) or a legal note (（有限合伙）). */
const BRACKETED = /[([{【〔][^()[\]{}【】〔〕]*[)\]}】〕]/gu;
/** Dots and apostrophes join letters (Co., L.L.C., McDonald's); other punctuation separates. */
const JOINERS = /[.'’`]/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Shorter than this after normalising, a name says too little to match on. */
export const MIN_COMPANY_KEY_LENGTH = 2;

function removeBracketed(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(BRACKETED, ' ');
    if (next === current) return current;
    current = next;
  }
}

function stripLatinForms(words: string[]): string[] {
  const kept = [...words];
  while (kept.length > 1 && latinForms.has(kept.at(-1) ?? '')) kept.pop();
  return kept;
}

function stripChineseForms(name: string): string {
  let current = name;
  for (;;) {
    // A name that is nothing but a legal form names no company.
    if ((chineseForms as readonly string[]).includes(current)) return '';
    const form = chineseForms.find((f) => current.endsWith(f) && current.length > f.length);
    if (!form) return current;
    current = current.slice(0, -form.length);
  }
}

/**
 * The part of a company name that identifies the company: width, case, brackets,
 * punctuation, spaces and legal forms removed. `阿里巴巴（中国）网络技术有限公司` and
 * `阿里巴巴(中国)网络技术 有限公司` both give `阿里巴巴网络技术`; `ACME Co., Ltd.` gives
 * `acme`. Returns null when too little is left to identify anything. Idempotent.
 */
export function normaliseCompanyName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const folded = foldWidth(raw).toLowerCase().normalize('NFKC');
  const words = removeBracketed(folded)
    .replace(JOINERS, '')
    .split(SEPARATORS)
    .filter((word) => word !== '');
  // Joining can bring together characters that compose (Hangul jamo split by a space), so
  // fold once more: the key must be the same when normalised again.
  const core = stripChineseForms(stripLatinForms(words).join('').normalize('NFKC'));
  return [...core].length >= MIN_COMPANY_KEY_LENGTH ? core : null;
}
