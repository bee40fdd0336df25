import { Alert, Button, Form, Input, InputNumber, List, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { ApiProblem } from '../../../api/problem';
import { useApiMutation, useApiQuery } from '../../../api/query';
import type { components } from '../../../api/schema';
import { FormProblem } from '../../../components/FormProblem';
import { SectionCard } from '../../../components/SectionCard';
import { useLocalName, useT } from '../../../i18n/locale-context';
import { automationMessages } from './messages';

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

/** The form's flat values: the trigger as fields, conditions and actions as JSON text. */
interface Values {
  name: string;
  enabled: boolean;
  type: TriggerType;
  stageId?: string;
  days?: number;
  fields?: string[];
  every?: 'daily' | 'weekly';
  hourUtc?: number;
  weekday?: number;
  conditions: string;
  actions: string;
}

function valuesOf(body: RuleBody): Values {
  const trigger = body.trigger;
  return {
    name: body.name,
    enabled: body.enabled,
    type: trigger.type,
    ...('stageId' in trigger ? { stageId: trigger.stageId } : {}),
    ...('days' in trigger ? { days: trigger.days } : {}),
    ...('fields' in trigger ? { fields: [...trigger.fields] } : {}),
    ...(trigger.type === 'scheduled'
      ? { every: trigger.every, hourUtc: trigger.hourUtc, weekday: trigger.weekday }
      : {}),
    conditions: JSON.stringify(body.conditions, null, 2),
    actions: JSON.stringify(body.actions, null, 2),
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

/** The rule the form describes, or the JSON error that keeps it from being one. */
function bodyOf(values: Values): { body: RuleBody } | { error: string } {
  try {
    return {
      body: {
        name: values.name,
        entity: 'opportunity',
        enabled: values.enabled,
        trigger: triggerOf(values),
        conditions: JSON.parse(values.conditions || '[]') as RuleBody['conditions'],
        actions: JSON.parse(values.actions || '[]') as RuleBody['actions'],
      },
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
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
  const localName = useLocalName();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? initial.trigger.type;
  const every = Form.useWatch('every', form);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const pipelines = useApiQuery(['pipelines'], () => api.GET('/api/v1/pipelines'));
  const stages = (pipelines.data?.items ?? []).flatMap((pipeline) =>
    pipeline.stages.map((stage) => ({
      value: stage.id,
      label: `${localName(pipeline)} · ${localName(stage)}`,
    })),
  );
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
  const draft = (): RuleBody | null => {
    const result = bodyOf(form.getFieldsValue(true) as Values);
    if ('error' in result) {
      setJsonError(t('editor.badJson', { error: result.error }));
      return null;
    }
    setJsonError(null);
    return result.body;
  };
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
          const body = draft();
          if (body) save.mutate(body, { onError: setProblem, onSuccess: () => setProblem(null) });
        }}
      >
        <Form.Item name="name" label={t('editor.name')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="enabled" label={t('editor.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="type" label={t('editor.trigger')}>
          <Select
            options={triggerTypes.map((value) => ({ value, label: t(`trigger.${value}`) }))}
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
        <Form.Item name="conditions" label={t('editor.conditions')}>
          <Input.TextArea rows={4} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="actions" label={t('editor.actionsJson')}>
          <Input.TextArea rows={6} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        {jsonError && <Alert type="error" showIcon message={jsonError} />}
        <FormProblem problem={problem} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('editor.save')}
        </Button>
      </Form>
      <DryRunPanel draft={draft} />
    </SectionCard>
  );
}

/** Picks a deal and shows which conditions the draft matches there and what would run. */
function DryRunPanel({ draft }: { readonly draft: () => RuleBody | null }) {
  const t = useT(automationMessages);
  const [search, setSearch] = useState('');
  const [dealId, setDealId] = useState<string | null>(null);
  const [result, setResult] = useState<DryRun | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const deals = useApiQuery(['opportunities', 'automation-dry-run', search], () =>
    api.GET('/api/v1/opportunities', {
      params: { query: { limit: 20, ...(search ? { q: search } : {}) } },
    }),
  );
  const dryRun = useApiMutation((body: { rule: RuleBody; opportunityId: string }) =>
    api.POST('/api/v1/automation/rules/dry-run', { body }),
  );
  return (
    <section aria-label={t('dry.title')} data-testid="automation-dry-run" style={{ marginTop: 24 }}>
      <h3>{t('dry.title')}</h3>
      <p>{t('dry.hint')}</p>
      <Space wrap>
        <Select
          showSearch
          style={{ minWidth: 280 }}
          aria-label={t('dry.deal')}
          placeholder={t('dry.search')}
          filterOption={false}
          onSearch={setSearch}
          value={dealId ?? undefined}
          onChange={setDealId}
          options={(deals.data?.items ?? []).map((deal) => ({ value: deal.id, label: deal.name }))}
        />
        <Button
          disabled={!dealId}
          loading={dryRun.isPending}
          onClick={() => {
            const rule = draft();
            if (!rule || !dealId) return;
            dryRun.mutate(
              { rule, opportunityId: dealId },
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
      {result && (
        <div data-testid="automation-dry-run-result" style={{ marginTop: 16 }}>
          <Alert
            type={result.matched ? 'success' : 'info'}
            showIcon
            message={t(result.matched ? 'dry.matched' : 'dry.notMatched')}
          />
          <h4>{t('dry.conditions')}</h4>
          {result.conditions.length === 0 ? (
            <p>{t('dry.noConditions')}</p>
          ) : (
            <List
              size="small"
              dataSource={[...result.conditions]}
              renderItem={(item) => (
                <List.Item>
                  <Tag color={item.matched ? 'green' : 'red'}>{t(item.matched ? 'yes' : 'no')}</Tag>
                  <code>{JSON.stringify(item.condition)}</code>
                </List.Item>
              )}
            />
          )}
          <h4>{t('dry.planned')}</h4>
          <List
            size="small"
            dataSource={[...result.actions]}
            renderItem={(item) => (
              <List.Item>
                <Tag>{item.action.type}</Tag>
                {item.recipients && t('dry.recipients', { who: item.recipients.join(', ') })}
              </List.Item>
            )}
          />
        </div>
      )}
    </section>
  );
}
