import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordIssues } from './password-policy.js';

const EMAIL = 'zhang.wei@example.cn';
const codes = (password: string, email = EMAIL) =>
  passwordIssues(password, email).map((issue) => issue.code);

describe('passwordIssues', () => {
  it('has the NIST-style limits', () => {
    expect([PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH]).toEqual([10, 256]);
  });

  it.each<[string, string, string, string[]]>([
    ['a long passphrase', 'correct horse battery staple', EMAIL, []],
    ['exactly the minimum length', 'a'.repeat(10), EMAIL, []],
    ['one below the minimum', 'a'.repeat(9), EMAIL, ['too_short']],
    ['empty', '', EMAIL, ['too_short']],
    // composition rules are deliberately absent: lowercase letters only is fine
    ['only lowercase letters', 'abcdefghij', EMAIL, []],
    ['exactly the maximum length', 'a'.repeat(256), EMAIL, []],
    ['one above the maximum', 'a'.repeat(257), EMAIL, ['too_long']],
    // length counts code points: five emoji are 10 UTF-16 units but only 5 characters
    ['five astral-plane emoji', '😀'.repeat(5), EMAIL, ['too_short']],
    ['ten emoji', '😀'.repeat(10), EMAIL, []],
    ['ten Chinese characters', '我的密码非常安全可靠', EMAIL, []],
    ['256 emoji (512 code units)', '😀'.repeat(256), EMAIL, []],
    ['contains the e-mail name', 'my-zhang.wei-pass', EMAIL, ['contains_email']],
    ['contains the e-mail name in other case', 'XXZHANG.WEIXX', EMAIL, ['contains_email']],
    ['is the e-mail name, too short as well', 'zhang.wei', EMAIL, ['too_short', 'contains_email']],
    ['contains the whole address', `secret ${EMAIL}`, EMAIL, ['contains_email']],
    ['contains only part of the e-mail name', 'zhang-secure-pass', EMAIL, []],
    // an upper-case e-mail must not dodge the check
    ['upper-case e-mail', 'hello-admin-world', 'ADMIN@example.cn', ['contains_email']],
    // names under 3 characters would forbid too much ("li" is in "reliable")
    ['two-letter e-mail name', 'reliable passphrase', 'li@example.cn', []],
    ['three-letter e-mail name', 'my wei passphrase', 'wei@example.cn', ['contains_email']],
    ['e-mail without an @', 'nobody-knows-this', 'nobody', ['contains_email']],
    ['empty e-mail', 'perfectly fine', '', []],
  ])('%s', (_name, password, email, expected) => {
    expect(codes(password, email)).toEqual(expected);
  });

  it('reports issues on the password field with readable messages', () => {
    expect(passwordIssues('admin', 'admin@example.cn')).toEqual([
      { path: 'password', code: 'too_short', message: 'at least 10 characters' },
      { path: 'password', code: 'contains_email', message: 'must not contain your e-mail name' },
    ]);
    expect(passwordIssues('x'.repeat(300), 'a@b.c')).toEqual([
      { path: 'password', code: 'too_long', message: 'at most 256 characters' },
    ]);
  });
});
