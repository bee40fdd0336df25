import { describe, expect, it } from 'vitest';
import type { Locale } from '../domain/tenancy/tenant.js';
import { negotiateLocale } from './negotiate.js';

describe('negotiateLocale', () => {
  it.each<[string | undefined, Locale]>([
    [undefined, 'en'],
    ['', 'en'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['EN-gb', 'en'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    // every Chinese variant maps to our only Chinese catalogue
    ['zh-TW', 'zh-CN'],
    ['zh-Hant', 'zh-CN'],
    ['zh-Hant-HK', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    // a browser's full header: first entry wins at equal (implicit) q
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    // q-values beat header order
    ['en;q=0.5, zh;q=0.8', 'zh-CN'],
    ['zh;q=0.1, en', 'en'],
    ['zh-TW;q=0.7, en-GB;q=0.71', 'en'],
    // equal q: the earlier entry wins
    ['zh;q=0.5, en;q=0.5', 'zh-CN'],
    ['en;q=0.5, zh;q=0.5', 'en'],
    // unsupported languages are skipped, not treated as English
    ['fr-FR, de;q=0.9, zh;q=0.1', 'zh-CN'],
    ['ja, en;q=0.2', 'en'],
    // q=0 means "not acceptable": zh must not be chosen even though it comes first
    ['zh;q=0, en', 'en'],
    ['en;q=0, zh;q=0.001', 'zh-CN'],
    ['en-US;q=0.000, zh-TW', 'zh-CN'],
    // RFC 9110 allows whitespace before ";": a bare "en " must still be English
    ['  zh-CN ;  q=0.9 , en ; q=0.95 ', 'en'],
    ['zh ;q=0.5, fr', 'zh-CN'],
    // the "q" parameter name is case-insensitive, so Q=0 still means "not acceptable"
    ['zh;Q=0, en', 'en'],
    ['en;Q=0.1, zh;q=0.2', 'zh-CN'],
    // other parameters do not hide the q-value
    ['zh;level=1;q=0.2, en;q=0.3', 'en'],
  ])('%j -> %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it.each<[string | undefined, Locale, Locale]>([
    [undefined, 'zh-CN', 'zh-CN'],
    ['', 'zh-CN', 'zh-CN'],
    ['fr', 'zh-CN', 'zh-CN'],
    ['*', 'zh-CN', 'zh-CN'],
    ['fr', 'en', 'en'],
    // every acceptable language has q=0: nothing matches, use the tenant's locale
    ['zh;q=0, en;q=0', 'zh-CN', 'zh-CN'],
    ['en', 'zh-CN', 'en'],
    // tags that merely start with the letters "en"/"zh" are other languages
    ['eng', 'zh-CN', 'zh-CN'],
    ['zha', 'en', 'en'],
    ['english', 'zh-CN', 'zh-CN'],
  ])('%j with fallback %s -> %s', (header, fallback, expected) => {
    expect(negotiateLocale(header, fallback)).toBe(expected);
  });

  it.each<string>([
    ',,,',
    ';;;',
    ';q=1',
    ' , ; , ',
    'q=0.5',
    '\u0000\u0001',
    'zh_CN',
    'fr;q=abc',
    // an out-of-grammar q-value that is not a number at all is dropped
    'zh;q=1.2.3',
  ])('malformed header %j falls back', (header) => {
    expect(negotiateLocale(header, 'en')).toBe('en');
  });

  it('does not fail on a very long header', () => {
    const header = Array.from({ length: 5000 }, (_, i) => `x${i};q=0.${i % 10}`).join(',');
    expect(negotiateLocale(`${header},zh;q=0.05`)).toBe('zh-CN');
  });
});
