import type { RowIssue } from '../domain/imports/row-reader.js';
import type { Locale } from '../domain/tenancy/tenant.js';

/** Why a row of an import was not taken, in both languages (the error report's words). */
const messages: Record<string, { en: string; zh: string }> = {
  required: { en: 'required', zh: '必填' },
  too_long: { en: 'too long', zh: '过长' },
  invalid_email: { en: 'not an e-mail address', zh: '不是有效的邮箱地址' },
  invalid_credit_code: { en: 'not a unified social credit code', zh: '不是有效的统一社会信用代码' },
  invalid_value: {
    en: 'not one of the allowed values (map it under "values")',
    zh: '不是允许的取值（可在 values 中映射）',
  },
  invalid_date: { en: 'not a date we can read', zh: '无法识别的日期' },
  ambiguous_date: {
    en: 'day and month are ambiguous: set "dateFormat" in the mapping',
    zh: '日期的日和月无法区分：请在映射中设置 dateFormat',
  },
  invalid_currency: { en: 'not a supported currency code', zh: '不支持的币种代码' },
  invalid_amount: {
    en: 'not an amount (digits, at most the currency’s decimals)',
    zh: '不是有效金额（数字，小数位不超过币种精度）',
  },
  unknown_owner: { en: 'no user with this e-mail or name', zh: '没有此邮箱或姓名的用户' },
  ambiguous_owner: {
    en: 'several users have this name: use the e-mail',
    zh: '多名用户同名：请使用邮箱',
  },
  owner_disabled: {
    en: 'this user is disabled and cannot own live work',
    zh: '该用户已停用，不能负责进行中的工作',
  },
  unknown_pipeline: { en: 'no such pipeline', zh: '没有该销售流程' },
  unknown_stage: { en: 'no such stage in the pipeline', zh: '该销售流程中没有此阶段' },
  closed_at_on_open: {
    en: 'an open deal has no close date (map it to expectedCloseDate)',
    zh: '进行中的商机没有关闭时间（可映射到 expectedCloseDate）',
  },
  closed_before_created: { en: 'closed before it was created', zh: '关闭时间早于创建时间' },
  in_future: { en: 'in the future', zh: '晚于当前时间' },
  unknown_account: { en: 'no such account', zh: '没有该客户' },
  ambiguous_account: {
    en: 'several accounts have this name: use the credit code',
    zh: '多个客户同名：请使用统一社会信用代码',
  },
  duplicate_in_file: {
    en: 'the same record appears earlier in the file',
    zh: '文件中前面已有同一条记录',
  },
  duplicate_credit_code: {
    en: 'an account with this credit code exists already',
    zh: '已存在相同统一社会信用代码的客户',
  },
};

export function describeRowIssue(issue: RowIssue, locale: Locale): string {
  const text = messages[issue.code];
  const message = text ? (locale === 'zh-CN' ? text.zh : text.en) : issue.code;
  const value = issue.value === null ? '' : ` ("${issue.value.slice(0, 100)}")`;
  return issue.field ? `${issue.field}: ${message}${value}` : `${message}${value}`;
}

export function describeRowIssues(issues: readonly RowIssue[], locale: Locale): string {
  return issues.map((issue) => describeRowIssue(issue, locale)).join('; ');
}
