import { Button, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { ApiProblem } from '../../../api/problem';
import { useApiMutation, useApiQuery } from '../../../api/query';
import type { components } from '../../../api/schema';
import { FormProblem } from '../../../components/FormProblem';
import { QueryState } from '../../../components/QueryState';
import { SectionCard } from '../../../components/SectionCard';
import { useT } from '../../../i18n/locale-context';
import { automationMessages } from './messages';
import { RuleEditor } from './RuleEditor';
import { RunsLog } from './RunsLog';

type Rule = components['schemas']['AutomationRule'];
type RuleBody = components['schemas']['AutomationRuleBody'];

/**
 * Automation rules (admins): the rules with an on/off switch, the shipped templates, an
 * editor with a dry run against a chosen deal, and the log of every run.
 */
export default function AutomationSection() {
  const t = useT(automationMessages);
  const rules = useApiQuery(['automation-rules'], () => api.GET('/api/v1/automation/rules'));
  const templates = useApiQuery(['automation-templates'], () =>
    api.GET('/api/v1/automation/rule-templates'),
  );
  const [editing, setEditing] = useState<{ id: string | null; version: number; body: RuleBody }>({
    id: null,
    version: 0,
    body: emptyRule,
  });
  const [editorKey, setEditorKey] = useState(0);
  const open = (id: string | null, version: number, body: RuleBody) => {
    setEditing({ id, version, body });
    setEditorKey((key) => key + 1);
  };
  return (
    <>
      <SectionCard title={t('rules.title')} testId="automation-rules">
        <QueryState query={rules} isEmpty={(list) => list.length === 0} empty={t('rules.empty')}>
          {(list) => (
            <RuleTable rules={list} onEdit={(rule) => open(rule.id, rule.version, bodyOf(rule))} />
          )}
        </QueryState>
      </SectionCard>
      <SectionCard title={t('templates.title')} testId="automation-templates">
        <QueryState query={templates} isEmpty={(list) => list.length === 0}>
          {(list) => (
            <Space direction="vertical">
              {list.map((template) => (
                <Space key={template.key}>
                  <Button size="small" onClick={() => open(null, 0, template.rule)}>
                    {t('templates.use')}
                  </Button>
                  <span>{template.rule.name}</span>
                </Space>
              ))}
            </Space>
          )}
        </QueryState>
      </SectionCard>
      <RuleEditor
        key={editorKey}
        ruleId={editing.id}
        version={editing.version}
        initial={editing.body}
        onSaved={(rule) => open(rule.id, rule.version, bodyOf(rule))}
        onNew={() => open(null, 0, emptyRule)}
      />
      <RunsLog rules={rules.data ?? []} />
    </>
  );
}

const emptyRule: RuleBody = {
  name: '',
  entity: 'opportunity',
  enabled: true,
  trigger: { type: 'created' },
  conditions: [],
  actions: [{ type: 'notify', recipient: { to: 'owner' }, message: '' }],
};

function bodyOf(rule: Rule): RuleBody {
  return {
    name: rule.name,
    entity: rule.entity,
    enabled: rule.enabled,
    trigger: rule.trigger,
    conditions: [...rule.conditions],
    actions: [...rule.actions],
  };
}

function RuleTable({
  rules,
  onEdit,
}: {
  readonly rules: readonly Rule[];
  readonly onEdit: (rule: Rule) => void;
}) {
  const t = useT(automationMessages);
  const [failed, setFailed] = useState<ApiProblem | null>(null);
  const toggle = useApiMutation(
    (rule: Rule) =>
      api.PATCH('/api/v1/automation/rules/{id}', {
        params: { path: { id: rule.id } },
        body: { version: rule.version, enabled: !rule.enabled },
      }),
    { invalidates: [['automation-rules']], onSuccess: () => setFailed(null) },
  );
  const remove = useApiMutation(
    (rule: Rule) =>
      api.DELETE('/api/v1/automation/rules/{id}', { params: { path: { id: rule.id } } }),
    { invalidates: [['automation-rules']], onSuccess: () => setFailed(null) },
  );
  const columns: TableColumnsType<Rule> = [
    { title: t('rules.name'), dataIndex: 'name' },
    {
      title: t('rules.trigger'),
      key: 'trigger',
      render: (_, rule) => <Tag>{t(`trigger.${rule.trigger.type}`)}</Tag>,
    },
    {
      title: t('rules.enabled'),
      key: 'enabled',
      render: (_, rule) => (
        <Switch
          size="small"
          checked={rule.enabled}
          aria-label={`${t('rules.enabled')}: ${rule.name}`}
          onChange={() => toggle.mutate(rule, { onError: setFailed })}
        />
      ),
    },
    {
      title: t('rules.actions'),
      key: 'actions',
      render: (_, rule) => (
        <Space>
          <Button size="small" onClick={() => onEdit(rule)}>
            {t('rules.edit')}
          </Button>
          <Popconfirm
            title={t('rules.confirmDelete')}
            onConfirm={() => remove.mutate(rule, { onError: setFailed })}
          >
            <Button size="small" danger>
              {t('rules.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <>
      <FormProblem problem={failed} />
      <Table<Rule>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={[...rules]}
      />
    </>
  );
}
