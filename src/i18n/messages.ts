import type { ErrorCode, ErrorParams } from '../domain/errors.js';
import type { Locale } from '../domain/tenancy/tenant.js';

type Catalogue = Record<ErrorCode, string>;

/** One message per error code and locale; the Record type makes a missing one a compile error. */
const catalogues: Record<Locale, Catalogue> = {
  en: {
    validation_failed: 'The request is not valid.',
    invalid_cursor: 'The page cursor is not valid for this list; start again from the first page.',
    unauthenticated: 'Sign in to continue.',
    invalid_credentials: 'The e-mail or password is incorrect.',
    too_many_attempts: 'Too many failed sign-in attempts. Try again in {retryAfter} seconds.',
    csrf_failed: 'The request lacks a valid CSRF token. Reload the page and try again.',
    current_password_incorrect: 'The current password is incorrect.',
    transfer_target_required:
      'Choose who takes over the open opportunities and tasks of this user.',
    forbidden: 'You do not have permission to do this.',
    not_found: 'The {entity} was not found.',
    route_not_found: 'There is no such endpoint.',
    reference_not_found: 'The referenced record does not exist: {field}.',
    reference_mismatch: '{field} does not belong to the same record as {other}.',
    version_conflict:
      'This {entity} was changed by someone else. Reload it and apply your change again.',
    duplicate: 'A record with the same {field} already exists.',
    has_dependents: 'The {entity} cannot be deleted while it still has {dependents}.',
    not_deleted: 'The {entity} is not deleted.',
    cycle_detected: 'This change to {field} would make a record its own ancestor.',
    ownership_conflict:
      'A record is either owned by a user or in a pool, not both and not neither.',
    stage_not_in_pipeline: 'The stage does not belong to this pipeline.',
    stage_in_use: 'Stages still used by opportunities cannot be removed: {stages}.',
    pipeline_invalid: 'The pipeline definition is not valid.',
    opportunity_closed: 'The opportunity is closed.',
    backward_move_needs_reason: 'Moving an opportunity backwards or reopening it needs a reason.',
    gate_failed: 'The opportunity does not meet the standard to move: {count} criteria are unmet.',
    review_required: 'Closing an opportunity as lost needs a review with at least one reason.',
    currency_mismatch: 'Amounts in {left} and {right} cannot be combined.',
    idempotency_key_reused: 'This Idempotency-Key was already used for a different request.',
    idempotency_in_progress: 'A request with this Idempotency-Key is in progress; retry shortly.',
    payload_too_large: 'The request body is too large.',
    unsupported_media_type: 'Send the request body as application/json.',
    internal_error: 'Something went wrong on our side. The error has been logged.',
  },
  'zh-CN': {
    validation_failed: '请求内容无效。',
    invalid_cursor: '分页游标对该列表无效，请从第一页重新开始。',
    unauthenticated: '请先登录。',
    invalid_credentials: '邮箱或密码不正确。',
    too_many_attempts: '登录失败次数过多，请在 {retryAfter} 秒后重试。',
    csrf_failed: '请求缺少有效的 CSRF 令牌，请刷新页面后重试。',
    current_password_incorrect: '当前密码不正确。',
    transfer_target_required: '请指定接手该用户进行中商机和任务的人员。',
    forbidden: '您没有执行此操作的权限。',
    not_found: '未找到该{entity}。',
    route_not_found: '接口不存在。',
    reference_not_found: '引用的记录不存在：{field}。',
    reference_mismatch: '{field} 与 {other} 不属于同一记录。',
    version_conflict: '该{entity}已被他人修改，请刷新后重新提交您的修改。',
    duplicate: '已存在相同 {field} 的记录。',
    has_dependents: '该{entity}仍有关联数据，无法删除：{dependents}。',
    not_deleted: '该{entity}未被删除。',
    cycle_detected: '修改 {field} 会使记录成为其自身的上级。',
    ownership_conflict: '记录必须且只能归属于一名用户或一个公海池。',
    stage_not_in_pipeline: '该阶段不属于此销售流程。',
    stage_in_use: '以下阶段仍被商机使用，无法删除：{stages}。',
    pipeline_invalid: '销售流程定义无效。',
    opportunity_closed: '该商机已关闭。',
    backward_move_needs_reason: '商机回退阶段或重新打开时必须填写原因。',
    gate_failed: '商机未达到推进标准：还有 {count} 项条件未满足。',
    review_required: '输单时必须填写复盘，至少选择一项输单原因。',
    currency_mismatch: '{left} 与 {right} 金额不能合并计算。',
    idempotency_key_reused: '该 Idempotency-Key 已用于另一个不同的请求。',
    idempotency_in_progress: '使用该 Idempotency-Key 的请求正在处理中，请稍后重试。',
    payload_too_large: '请求体过大。',
    unsupported_media_type: '请求体须为 application/json 格式。',
    internal_error: '服务器内部错误，已记录该问题。',
  },
};

/** Entity names as they read inside a sentence. */
const entityNames: Record<Locale, Record<string, string>> = {
  en: {},
  'zh-CN': {
    account: '客户',
    contact: '联系人',
    lead: '线索',
    opportunity: '商机',
    pipeline: '销售流程',
    stage: '阶段',
    activity: '跟进记录',
    task: '任务',
    user: '用户',
    team: '团队',
    pool: '公海池',
    tenant: '租户',
    session: '会话',
    api_token: 'API 令牌',
    member: '商机团队成员',
    custom_field: '自定义字段',
    approval: '审批',
    attachment: '附件',
    close_reason: '赢单/输单原因',
    resource: '资源',
  },
};

export function translate(code: ErrorCode, locale: Locale, params: ErrorParams = {}): string {
  return catalogues[locale][code].replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    const names = entityNames[locale];
    if (name === 'entity' && Object.hasOwn(names, String(value)))
      return names[String(value)] ?? String(value);
    return String(value);
  });
}
