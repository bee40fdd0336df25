import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { settingsMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

type Pipeline = components['schemas']['Pipeline'];
type Scorecard = components['schemas']['ScorecardInput'];

/** Each pipeline's evaluation scorecard: weighted dimensions, or the default nine. */
export default function ScorecardsSection() {
  const t = useT(settingsMessages);
  const localName = useLocalName();
  const [chosen, setChosen] = useState<string | null>(null);
  const pipelines = useApiQuery(['pipelines', 'list'], () => api.GET('/api/v1/pipelines'));
  return (
    <QueryState query={pipelines} rows={8} isEmpty={(page) => page.items.length === 0}>
      {(page) => {
        const pipeline = page.items.find((p) => p.id === chosen) ?? page.items[0];
        if (!pipeline) return null;
        return (
          <SectionCard
            title={t('tab.scorecards')}
            extra={
              <Space>
                <label htmlFor="scorecard-pipeline">{t('pipeline.pick')}</label>
                <Select
                  id="scorecard-pipeline"
                  style={{ minWidth: 200 }}
                  value={pipeline.id}
                  onChange={setChosen}
                  options={page.items.map((p) => ({ value: p.id, label: localName(p) }))}
                />
              </Space>
            }
          >
            <ScorecardForm key={`${pipeline.id}-${String(pipeline.version)}`} pipeline={pipeline} />
          </SectionCard>
        );
      }}
    </QueryState>
  );
}

function ScorecardForm({ pipeline }: { readonly pipeline: Pipeline }) {
  const t = useT(settingsMessages);
  const [form] = Form.useForm<Scorecard>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const save = useApiMutation(
    (scorecard: Scorecard | null) =>
      api.PATCH('/api/v1/pipelines/{id}', {
        params: { path: { id: pipeline.id } },
        body: { version: pipeline.version, scorecard },
      }),
    { invalidates: [['pipelines']] },
  );
  const submit = (scorecard: Scorecard | null) => {
    setUnplaced([]);
    clearFieldErrors(form);
    save.mutate(scorecard, {
      // The body names dimensions as scorecard/dimensions/N/…; the form holds dimensions.
      onError: (problem) => setUnplaced(placeFieldErrors(form, problem, 'scorecard')),
    });
  };
  return (
    <Form<Scorecard>
      form={form}
      name="scorecard"
      layout="vertical"
      initialValues={{ dimensions: pipeline.scorecard?.dimensions ?? [] }}
      onFinish={submit}
    >
      {pipeline.scorecard === null ? (
        <Alert type="info" showIcon title={t('scorecard.isDefault')} style={{ marginBottom: 16 }} />
      ) : null}
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('scorecard.dimensions')}
      </Typography.Title>
      <Form.List name="dimensions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} wrap align="start">
                <Form.Item name={[field.name, 'key']} label={t('key')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'nameZh']} label={t('nameZh')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'nameEn']} label={t('nameEn')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'weight']} label={t('scorecard.weight')}>
                  <InputNumber />
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
            <div>
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ key: '', nameZh: '', nameEn: '', weight: 10 })}
                style={{ marginBottom: 16 }}
              >
                {t('scorecard.addDimension')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
      <FormProblem problem={save.error} issues={unplaced} />
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
        <Button onClick={() => submit(null)} disabled={pipeline.scorecard === null}>
          {t('scorecard.reset')}
        </Button>
      </Space>
    </Form>
  );
}
