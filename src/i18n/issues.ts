import type { FieldIssue } from '../domain/errors.js';
import type { Locale } from '../domain/tenancy/tenant.js';

/**
 * Field-level problems raised by our own rules (Zod's come translated by Zod). Unknown
 * codes keep the English message the rule wrote.
 */
const zh: Record<string, string> = {
  required: '必填项',
  reference_not_found: '引用的记录不存在',
  ownership_conflict: '记录必须且只能归属于一名用户或一个公海池',
  link_required: '请关联线索、商机、客户或联系人中的至少一项',
  amount_too_large: '金额过大',
  too_short: '密码过短',
  too_long: '密码过长',
  contains_email: '密码不能包含邮箱用户名',
  duplicate_key: '阶段标识重复',
  open_after_closed: '进行中阶段必须排在赢单/输单阶段之前',
  won_probability: '赢单阶段的赢率必须为 100',
  lost_probability: '输单阶段的赢率必须为 0',
  missing_open_stage: '销售流程至少需要一个进行中阶段',
  missing_won_stage: '销售流程至少需要一个赢单阶段',
  missing_lost_stage: '销售流程至少需要一个输单阶段',
  unknown_stage: '不是此销售流程的阶段',
  default_required: '请改为将其他销售流程设为默认',
  lost_not_gated: '输单不设门禁，改为要求输单复盘',
  duplicate_action: '关键动作标识重复',
  duplicate_material: '销售资料标识重复',
  unknown_action: '此销售流程中没有该关键动作',
  unknown_custom_field: '没有该自定义字段',
  invalid_custom_value: '自定义字段的值类型不符',
  duplicate_dimension: '评分维度重复',
  zero_weights: '至少一个评分维度需要权重',
  unknown_close_reason: '没有该赢单/输单原因',
  claim_limit_reached: '已达到可持有数量上限',
  reclaim_cooldown: '放弃后冷却期内不能重新领取',
  not_pool_member: '不在该公海的可领取范围内',
  outside_transfer_scope: '超出该公海允许的转移范围',
  not_in_pool: '记录不在公海中',
  not_owned: '记录当前没有负责人',
  not_dormant: '记录不在沉寂状态',
  not_active: '记录不是活跃状态',
  same_owner: '已是该负责人',
};

export function translateIssue(issue: FieldIssue, locale: Locale): string {
  if (issue.messages) return issue.messages[locale];
  if (locale === 'zh-CN') return zh[issue.code] ?? issue.message;
  return issue.message;
}
