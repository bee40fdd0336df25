import { describe, expect, it } from 'vitest';
import { normaliseCompanyName } from './company-name.js';
import { creditCodeCheckChar, normaliseCreditCode } from './credit-code.js';
import { normaliseEmail } from './email.js';
import { normalisePersonName } from './person-name.js';
import { normalisePhone } from './phone.js';
import { domainFromEmail, domainFromWebsite, isFreeMailDomain } from './web-domain.js';
import { toHalfWidth } from './width.js';

describe('toHalfWidth', () => {
  it('folds full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('ＡＣＭＥ　１２３（）＠')).toBe('ACME 123()@');
    expect(toHalfWidth('华为')).toBe('华为');
  });
});

describe('normaliseCompanyName', () => {
  it('gives the same key when normalised again, even where joining words composes characters', () => {
    // found by the property test: Hangul jamo split by a space compose once joined
    expect(normaliseCompanyName('ㄱ ㅏ')).toBeNull();
    expect(normaliseCompanyName('ㄱ ㅏ ㄴ ㅏ')).toBe(
      normaliseCompanyName(normaliseCompanyName('ㄱ ㅏ ㄴ ㅏ')),
    );
  });

  it.each([
    ['华为技术有限公司', '华为技术'],
    ['华为技术股份有限公司', '华为技术'],
    ['华为技术有限责任公司', '华为技术'],
    ['万达集团有限公司', '万达'],
    ['万达集团股份有限公司', '万达'],
    ['万达集团', '万达'],
    ['万达公司', '万达'],
    // region qualifiers in brackets, full- or half-width, anywhere in the name
    ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴网络技术'],
    ['阿里巴巴(中国)网络技术有限公司', '阿里巴巴网络技术'],
    ['（北京）字节跳动科技有限公司', '字节跳动科技'],
    ['博远科技【上海】有限公司', '博远科技'],
    // width, case, spaces, punctuation
    ['ＡＣＭＥ　有限公司', 'acme'],
    ['博远 · 科技 有限公司', '博远科技'],
    ['ACME Co., Ltd.', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['ACME INC', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Limited', 'acme'],
    ['Siemens AG', 'siemens'],
    ['Bosch GmbH', 'bosch'],
    ['Acme (China) Co., Ltd.', 'acme'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseCompanyName(raw)).toBe(expected);
  });

  it('keeps what tells companies apart', () => {
    expect(normaliseCompanyName('华为技术有限公司')).not.toBe(
      normaliseCompanyName('华为终端有限公司'),
    );
    // a branch is its own record
    expect(normaliseCompanyName('华为技术有限公司北京分公司')).toBe('华为技术有限公司北京分');
    // a legal form word inside a name stays
    expect(normaliseCompanyName('Company Shop Ltd')).toBe('companyshop');
  });

  it('gives nothing when nothing identifying is left', () => {
    for (const raw of ['', '   ', '有限公司', '公司', '(中国)', 'A公司', '---', null, undefined])
      expect(normaliseCompanyName(raw), String(raw)).toBeNull();
  });
});

describe('normaliseCreditCode', () => {
  // GB 32100-2015's own example and real codes from business licences.
  it.each(['91350100M000100Y43', '914403001922038216', '91110000802100433B'])(
    '%s is valid',
    (code) => {
      expect(normaliseCreditCode(code)).toBe(code);
    },
  );

  it('canonicalises case, width, spaces and dashes', () => {
    expect(normaliseCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(normaliseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(normaliseCreditCode('9135-0100-M000-100Y43')).toBe('91350100M000100Y43');
  });

  it('refuses a wrong check character, so a typo matches nothing', () => {
    expect(normaliseCreditCode('91350100M000100Y44')).toBeNull();
    expect(normaliseCreditCode('91350100M000100Y4')).toBeNull();
    // I, O, S, V and Z are not in the alphabet
    expect(normaliseCreditCode('91350100M000100I43')).toBeNull();
    expect(normaliseCreditCode(null)).toBeNull();
  });

  it('computes the check character of the standard', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('short')).toBeNull();
  });
});

describe('normalisePhone', () => {
  it.each([
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['(138) 0013 8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['138.0013.8000', '13800138000'],
    ['010-6552 9988', '01065529988'],
    ['+86 10 6552 9988', '01065529988'],
    ['+86 (0)10 6552 9988', '01065529988'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['001 415 555 0100', '+14155550100'],
  ])('%s → %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it('gives nothing for numbers too short to identify anyone', () => {
    for (const raw of ['110', '', 'n/a', '+86', null]) expect(normalisePhone(raw)).toBeNull();
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Zhang.San@ACME.cn ')).toBe('zhang.san@acme.cn');
    expect(normaliseEmail('zhang＠acme.cn')).toBe('zhang@acme.cn');
  });
  it('gives nothing for what is not an address', () => {
    for (const raw of ['zhang', '@acme.cn', 'zhang@', 'zhang san@acme.cn', null])
      expect(normaliseEmail(raw)).toBeNull();
  });
});

describe('web domains', () => {
  it.each([
    ['https://www.Example.com/about', 'example.com'],
    ['WWW.example.com:8080', 'example.com'],
    ['example.com.', 'example.com'],
    ['http://shop.example.com.cn/?q=1', 'shop.example.com.cn'],
    ['//www.acme.cn', 'acme.cn'],
    ['ｗｗｗ．ａｃｍｅ．ｃｎ', 'acme.cn'],
  ])('website %s → %s', (raw, expected) => {
    expect(domainFromWebsite(raw)).toBe(expected);
  });

  it('takes the domain of a company address', () => {
    expect(domainFromEmail('Zhang@ACME.cn')).toBe('acme.cn');
  });

  it('ignores free mail providers, sub-domains included', () => {
    for (const email of [
      'a@qq.com',
      'a@163.com',
      'a@126.com',
      'a@gmail.com',
      'a@outlook.com',
      'a@hotmail.com',
      'a@sina.com',
      'a@foxmail.com',
      'a@yahoo.com',
      'a@vip.qq.com',
    ])
      expect(domainFromEmail(email), email).toBeNull();
    expect(domainFromWebsite('https://mail.qq.com')).toBeNull();
    expect(isFreeMailDomain('acme.cn')).toBe(false);
  });

  it('gives nothing for what is not a host', () => {
    for (const raw of ['not a site', 'localhost', '', 'http://', null])
      expect(domainFromWebsite(raw)).toBeNull();
  });
});

describe('normalisePersonName', () => {
  it('ignores spaces, width and the middle dot', () => {
    expect(normalisePersonName('张 三')).toBe('张三');
    expect(normalisePersonName('欧阳·娜娜')).toBe(normalisePersonName('欧阳娜娜'));
    expect(normalisePersonName('Zhang  San')).toBe('zhangsan');
    expect(normalisePersonName('张')).toBeNull();
  });
});
