import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useT } from '../../../i18n/locale-context';
import { settingsMessages } from '../messages';
import type { CriterionInput } from './types';

const TYPES = ['field', 'action', 'attachment', 'contact_role', 'score'] as const;
const ROLES = ['decision_maker', 'influencer', 'user', 'gatekeeper', 'champion'] as const;
const ATTACHMENTS = ['proposal', 'quote', 'contract', 'questionnaire', 'presentation', 'other'];
const FIELDS = [
  'amount',
  'expectedCloseDate',
  'budget',
  'timeline',
  'nextStep',
  'nextStepDate',
  'primaryContactId',
  'competitors',
  'products',
  'source',
];

/** A fresh criterion of a type, with the members that type has (the server checks values). */
function blank(type: CriterionInput['type']): CriterionInput {
  switch (type) {
    case 'field':
      return { type, field: 'amount' };
    case 'action':
      return { type, action: '' };
    case 'attachment':
      return { type, attachmentType: 'proposal' };
    case 'contact_role':
      return { type, role: 'decision_maker', min: 1 };
    case 'score':
      return { type, min: 60 };
  }
}

/** A stage's entry or exit criteria; each criterion shows the inputs of its type. */
export function CriteriaList({
  stage,
  list,
  title,
}: {
  readonly stage: number;
  readonly list: 'entry' | 'exit';
  readonly title: string;
}) {
  const t = useT(settingsMessages);
  const form = Form.useFormInstance();
  return (
    <>
      <Typography.Title level={4} style={{ fontSize: 14 }}>
        {title}
      </Typography.Title>
      <Form.List name={[stage, list]}>
        {(criteria, { add, remove }) => (
          <>
            {criteria.map((criterion) => (
              <Space key={criterion.key} wrap align="start">
                <Form.Item label={t('criterion.type')} name={[criterion.name, 'type']}>
                  <Select
                    style={{ minWidth: 170 }}
                    options={TYPES.map((type) => ({
                      value: type,
                      label: t(`criterion.type.${type}`),
                    }))}
                    onChange={(type: CriterionInput['type']) =>
                      form.setFieldValue(['stages', stage, list, criterion.name], blank(type))
                    }
                  />
                </Form.Item>
                <Form.Item noStyle dependencies={[['stages', stage, list, criterion.name, 'type']]}>
                  {() => {
                    const type = form.getFieldValue([
                      'stages',
                      stage,
                      list,
                      criterion.name,
                      'type',
                    ]) as CriterionInput['type'];
                    return <Members type={type} name={criterion.name} />;
                  }}
                </Form.Item>
                <Form.Item label=" ">
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('remove')}
                    onClick={() => remove(criterion.name)}
                  />
                </Form.Item>
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add(blank('field'))}
              style={{ marginBottom: 16 }}
            >
              {t('stage.addCriterion')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

function Members({ type, name }: { readonly type: CriterionInput['type']; readonly name: number }) {
  const t = useT(settingsMessages);
  switch (type) {
    case 'field':
      return (
        <Form.Item label={t('criterion.field')} name={[name, 'field']}>
          <AutoComplete
            style={{ minWidth: 180 }}
            options={FIELDS.map((f) => ({ value: f, label: f }))}
          />
        </Form.Item>
      );
    case 'action':
      return (
        <Form.Item label={t('criterion.action')} name={[name, 'action']}>
          <Input />
        </Form.Item>
      );
    case 'attachment':
      return (
        <Form.Item label={t('criterion.attachmentType')} name={[name, 'attachmentType']}>
          <Select
            style={{ minWidth: 150 }}
            options={ATTACHMENTS.map((a) => ({ value: a, label: a }))}
          />
        </Form.Item>
      );
    case 'contact_role':
      return (
        <>
          <Form.Item label={t('criterion.role')} name={[name, 'role']}>
            <Select
              style={{ minWidth: 150 }}
              options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('criterion.min')} name={[name, 'min']}>
            <InputNumber />
          </Form.Item>
        </>
      );
    case 'score':
      return (
        <Form.Item label={t('criterion.min')} name={[name, 'min']}>
          <InputNumber />
        </Form.Item>
      );
  }
}
