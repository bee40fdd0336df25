import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, InputNumber, Select, Space } from 'antd';
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
import { SectionCard } from '../../components/SectionCard';

type Scoring = components['schemas']['LeadScoring'];
type Rule = components['schemas']['LeadScoringRuleInput'];
type Kind = Rule['kind'];
interface ScoringForm {
  rules: Rule[];
}

const KINDS: readonly Kind[] = [
  'source',
  'industry',
  'region',
  'size',
  'bant',
  'activity_count',
  'recent_activity',
];
const SOURCES = [
  'website',
  'advertising',
  'event',
  'referral',
  'cold_outreach',
  'partner',
  'social',
  'import',
  'other',
];
const SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'];
const ANSWERS = ['budget', 'authority', 'need', 'timeline'];

function blank(kind: Kind): Rule {
  switch (kind) {
    case 'source':
      return { kind, source: 'website', points: 10 };
    case 'industry':
    case 'region':
      return { kind, values: [], points: 10 };
    case 'size':
      return { kind, values: [], points: 10 };
    case 'bant':
      return { kind, answer: 'budget', points: 10 };
    case 'activity_count':
      return { kind, withinDays: 30, pointsEach: 5, maxPoints: 15 };
    case 'recent_activity':
      return { kind, withinDays: 7, points: 5 };
  }
}

/** The tenant's lead-scoring rules; saving re-scores every live lead on the server. */
export default function LeadScoringSection() {
  const scoring = useApiQuery(['lead-scoring'], () => api.GET('/api/v1/lead-scoring'));
  // Kept here: a save bumps the version, which remounts the editor (fresh values).
  const [rescored, setRescored] = useState<number | null>(null);
  return (
    <QueryState query={scoring} rows={10}>
      {(current) => (
        <ScoringEditor
          key={current.version}
          scoring={current}
          rescored={rescored}
          onRescored={setRescored}
        />
      )}
    </QueryState>
  );
}

function ScoringEditor({
  scoring,
  rescored,
  onRescored: setRescored,
}: {
  readonly scoring: Scoring;
  readonly rescored: number | null;
  readonly onRescored: (count: number | null) => void;
}) {
  const t = useT(settingsMessages);
  const [form] = Form.useForm<ScoringForm>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const save = useApiMutation(
    (values: ScoringForm) =>
      api.PUT('/api/v1/lead-scoring', { body: { version: scoring.version, rules: values.rules } }),
    {
      invalidates: [['lead-scoring'], ['leads']],
      onSuccess: (saved) => setRescored(saved.rescored),
    },
  );
  return (
    <SectionCard title={t('tab.leadScoring')}>
      {scoring.isDefault ? (
        <Alert type="info" showIcon title={t('scoring.defaults')} style={{ marginBottom: 16 }} />
      ) : null}
      {rescored !== null ? (
        <Alert
          type="success"
          role="status"
          showIcon
          title={t('scoring.rescored', { count: rescored })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<ScoringForm>
        form={form}
        name="lead-scoring"
        layout="vertical"
        initialValues={{ rules: [...scoring.rules] }}
        onFinish={(values) => {
          setUnplaced([]);
          clearFieldErrors(form);
          setRescored(null);
          save.mutate(values, { onError: (p) => setUnplaced(placeFieldErrors(form, p)) });
        }}
      >
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'kind']} label={t('scoring.kind')}>
                    <Select
                      style={{ minWidth: 150 }}
                      options={KINDS.map((k) => ({ value: k, label: t(`scoring.kind.${k}`) }))}
                      onChange={(kind: Kind) =>
                        form.setFieldValue(['rules', field.name], blank(kind))
                      }
                    />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['rules', field.name, 'kind']]}>
                    {() => (
                      <RuleMembers
                        kind={form.getFieldValue(['rules', field.name, 'kind']) as Kind}
                        name={field.name}
                      />
                    )}
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add(blank('source'))}
                style={{ marginBottom: 16 }}
              >
                {t('scoring.addRule')}
              </Button>
            </>
          )}
        </Form.List>
        <FormProblem problem={save.error} issues={unplaced} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Form>
    </SectionCard>
  );
}

function RuleMembers({ kind, name }: { readonly kind: Kind; readonly name: number }) {
  const t = useT(settingsMessages);
  const points = (
    <Form.Item name={[name, 'points']} label={t('scoring.points')}>
      <InputNumber />
    </Form.Item>
  );
  switch (kind) {
    case 'source':
      return (
        <>
          <Form.Item name={[name, 'source']} label={t('scoring.source')}>
            <Select
              style={{ minWidth: 140 }}
              options={SOURCES.map((s) => ({ value: s, label: s }))}
            />
          </Form.Item>
          {points}
        </>
      );
    case 'industry':
    case 'region':
    case 'size':
      return (
        <>
          <Form.Item name={[name, 'values']} label={t('scoring.values')}>
            <Select
              mode={kind === 'size' ? 'multiple' : 'tags'}
              style={{ minWidth: 240 }}
              options={kind === 'size' ? SIZES.map((s) => ({ value: s, label: s })) : []}
            />
          </Form.Item>
          {points}
        </>
      );
    case 'bant':
      return (
        <>
          <Form.Item name={[name, 'answer']} label={t('scoring.answer')}>
            <Select
              style={{ minWidth: 120 }}
              options={ANSWERS.map((a) => ({ value: a, label: a }))}
            />
          </Form.Item>
          {points}
        </>
      );
    case 'activity_count':
      return (
        <>
          <Form.Item name={[name, 'withinDays']} label={t('scoring.withinDays')}>
            <InputNumber />
          </Form.Item>
          <Form.Item name={[name, 'pointsEach']} label={t('scoring.pointsEach')}>
            <InputNumber />
          </Form.Item>
          <Form.Item name={[name, 'maxPoints']} label={t('scoring.maxPoints')}>
            <InputNumber />
          </Form.Item>
        </>
      );
    case 'recent_activity':
      return (
        <>
          <Form.Item name={[name, 'withinDays']} label={t('scoring.withinDays')}>
            <InputNumber />
          </Form.Item>
          {points}
        </>
      );
  }
}
