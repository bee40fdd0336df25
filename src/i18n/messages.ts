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
    too_many_attempts: 'Too many attempts. Try again in {retryAfter} seconds.',
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
    ownership_refused: 'The pool rules do not allow this (see errors for why).',
    silenced: 'This customer is in a silence period (no current need) until {until}.',
    contact_cap_reached:
      'This contact has been contacted {max} times in the last {perDays} days, the most allowed.',
    no_eligible_assignee:
      'No rep can take this lead now (all away, at capacity or not matching); see the explanation.',
    record_merged:
      'This {entity} was merged into another record: mergedInto says which one it lives on as.',
    pair_resolved:
      'This pair of possible duplicates was already resolved differently (dismissed, or merged the other way).',
    pair_not_mergeable:
      'Only two live records of the same kind can be merged (two contacts only at the same account).',
    delivery_in_flight:
      'This delivery is being sent by a worker right now; try again after {until}.',
    experiment_overlap:
      'The running experiment “{other}” already tests the same kind of change on the same kind of records; stop it first.',
    experiment_state:
      'This experiment is {status}: a draft can be edited, started or deleted; a running one only renamed or stopped; a stopped one only renamed or deleted.',
    stage_not_in_pipeline: 'The stage does not belong to this pipeline.',
    stage_in_use: 'Stages still used by opportunities cannot be removed: {stages}.',
    pipeline_invalid: 'The pipeline definition is not valid.',
    splits_invalid: 'The credit splits are not valid (see errors for each rule broken).',
    pipeline_archived: 'Pipeline {key} is archived: restore it before applying a file to it.',
    opportunity_closed: 'The opportunity is closed.',
    quote_status: 'The quote is {status}: this action is not possible in that state.',
    quote_already_accepted:
      'Another quote of this opportunity is already accepted: only one quote per opportunity can be accepted.',
    quote_expired: 'The quote is past its validity date and can no longer be accepted.',
    backward_move_needs_reason: 'Moving an opportunity backwards or reopening it needs a reason.',
    gate_failed: 'The opportunity does not meet the standard to move: {count} criteria are unmet.',
    review_required: 'Closing an opportunity as lost needs a review with at least one reason.',
    discount_approval_required:
      'The deal’s discount of {percent}% is above the {threshold}% that needs sign-off: it can move forward or close as won once the discount is approved.',
    delegation_to_self: 'You cannot delegate your approvals to yourself.',
    delegation_cycle:
      'That person delegates their approvals to you in the same period; approvals would go round in a circle.',
    currency_mismatch: 'Amounts in {left} and {right} cannot be combined.',
    invalid_range: 'The {field} range is empty: its lower bound is above its upper bound.',
    lead_status_not_allowed: 'The lead cannot move to that status (see errors for why).',
    bant_incomplete:
      'A sales-qualified lead (SQL) needs all four BANT answers (budget, authority, need, timeline); missing: {field}.',
    lead_disqualified: 'A disqualified lead cannot be converted; re-open it first.',
    lead_converted:
      'The lead was already converted; see conversion for the account, contact and opportunity it became.',
    disqualify_reason_required: 'A disqualified lead needs a reason (disqualifyReason).',
    idempotency_key_reused: 'This Idempotency-Key was already used for a different request.',
    idempotency_in_progress: 'A request with this Idempotency-Key is in progress; retry shortly.',
    payload_too_large: 'The request body is too large.',
    unsupported_media_type: 'Send the request body as application/json.',
    product_not_in_price_book: 'Product {key} has no price in this price book.',
    product_inactive: 'Product {key} is archived: activate it before quoting it.',
    price_book_inactive:
      'The price book “{other}” is archived or outside its validity dates; choose another one.',
    default_price_book_exists:
      'The price book “{other}” is already the default for this currency; unset it first.',
    volume_tiers_invalid:
      'The volume tiers are not valid (see errors): each starts at 2 units or more, in ascending order.',
    contract_requires_won_deal: 'Only a won opportunity can become a contract.',
    contract_exists: 'This opportunity already has a contract.',
    payment_plan_invalid:
      'The payment plan must have positive installments in due-date order that add up exactly to the contract amount.',
    payment_plan_locked:
      'Money has already been collected on this payment plan, so it can no longer be replaced.',
    receipt_duplicate:
      'A receipt with this bank reference was already recorded with different details.',
    allocation_conflict:
      'The receipt or installment balance does not allow this allocation (it may have just changed); reload and try again.',
    receipt_allocated:
      'The receipt still has active allocations or is already voided: reverse them before voiding it.',
    order_state: 'The order is {status}: it cannot move to that status.',
    contract_state: 'The contract is {status}: this change is not possible in that state.',
    recognition_exceeds_amount: 'Recognised revenue would exceed the contract amount.',
    internal_error: 'Something went wrong on our side. The error has been logged.',
  },
  'zh-CN': {
    validation_failed: '请求内容无效。',
    invalid_cursor: '分页游标对该列表无效，请从第一页重新开始。',
    unauthenticated: '请先登录。',
    invalid_credentials: '邮箱或密码不正确。',
    too_many_attempts: '尝试次数过多，请在 {retryAfter} 秒后重试。',
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
    ownership_refused: '公海规则不允许此操作（原因见 errors）。',
    silenced: '该客户处于静默期（暂无需求），截至 {until}。',
    contact_cap_reached: '该联系人近 {perDays} 天已被联系 {max} 次，已达上限。',
    no_eligible_assignee: '当前没有可分配的销售（均休假、已满负荷或不匹配），详见说明。',
    record_merged: '该{entity}已合并到另一条记录，mergedInto 指明合并后的记录。',
    pair_resolved: '这对疑似重复记录已按其他方式处理（已标记为非重复，或已按另一方向合并）。',
    pair_not_mergeable: '只能合并两条同类且未删除的记录（联系人须属于同一客户）。',
    delivery_in_flight: '这条投递正在由后台任务发送，请在 {until} 之后再试。',
    experiment_overlap: '运行中的实验“{other}”已在同类记录上测试同类内容，请先停止它。',
    experiment_state:
      '该实验当前状态为 {status}：草稿可编辑、启动或删除；运行中的只能改名或停止；已停止的只能改名或删除。',
    stage_not_in_pipeline: '该阶段不属于此销售流程。',
    stage_in_use: '以下阶段仍被商机使用，无法删除：{stages}。',
    pipeline_invalid: '销售流程定义无效。',
    splits_invalid: '业绩分成无效（具体原因见 errors）。',
    pipeline_archived: '销售流程 {key} 已归档：请先恢复，再对其应用文件。',
    opportunity_closed: '该商机已关闭。',
    quote_status: '报价当前状态为 {status}，不能执行此操作。',
    quote_already_accepted: '该商机已有其他报价被接受：每个商机只能接受一份报价。',
    quote_expired: '报价已过有效期，不能再接受。',
    backward_move_needs_reason: '商机回退阶段或重新打开时必须填写原因。',
    gate_failed: '商机未达到推进标准：还有 {count} 项条件未满足。',
    review_required: '输单时必须填写复盘，至少选择一项输单原因。',
    discount_approval_required:
      '商机折扣 {percent}% 超过需审批的 {threshold}%：折扣审批通过后才能推进阶段或赢单。',
    delegation_to_self: '不能把审批委托给自己。',
    delegation_cycle: '对方在同一时段已把审批委托给您，委托会形成循环。',
    currency_mismatch: '{left} 与 {right} 金额不能合并计算。',
    invalid_range: '{field} 范围无效：下限大于上限。',
    lead_status_not_allowed: '线索不能变更到该状态（原因见 errors）。',
    bant_incomplete:
      '销售认可线索（SQL）需要齐全的 BANT 信息（预算、决策权、需求、时间），缺少：{field}。',
    lead_disqualified: '已作废的线索不能转化，请先重新打开。',
    lead_converted: '该线索已转化；转化结果（客户、联系人和商机）见 conversion。',
    disqualify_reason_required: '作废线索需要填写原因（disqualifyReason）。',
    idempotency_key_reused: '该 Idempotency-Key 已用于另一个不同的请求。',
    idempotency_in_progress: '使用该 Idempotency-Key 的请求正在处理中，请稍后重试。',
    payload_too_large: '请求体过大。',
    unsupported_media_type: '请求体须为 application/json 格式。',
    product_not_in_price_book: '产品 {key} 在该价格表中没有价格。',
    product_inactive: '产品 {key} 已停用，请先启用再报价。',
    price_book_inactive: '价格表“{other}”已停用或不在有效期内，请选择其他价格表。',
    default_price_book_exists: '价格表“{other}”已是该币种的默认价格表，请先取消其默认。',
    volume_tiers_invalid: '阶梯价格无效（详见 errors）：每档起订量不少于 2，且须按升序排列。',
    contract_requires_won_deal: '只有已赢单的商机才能生成合同。',
    contract_exists: '该商机已生成合同。',
    payment_plan_invalid: '回款计划的每期金额须为正、按到期日排序，且合计恰好等于合同金额。',
    payment_plan_locked: '该回款计划已有回款核销，不能再替换。',
    receipt_duplicate: '该银行流水号已登记过一笔内容不同的回款。',
    allocation_conflict: '回款或回款期次的余额不允许本次核销（可能刚被他人修改），请刷新后重试。',
    receipt_allocated: '该回款仍有有效核销或已作废：请先撤销核销再作废。',
    order_state: '订单当前为 {status}，不能变更为该状态。',
    contract_state: '合同当前为 {status}，该状态下不能进行此操作。',
    recognition_exceeds_amount: '确认收入合计将超过合同金额。',
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
    approval_policy: '审批规则',
    delegation: '审批委托',
    attachment: '附件',
    close_reason: '赢单/输单原因',
    lead_form: '线索表单',
    lead_scoring: '线索评分规则',
    lead_conversion: '线索转化',
    target: '销售目标',
    saved_view: '已保存视图',
    delivery: '投递',
    delivery_endpoint: '投递端点',
    automation_rule: '自动化规则',
    product: '产品',
    price_book: '价格表',
    price_book_entry: '价格表条目',
    quote: '报价',
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
