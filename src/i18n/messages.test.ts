import { describe, expect, it } from 'vitest';
import type { ErrorCode, ErrorParams } from '../domain/errors.js';
import { errorCodes } from '../domain/errors.js';
import type { Locale } from '../domain/tenancy/tenant.js';
import { locales } from '../domain/tenancy/tenant.js';
import { translate } from './messages.js';

/** A value for every placeholder any message uses. */
const allParams: ErrorParams = {
  entity: 'opportunity',
  field: 'accountId',
  other: 'contactId',
  dependents: 'contacts',
  stages: 'won, lost',
  left: 'CNY',
  right: 'USD',
  retryAfter: 900,
  count: 3,
  key: 'b2b-standard',
  until: '2026-12-01',
  max: 3,
  perDays: 7,
  status: 'running',
  percent: 25,
  threshold: 20,
};

const cases = locales.flatMap((locale) => errorCodes.map((code) => [locale, code] as const));

describe('translate', () => {
  it.each(cases)('%s has a complete message for %s', (locale, code) => {
    const message = translate(code, locale, allParams);
    expect(message.trim()).not.toBe('');
    // a leftover placeholder means the catalogue and the params disagree
    expect(message).not.toMatch(/[{}]/);
  });

  it.each(errorCodes)('%s reads differently in zh-CN and en', (code) => {
    expect(translate(code, 'zh-CN', allParams)).not.toBe(translate(code, 'en', allParams));
  });

  it.each(errorCodes)('%s uses the same placeholders in both locales', (code) => {
    // a placeholder only one locale knows would be filled in one language and not the other
    const placeholders = (locale: Locale) =>
      [...translate(code, locale).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(placeholders('zh-CN')).toEqual(placeholders('en'));
  });

  it('zh-CN messages are written in Chinese', () => {
    for (const code of errorCodes) {
      expect(translate(code, 'zh-CN', allParams), code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each<[ErrorCode, Locale, ErrorParams, string]>([
    ['not_found', 'en', { entity: 'opportunity' }, 'The opportunity was not found.'],
    ['not_found', 'zh-CN', { entity: 'opportunity' }, '未找到该商机。'],
    ['not_found', 'zh-CN', { entity: 'account' }, '未找到该客户。'],
    ['not_found', 'zh-CN', { entity: 'pool' }, '未找到该公海池。'],
    // unknown entity names pass through rather than vanish
    ['not_found', 'zh-CN', { entity: 'widget' }, '未找到该widget。'],
    [
      'version_conflict',
      'zh-CN',
      { entity: 'lead' },
      '该线索已被他人修改，请刷新后重新提交您的修改。',
    ],
    [
      'has_dependents',
      'en',
      { entity: 'account', dependents: 'contacts' },
      'The account cannot be deleted while it still has contacts.',
    ],
    [
      'has_dependents',
      'zh-CN',
      { entity: 'account', dependents: 'contacts' },
      '该客户仍有关联数据，无法删除：contacts。',
    ],
    [
      'currency_mismatch',
      'en',
      { left: 'CNY', right: 'USD' },
      'Amounts in CNY and USD cannot be combined.',
    ],
    ['currency_mismatch', 'zh-CN', { left: 'CNY', right: 'USD' }, 'CNY 与 USD 金额不能合并计算。'],
    // only {entity} is a translated name; other params are inserted verbatim
    ['duplicate', 'zh-CN', { field: 'account' }, '已存在相同 account 的记录。'],
    // numbers are accepted as params
    [
      'stage_in_use',
      'en',
      { stages: 3 },
      'Stages still used by opportunities cannot be removed: 3.',
    ],
    ['unauthenticated', 'zh-CN', {}, '请先登录。'],
    ['validation_failed', 'en', { unused: 'x' }, 'The request is not valid.'],
  ])('%s in %s with %j', (code, locale, params, expected) => {
    expect(translate(code, locale, params)).toBe(expected);
  });

  it.each([
    ['account', '客户'],
    ['contact', '联系人'],
    ['lead', '线索'],
    ['opportunity', '商机'],
    ['pipeline', '销售流程'],
    ['stage', '阶段'],
    ['activity', '跟进记录'],
    ['task', '任务'],
    ['user', '用户'],
    ['team', '团队'],
    ['pool', '公海池'],
    ['tenant', '租户'],
    ['resource', '资源'],
  ])('translates the entity %s as %s in zh-CN only', (entity, zh) => {
    expect(translate('not_found', 'zh-CN', { entity })).toBe(`未找到该${zh}。`);
    expect(translate('not_found', 'en', { entity })).toBe(`The ${entity} was not found.`);
  });

  it('leaves a placeholder visible when its param is missing', () => {
    // better a visible "{entity}" in a message than a silently wrong sentence
    expect(translate('not_found', 'en')).toBe('The {entity} was not found.');
    expect(translate('reference_mismatch', 'en', { field: 'contactId' })).toBe(
      'contactId does not belong to the same record as {other}.',
    );
  });
});
