import { Alert, List, Tag } from 'antd';
import type { components } from '../../../api/schema';
import { formatMoney } from '../../../i18n/format';
import type { Vars } from '../../../i18n/catalogue';
import { useLocale, useT } from '../../../i18n/locale-context';
import { automationMessages } from './messages';
import type { ActionBody, ConditionBody, FactValue } from './rule-form';
import { fieldLabel, ruleFormMessages } from './rule-form-messages';
import type { RuleFormKey } from './rule-form-messages';
import { labelOf, useRuleOptions } from './rule-options';
import type { RuleOptions } from './rule-options';

type DryRun = components['schemas']['AutomationDryRunResult'];
type T = (key: RuleFormKey, vars?: Vars) => string;

/** A dry run's answer in words: each condition with whether it holds, each planned action. */
export function DryRunResult({ result }: { readonly result: DryRun }) {
  const t = useT(automationMessages);
  const f = useT(ruleFormMessages);
  const { locale } = useLocale();
  const options = useRuleOptions();
  const money = (minor: number, currency: string | undefined) =>
    currency ? formatMoney(locale, { amountMinor: minor, currency }) : String(minor);
  return (
    <div data-testid="automation-dry-run-result" style={{ marginTop: 16 }}>
      <Alert
        type={result.matched ? 'success' : 'info'}
        showIcon
        title={t(result.matched ? 'dry.matched' : 'dry.notMatched')}
      />
      <h4>{t('dry.conditions')}</h4>
      {result.conditions.length === 0 ? (
        <p>{t('dry.noConditions')}</p>
      ) : (
        <List
          size="small"
          dataSource={[...result.conditions]}
          renderItem={(item) => (
            <List.Item data-testid={`dry-condition-${String(item.index)}`}>
              <Tag color={item.matched ? 'green' : 'red'}>
                {f(item.matched ? 'dry.holds' : 'dry.fails')}
              </Tag>
              {describeCondition(item.condition, f, options, money)}
            </List.Item>
          )}
        />
      )}
      <h4>{t('dry.planned')}</h4>
      <List
        size="small"
        dataSource={[...result.actions]}
        renderItem={(item) => (
          <List.Item data-testid={`dry-action-${String(item.index)}`}>
            <span>
              {describeAction(item.action, f, options)}
              {item.recipients &&
                ` — ${
                  item.recipients.length === 0
                    ? f('dry.nobody')
                    : f('dry.to', {
                        who: item.recipients.map((id) => nameOf(options, id)).join(', '),
                      })
                }`}
            </span>
          </List.Item>
        )}
      />
    </div>
  );
}

/** A user's name without the e-mail the pickers show. */
function nameOf(options: RuleOptions, userId: string): string {
  return labelOf(options.users, userId).replace(/ <[^>]*>$/, '');
}

function shown(value: FactValue | undefined, f: T): string {
  if (value === undefined || value === null || value === '') return f('empty');
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function describeCondition(
  condition: ConditionBody,
  f: T,
  options: RuleOptions,
  money: (minor: number, currency: string | undefined) => string,
): string {
  const names = (list: readonly Option[], ids: readonly string[]) =>
    ids.map((id) => labelOf(list, id)).join(', ');
  switch (condition.kind) {
    case 'field': {
      const ids = Array.isArray(condition.value) ? condition.value : [condition.value];
      const lookup =
        condition.field === 'ownerId'
          ? options.users
          : condition.field === 'stageId'
            ? options.stages
            : condition.field === 'pipelineId'
              ? options.pipelines
              : null;
      const value =
        condition.op === 'empty' || condition.op === 'not_empty'
          ? ''
          : lookup
            ? ids.map((id) => labelOf(lookup, String(id))).join(', ')
            : shown(condition.value, f);
      return f('dry.field', {
        field: fieldLabel(f, condition.field),
        op: f(`op.${condition.op}`),
        value,
      });
    }
    case 'pipeline':
      return f('dry.pipeline', { names: names(options.pipelines, condition.pipelineIds) });
    case 'stage':
      return f('dry.stage', { names: names(options.stages, condition.stageIds) });
    case 'owner_team':
      return f(condition.includeSubTeams ? 'dry.ownerTeamSub' : 'dry.ownerTeam', {
        names: names(options.teams, condition.teamIds),
      });
    case 'amount':
      return f('dry.amount', {
        op: f(`op.${condition.op}`),
        amount: money(condition.amountMinor, condition.currency ?? 'CNY'),
      });
  }
}

type Option = RuleOptions['users'][number];

function describeAction(action: ActionBody, f: T, options: RuleOptions): string {
  const endpoints = [...options.webhooks, ...options.bots];
  switch (action.type) {
    case 'create_task':
      return f('dry.task', { title: action.title, days: action.dueInDays });
    case 'notify':
      return f('dry.notify', { message: action.message });
    case 'assign':
      return f('dry.assign', { user: nameOf(options, action.userId) });
    case 'set_field':
      return f('dry.setField', {
        field: fieldLabel(f, action.field),
        value: shown(action.value, f),
      });
    case 'request_approval':
      return f('dry.approval', { title: action.title });
    case 'webhook':
      return f('dry.webhook', { endpoint: labelOf(endpoints, action.endpointId) });
    case 'bot_message':
      return f('dry.bot', { text: action.text, endpoint: labelOf(endpoints, action.endpointId) });
    case 'move_to_pool':
      return f('dry.pool');
  }
}
