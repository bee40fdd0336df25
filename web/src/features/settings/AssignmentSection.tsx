import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { settingsMessages } from './messages';
import { useUserOptions } from './options';
import { SectionCard } from '../../components/SectionCard';

type Rule = components['schemas']['AssignmentRuleDefinitionInput'];
type Conditions = components['schemas']['AssignmentConditionInput'];
interface RulesForm {
  rules: Rule[];
}
const CONDITIONS = ['region', 'industry', 'source', 'size', 'language'] as const;

/** An absent condition accepts anything; an emptied list in the form means the same. */
function withoutEmpty(when: Conditions): Conditions {
  return Object.fromEntries(
    Object.entries(when).filter(([, values]) => Array.isArray(values) && values.length > 0),
  );
}

/** The lead routing table: rules in order, the first match routes the lead. */
export default function AssignmentSection() {
  const rules = useApiQuery(['assignment-rules'], () => api.GET('/api/v1/assignment-rules'));
  // Kept here: a save changes the rules' key, which remounts the editor (fresh values).
  const [saved, setSaved] = useState(false);
  return (
    <QueryState query={rules} rows={8}>
      {(table) => (
        <RulesEditor
          key={table.items.map((r) => `${r.id}${r.updatedAt}`).join()}
          rules={table.items.map((r) => ({
            name: r.name,
            when: { ...r.when },
            userIds: [...r.userIds],
            strategy: r.strategy,
            active: r.active,
          }))}
          saved={saved}
          onSaved={setSaved}
        />
      )}
    </QueryState>
  );
}

function RulesEditor({
  rules,
  saved,
  onSaved: setSaved,
}: {
  readonly rules: Rule[];
  readonly saved: boolean;
  readonly onSaved: (saved: boolean) => void;
}) {
  const t = useT(settingsMessages);
  const users = useUserOptions();
  const [form] = Form.useForm<RulesForm>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const save = useApiMutation(
    (values: RulesForm) =>
      api.PUT('/api/v1/assignment-rules', {
        body: { rules: values.rules.map((r) => ({ ...r, when: withoutEmpty(r.when) })) },
      }),
    { invalidates: [['assignment-rules']], onSuccess: () => setSaved(true) },
  );
  return (
    <SectionCard title={t('tab.assignment')}>
      <Form<RulesForm>
        form={form}
        name="assignment-rules"
        layout="vertical"
        initialValues={{ rules }}
        onFinish={(values) => {
          setUnplaced([]);
          clearFieldErrors(form);
          setSaved(false);
          save.mutate(values, { onError: (p) => setUnplaced(placeFieldErrors(form, p)) });
        }}
      >
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 ? (
                <Alert
                  type="info"
                  showIcon
                  title={t('assignment.empty')}
                  style={{ marginBottom: 16 }}
                />
              ) : null}
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('assignment.rule', { n: index + 1 })}
                  extra={
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('remove')}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} md={10}>
                      <Form.Item name={[field.name, 'name']} label={t('name')}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item name={[field.name, 'strategy']} label={t('assignment.strategy')}>
                        <Select
                          options={(['round_robin', 'capacity'] as const).map((s) => ({
                            value: s,
                            label: t(`strategy.${s}`),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'active']} valuePropName="checked" label=" ">
                        <Checkbox>{t('assignment.active')}</Checkbox>
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[field.name, 'userIds']} label={t('assignment.userIds')}>
                        <Select mode="multiple" options={users} optionFilterProp="label" />
                      </Form.Item>
                    </Col>
                    {CONDITIONS.map((condition) => (
                      <Col xs={24} md={12} key={condition}>
                        <Form.Item
                          name={[field.name, 'when', condition]}
                          label={t(`assignment.when.${condition}`)}
                        >
                          <Select mode="tags" open={false} suffixIcon={null} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                style={{ marginBottom: 16 }}
                onClick={() =>
                  add({ name: '', when: {}, userIds: [], strategy: 'round_robin', active: true })
                }
              >
                {t('assignment.addRule')}
              </Button>
            </>
          )}
        </Form.List>
        <FormProblem problem={save.error} issues={unplaced} />
        {saved ? (
          <Alert
            type="success"
            role="status"
            showIcon
            title={t('saved')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Form>
    </SectionCard>
  );
}
