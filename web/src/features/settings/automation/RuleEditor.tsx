import { Button, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { ApiProblem, FieldIssue } from '../../../api/problem';
import { useApiMutation } from '../../../api/query';
import type { components } from '../../../api/schema';
import { FormProblem } from '../../../components/FormProblem';
import { SectionCard } from '../../../components/SectionCard';
import { useT } from '../../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../../lib/problem-fields';
import { ActionsEditor } from './ActionsEditor';
import { ConditionsEditor } from './ConditionsEditor';
import { DryRunResult } from './DryRunResult';
import { entityMessages } from './entity-messages';
import { RecordPicker } from './RecordPicker';
import { automationMessages } from './messages';
import { actionOf, actionRowOf, conditionOf, conditionRowOf } from './rule-form';
import type { ActionRow, ConditionRow, RuleEntity } from './rule-form';
import { ruleFormMessages } from './rule-form-messages';
import { useRuleOptions } from './rule-options';

type Rule = components['schemas']['AutomationRule'];
type RuleBody = components['schemas']['AutomationRuleBody'];
type Trigger = RuleBody['trigger'];
type DryRun = components['schemas']['AutomationDryRunResult'];

const triggerTypes = [
  'created',
  'field_changed',
  'stage_entered',
  'stage_left',
  'deadline_reached',
  'inactive_for',
  'scheduled',
] as const;
type TriggerType = (typeof triggerTypes)[number];

/** The form's values: the trigger as flat fields, conditions and actions as rows (rule-form.ts). */
interface Values {
  name: string;
  entity: RuleEntity;
  enabled: boolean;
  type: TriggerType;
  stageId?: string;
  days?: number;
  fields?: string[];
  every?: 'daily' | 'weekly';
  hourUtc?: number;
  weekday?: number;
  conditions?: ConditionRow[];
  actions?: ActionRow[];
}

function valuesOf(body: RuleBody): Values {
  const trigger = body.trigger;
  return {
    name: body.name,
    entity: body.entity,
    enabled: body.enabled,
    type: trigger.type,
    ...('stageId' in trigger ? { stageId: trigger.stageId } : {}),
    ...('days' in trigger ? { days: trigger.days } : {}),
    ...('fields' in trigger ? { fields: [...trigger.fields] } : {}),
    ...(trigger.type === 'scheduled'
      ? { every: trigger.every, hourUtc: trigger.hourUtc, weekday: trigger.weekday }
      : {}),
    conditions: body.conditions.map(conditionRowOf),
    actions: body.actions.map(actionRowOf),
  };
}

function triggerOf(values: Values): Trigger {
  switch (values.type) {
    case 'field_changed':
      return { type: 'field_changed', fields: values.fields ?? [] };
    case 'stage_entered':
    case 'stage_left':
      return { type: values.type, stageId: values.stageId ?? '' };
    case 'inactive_for':
      return { type: 'inactive_for', days: values.days ?? 7 };
    case 'scheduled':
      return {
        type: 'scheduled',
        every: values.every ?? 'daily',
        hourUtc: values.hourUtc ?? 9,
        ...(values.every === 'weekly' && values.weekday ? { weekday: values.weekday } : {}),
      };
    case 'created':
    case 'deadline_reached':
      return { type: values.type };
  }
}

/** The rule the form describes, in exactly the shape the API validates. */
function bodyOf(values: Values): RuleBody {
  return {
    name: values.name,
    entity: values.entity,
    enabled: values.enabled,
    trigger: triggerOf(values),
    conditions: (values.conditions ?? []).map(conditionOf),
    actions: (values.actions ?? []).map(actionOf),
  };
}

/** Creates or edits one rule, and tries the draft on a chosen deal. */
export function RuleEditor({
  ruleId,
  version,
  initial,
  onSaved,
  onNew,
}: {
  readonly ruleId: string | null;
  readonly version: number;
  readonly initial: RuleBody;
  readonly onSaved: (rule: Rule) => void;
  readonly onNew: () => void;
}) {
  const t = useT(automationMessages);
  const f = useT(ruleFormMessages);
  const e = useT(entityMessages);
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? initial.trigger.type;
  const every = Form.useWatch('every', form);
  // Rules of other record types (leads) offer other conditions and actions; see rule-form.ts.
  const entity = Form.useWatch<RuleEntity | undefined>('entity', form) ?? 'opportunity';
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const options = useRuleOptions();
  const stages = [...options.stages];
  const preview = Form.useWatch((values: Values) => values, { form, preserve: true });
  const save = useApiMutation(
    (body: RuleBody) =>
      ruleId
        ? api.PUT('/api/v1/automation/rules/{id}', {
            params: { path: { id: ruleId } },
            body: { version, rule: body },
          })
        : api.POST('/api/v1/automation/rules', { body }),
    { invalidates: [['automation-rules']], onSuccess: onSaved },
  );
  const draft = (): RuleBody => bodyOf(form.getFieldsValue(true) as Values);
  return (
    <SectionCard
      title={t(ruleId ? 'editor.editing' : 'editor.new')}
      testId="automation-editor"
      extra={
        <Button size="small" onClick={onNew}>
          {t('editor.reset')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        name="automation-rule"
        layout="vertical"
        initialValues={valuesOf(initial)}
        onFinish={() => {
          clearFieldErrors(form);
          save.mutate(draft(), {
            onError: (failure) => {
              setProblem(failure);
              // A replace is `{version, rule}`: its paths name the rule's members under `rule`.
              setUnplaced(placeFieldErrors(form, failure, ruleId ? 'rule' : undefined));
            },
            onSuccess: () => setProblem(null),
          });
        }}
      >
        <Form.Item name="name" label={t('editor.name')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="enabled" label={t('editor.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="entity" label={e('entity.label')}>
          <Select
            options={(['opportunity', 'lead'] as const).map((value) => ({
              value,
              label: e(`entity.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="type" label={t('editor.trigger')}>
          <Select
            options={triggerTypes
              // Leads have no stages (the API refuses stage triggers on lead rules).
              .filter((value) => entity === 'opportunity' || !value.startsWith('stage_'))
              .map((value) => ({
                value,
                label:
                  entity === 'lead' && value === 'created'
                    ? e('entity.created.lead')
                    : t(`trigger.${value}`),
              }))}
          />
        </Form.Item>
        {(type === 'stage_entered' || type === 'stage_left') && (
          <Form.Item name="stageId" label={t('editor.stage')} rules={[{ required: true }]}>
            <Select options={stages} showSearch optionFilterProp="label" />
          </Form.Item>
        )}
        {type === 'inactive_for' && (
          <Form.Item name="days" label={t('editor.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        )}
        {type === 'field_changed' && (
          <Form.Item name="fields" label={t('editor.fields')} rules={[{ required: true }]}>
            <Select
              mode="tags"
              options={['amountMinor', 'ownerId', 'stageId', 'expectedCloseDate', 'nextStep'].map(
                (value) => ({ value, label: value }),
              )}
            />
          </Form.Item>
        )}
        {type === 'scheduled' && (
          <Space wrap>
            <Form.Item name="every" label={t('editor.every')} initialValue="daily">
              <Select
                style={{ width: 120 }}
                options={(['daily', 'weekly'] as const).map((value) => ({
                  value,
                  label: t(`every.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="hourUtc" label={t('editor.hourUtc')} initialValue={9}>
              <InputNumber min={0} max={23} />
            </Form.Item>
            {every === 'weekly' && (
              <Form.Item name="weekday" label={t('editor.weekday')} initialValue={1}>
                <InputNumber min={1} max={7} />
              </Form.Item>
            )}
          </Space>
        )}
        <ConditionsEditor entity={entity} options={options} />
        <ActionsEditor entity={entity} options={options} />
        <details style={{ margin: '16px 0' }}>
          <summary>{f('json')}</summary>
          <pre data-testid="automation-rule-json" style={{ fontSize: 12, overflowX: 'auto' }}>
            {preview ? JSON.stringify(bodyOf(preview), null, 2) : ''}
          </pre>
        </details>
        <FormProblem problem={problem} issues={unplaced} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('editor.save')}
        </Button>
      </Form>
      <DryRunPanel draft={draft} entity={entity} />
    </SectionCard>
  );
}

/** Picks a deal or a lead and shows which conditions the draft matches there and what would run. */
function DryRunPanel({
  draft,
  entity,
}: {
  readonly draft: () => RuleBody;
  readonly entity: RuleEntity;
}) {
  const t = useT(automationMessages);
  const [picked, setPicked] = useState<{ entity: RuleEntity; id: string } | null>(null);
  // A record of the other type is no choice once the rule's type changes.
  const dealId = picked?.entity === entity ? picked.id : null;
  const [result, setResult] = useState<DryRun | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const dryRun = useApiMutation(
    (body: { rule: RuleBody; opportunityId: string } | { rule: RuleBody; leadId: string }) =>
      api.POST('/api/v1/automation/rules/dry-run', { body }),
  );
  return (
    <section aria-label={t('dry.title')} data-testid="automation-dry-run" style={{ marginTop: 24 }}>
      <h3>{t('dry.title')}</h3>
      <p>{t('dry.hint')}</p>
      <Space wrap>
        <RecordPicker entity={entity} value={dealId} onChange={(id) => setPicked({ entity, id })} />
        <Button
          disabled={!dealId}
          loading={dryRun.isPending}
          onClick={() => {
            if (!dealId) return;
            dryRun.mutate(
              entity === 'lead'
                ? { rule: draft(), leadId: dealId }
                : { rule: draft(), opportunityId: dealId },
              {
                onSuccess: (data) => {
                  setResult(data);
                  setProblem(null);
                },
                onError: setProblem,
              },
            );
          }}
        >
          {t('dry.run')}
        </Button>
      </Space>
      <FormProblem problem={problem} />
      {result && <DryRunResult result={result} />}
    </section>
  );
}
