import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiMutation } from '../../../api/query';
import { FormProblem } from '../../../components/FormProblem';
import { useT } from '../../../i18n/locale-context';
import { settingsMessages } from '../messages';
import { SectionCard } from '../../../components/SectionCard';
import type { Pipeline } from './types';

interface FileForm {
  key: string;
  text: string;
}

/**
 * Pipelines as code in the browser: export the server's YAML into the text box, edit or
 * paste a file, and apply it through PUT /pipeline-files/{key}. A bad file comes back as
 * 422 pipeline_invalid with every problem's line and column, listed as the server wrote them.
 */
export function PipelineFileCard({ pipeline }: { readonly pipeline: Pipeline }) {
  const t = useT(settingsMessages);
  const [form] = Form.useForm<FileForm>();
  const [applied, setApplied] = useState<Pipeline | null>(null);

  const exportFile = useApiMutation(
    () =>
      api.GET('/api/v1/pipelines/{id}/export', {
        params: { path: { id: pipeline.id }, query: { format: 'yaml' } },
        parseAs: 'text',
      }),
    {
      onSuccess: (text) => {
        setApplied(null);
        form.setFieldsValue({ key: pipeline.key, text: String(text) });
      },
    },
  );
  const apply = useApiMutation(
    ({ key, text }: FileForm) =>
      api.PUT('/api/v1/pipeline-files/{key}', {
        params: { path: { key } },
        body: text,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'application/yaml' },
      }),
    { invalidates: [['pipelines']], onSuccess: setApplied },
  );

  function submit(values: FileForm): void {
    setApplied(null);
    apply.mutate(values);
  }

  return (
    <SectionCard
      title={t('files.title')}
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={exportFile.isPending}
          onClick={() => exportFile.mutate(undefined)}
          data-testid="pipeline-export"
        >
          {t('files.export')}
        </Button>
      }
    >
      <FormProblem problem={exportFile.error} />
      <Form<FileForm>
        form={form}
        name="pipeline-file"
        layout="vertical"
        initialValues={{ key: pipeline.key, text: '' }}
        onFinish={submit}
      >
        <Form.Item name="key" label={t('files.key')} style={{ maxWidth: 360 }}>
          <Input />
        </Form.Item>
        <Form.Item name="text" label={t('files.text')}>
          <Input.TextArea
            data-testid="pipeline-file-text"
            autoSize={{ minRows: 8, maxRows: 24 }}
            spellCheck={false}
            style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}
          />
        </Form.Item>
        <FormProblem problem={apply.error} testId="pipeline-file-error" />
        {applied && !apply.isPending ? (
          <Alert
            type="success"
            role="status"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('files.applied', { key: applied.key, version: applied.version })}
            data-testid="pipeline-file-applied"
          />
        ) : null}
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<UploadOutlined />}
            loading={apply.isPending}
          >
            {t('files.import')}
          </Button>
        </Space>
      </Form>
    </SectionCard>
  );
}
