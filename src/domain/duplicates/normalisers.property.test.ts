import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCompanyName } from './company-name.js';
import { creditCodeCheckChar, normaliseCreditCode } from './credit-code.js';
import { normaliseEmail } from './email.js';
import { normalisePersonName } from './person-name.js';
import { normalisePhone } from './phone.js';
import { domainFromWebsite } from './web-domain.js';
import { toHalfWidth } from './width.js';

/**
 * Properties every normaliser must have for match keys to be stable: applying it twice
 * changes nothing (a key re-derived from a stored key is the same key), and the
 * variations people type — width, case, spacing, country codes — do not change the key.
 */
const fullWidth = (text: string) =>
  text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

// Text with the characters company names and numbers are made of, plus anything at all.
const cjk = fc.constantFrom(...'华为技术博远科技有限公司集团股份责任中国北京上海（）()【】·');
const latin = fc.constantFrom(..."AaBbCcOoLlTtDdIiNnGg .,-&'");
const nameish = fc
  .array(fc.oneof(cjk, latin, fc.string({ maxLength: 1, unit: 'grapheme' })), { maxLength: 30 })
  .map((chars) => chars.join(''));
const anything = fc.oneof(nameish, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string());

const idempotent = (normalise: (raw: string) => string | null) =>
  fc.property(anything, (raw) => {
    const once = normalise(raw);
    if (once !== null) expect(normalise(once)).toBe(once);
  });

describe('normalisers are idempotent', () => {
  it('company name', () => fc.assert(idempotent(normaliseCompanyName), { numRuns: 3000 }));
  it('phone', () => fc.assert(idempotent(normalisePhone), { numRuns: 3000 }));
  it('e-mail', () => fc.assert(idempotent(normaliseEmail), { numRuns: 2000 }));
  it('website domain', () => fc.assert(idempotent(domainFromWebsite), { numRuns: 2000 }));
  it('person name', () => fc.assert(idempotent(normalisePersonName), { numRuns: 2000 }));
  it('credit code', () => fc.assert(idempotent(normaliseCreditCode), { numRuns: 1000 }));
});

describe('normalisers ignore how a value was typed', () => {
  const words = fc.array(fc.constantFrom('华为', '技术', 'Acme', 'Tech', '博远', '数据'), {
    minLength: 1,
    maxLength: 4,
  });
  const form = fc.constantFrom(
    '有限公司',
    '股份有限公司',
    '有限责任公司',
    '集团',
    ' Co., Ltd.',
    ' Inc.',
    '',
  );
  const region = fc.constantFrom('', '（北京）', '(中国)', '【上海】');

  it('company: width, case, spacing, region in brackets and legal form', () => {
    fc.assert(
      fc.property(words, form, form, region, (parts, a, b, where) => {
        const plain = normaliseCompanyName(parts.join('') + a);
        const noisy = normaliseCompanyName(fullWidth(parts.join(' ').toUpperCase()) + where + b);
        expect(noisy).toBe(plain);
      }),
    );
  });

  const mobile = fc
    .tuple(fc.constantFrom('13', '15', '18', '19'), fc.stringMatching(/^\d{9}$/))
    .map(([prefix, rest]) => prefix + rest);

  it('phone: country code, separators and width', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', '+86', '+86 ', '0086', '0086-', '86'),
        fc.constantFrom('', ' ', '-', '.'),
        fc.boolean(),
        (number, country, sep, wide) => {
          const spaced = `${number.slice(0, 3)}${sep}${number.slice(3, 7)}${sep}${number.slice(7)}`;
          const typed = country + spaced;
          expect(normalisePhone(wide ? fullWidth(typed) : typed)).toBe(number);
        },
      ),
    );
  });

  it('e-mail: case and surrounding spaces', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom('', ' ', '\t'), (email, pad) => {
        expect(normaliseEmail(pad + email.toUpperCase() + pad)).toBe(normaliseEmail(email));
      }),
    );
  });

  it('credit code: every valid code is recognised, every single-character typo refused', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const body = fc
      .tuple(
        fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{2}$/),
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{9}$/),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(body, fc.nat(16), fc.nat(30), (first17, at, shift) => {
        const code = first17 + (creditCodeCheckChar(first17) ?? '');
        expect(normaliseCreditCode(code.toLowerCase())).toBe(code);
        // the weighted check catches any one changed character among the first 17
        const original = code.charAt(at);
        const replacement = alphabet.charAt((alphabet.indexOf(original) + 1 + shift) % 31);
        if (replacement === original || (at >= 2 && at < 8 && !/\d/.test(replacement))) return;
        const typo = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(normaliseCreditCode(typo)).toBeNull();
      }),
    );
  });

  it('half-width folding is idempotent and leaves ASCII alone', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(toHalfWidth(toHalfWidth(text))).toBe(toHalfWidth(text));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (text) => {
        expect(toHalfWidth(text)).toBe(text);
      }),
    );
  });
});
