import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Collapse, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { FieldIssue } from '../../../api/problem';
import { useApiMutation } from '../../../api/query';
import { FormProblem } from '../../../components/FormProblem';
import { useLocale, useT } from '../../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../../lib/problem-fields';
import { settingsMessages } from '../messages';
import { StageFields } from './StageFields';
import { emptyToNull, formOf } from './types';
import type { Pipeline, PipelineForm, StageInput } from './types';

/**
 * The pipeline as a form: names, skip rule, default, and every stage with its rules. Saving
 * sends the whole definition with the version read; the server validates it (stage order,
 * won/lost probabilities, unknown actions, stages in use) and its errors land on the fields.
 */
export function PipelineEditor({ pipeline }: { readonly pipeline: Pipeline }) {
  const t = useT(settingsMessages);
  const { locale } = useLocale();
  const [form] = Form.useForm<PipelineForm>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const [saved, setSaved] = useState(false);
  // The version this form edits: the one read, then each saved answer's (no remount).
  const [version, setVersion] = useState(pipeline.version);
  const save = useApiMutation(
    (values: PipelineForm) =>
      api.PATCH('/api/v1/pipelines/{id}', {
        params: { path: { id: pipeline.id } },
        body: { ...values, version },
      }),
    {
      invalidates: [['pipelines']],
      onSuccess: (updated) => {
        setVersion(updated.version);
        form.setFieldsValue(formOf(updated));
        setSaved(true);
      },
    },
  );
  const stages = Form.useWatch('stages', form) ?? [];

  function submit(values: PipelineForm): void {
    setSaved(false);
    setUnplaced([]);
    clearFieldErrors(form);
    save.mutate(values, { onError: (problem) => setUnplaced(placeFieldErrors(form, problem)) });
  }

  const newStage: StageInput = {
    key: '',
    nameZh: '',
    nameEn: '',
    kind: 'open',
    probability: 0,
    forecastCategory: 'pipeline',
    actions: [],
    materials: [],
    entry: [],
    exit: [],
    approval: null,
  };

  return (
    <Form<PipelineForm>
      form={form}
      name="pipeline"
      layout="vertical"
      initialValues={formOf(pipeline)}
      onFinish={submit}
      data-testid="pipeline-editor"
    >
      <Typography.Paragraph type="secondary">
        {pipeline.key} · {t('pipeline.version', { version })}
      </Typography.Paragraph>
      <Space wrap align="start" style={{ width: '100%' }}>
        <Form.Item name="nameZh" label={t('nameZh')} style={{ minWidth: 240 }}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('nameEn')} style={{ minWidth: 240 }}>
          <Input />
        </Form.Item>
      </Space>
      <Form.Item name="description" label={t('pipeline.description')} normalize={emptyToNull}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="allowSkip" valuePropName="checked">
          <Checkbox>{t('pipeline.allowSkip')}</Checkbox>
        </Form.Item>
        <Form.Item name="isDefault" valuePropName="checked">
          <Checkbox>{t('pipeline.isDefault')}</Checkbox>
        </Form.Item>
      </Space>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('pipeline.stages')}
      </Typography.Title>
      <Form.List name="stages">
        {(fields, { add, remove, move }) => (
          <>
            <Collapse
              items={fields.map((field, index) => {
                const stage = stages[index];
                const name = stage ? (locale === 'zh-CN' ? stage.nameZh : stage.nameEn) : '';
                return {
                  key: field.key,
                  forceRender: true,
                  label: (
                    <span data-testid={`stage-header-${stage?.key ?? String(index)}`}>
                      {t('stage.title', { n: index + 1, name })}
                    </span>
                  ),
                  children: (
                    <StageFields
                      field={field}
                      index={index}
                      count={fields.length}
                      onRemove={() => remove(field.name)}
                      onMove={(to) => move(index, to)}
                    />
                  ),
                };
              })}
            />
            <Button
              icon={<PlusOutlined />}
              style={{ marginTop: 12 }}
              onClick={() => add({ ...newStage })}
            >
              {t('pipeline.addStage')}
            </Button>
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 16 }}>
        <FormProblem problem={save.error} issues={unplaced} testId="pipeline-editor-error" />
        {saved && !save.isPending ? (
          <Alert
            type="success"
            showIcon
            title={t('saved')}
            style={{ marginBottom: 16 }}
            role="status"
          />
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </div>
    </Form>
  );
}
