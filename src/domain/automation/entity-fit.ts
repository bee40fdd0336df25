import type { FieldIssue } from '../errors.js';
import { leadSettableFields, settableFields } from './rule.js';
import type { AutomationEntity, RuleBody } from './rule.js';

/**
 * Which parts of a rule make sense for its record type. Stages, pipelines, amounts and
 * approvals are a deal's; pools are a lead's (deals never sit in a pool). A rule that names
 * the other record's parts is refused when it is saved or dry-run, with one issue per part
 * (code `not_for_entity`), instead of a rule that can never fire or always fails.
 */

const dealOnlyTriggers = new Set(['stage_entered', 'stage_left']);
const dealOnlyConditions = new Set(['pipeline', 'stage', 'amount']);
const dealOnlyActions = new Set(['request_approval']);
const leadOnlyActions = new Set(['move_to_pool']);

const names: Record<AutomationEntity, { en: string; zh: string }> = {
  opportunity: { en: 'deal', zh: '商机' },
  lead: { en: 'lead', zh: '线索' },
};

function issue(path: string, part: string, entity: AutomationEntity): FieldIssue {
  const en = `${part} is not available for a ${names[entity].en} rule`;
  return {
    path,
    code: 'not_for_entity',
    message: en,
    messages: { en, 'zh-CN': `${names[entity].zh}规则不支持 ${part}` },
  };
}

function settableOn(entity: AutomationEntity, field: string): boolean {
  if (entity === 'lead') return (leadSettableFields as readonly string[]).includes(field);
  return field.startsWith('custom.') || (settableFields as readonly string[]).includes(field);
}

export function entityIssues(rule: RuleBody): FieldIssue[] {
  const { entity } = rule;
  const issues: FieldIssue[] = [];
  const dealOnly = entity !== 'opportunity';
  if (dealOnly && dealOnlyTriggers.has(rule.trigger.type))
    issues.push(issue('trigger/type', rule.trigger.type, entity));
  for (const [index, condition] of rule.conditions.entries()) {
    if (dealOnly && dealOnlyConditions.has(condition.kind))
      issues.push(issue(`conditions/${index}/kind`, condition.kind, entity));
  }
  for (const [index, action] of rule.actions.entries()) {
    const path = `actions/${index}`;
    if (dealOnly && dealOnlyActions.has(action.type))
      issues.push(issue(`${path}/type`, action.type, entity));
    if (entity !== 'lead' && leadOnlyActions.has(action.type))
      issues.push(issue(`${path}/type`, action.type, entity));
    if (action.type === 'set_field' && !settableOn(entity, action.field))
      issues.push(issue(`${path}/field`, action.field, entity));
  }
  return issues;
}
