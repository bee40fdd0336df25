import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Form, Input, Modal, Popconfirm, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session-context';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/locale-context';
import type { BoardFilters } from './filters';
import { boardMessages } from './messages';

type SavedView = components['schemas']['SavedView'];
export type ViewKind = 'board' | 'opportunity-list';

/**
 * The user's saved views of this pipeline (their own and those shared with the tenant):
 * pick one to apply its filters (and sort), save the current filters under a name, delete
 * one's own.
 */
export function SavedViews({
  kind,
  pipelineId,
  filters,
  sort,
  onApply,
}: {
  readonly kind: ViewKind;
  readonly pipelineId: string;
  readonly filters: BoardFilters;
  readonly sort?: string | null;
  readonly onApply: (view: SavedView) => void;
}) {
  const t = useT(boardMessages);
  const { user } = useSession();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const query = { kind, pipelineId, limit: 200, sort: 'name' } as const;
  const views = useApiQuery(['saved-views', query], () =>
    api.GET('/api/v1/saved-views', { params: { query } }),
  );
  const create = useApiMutation(
    (body: components['schemas']['SavedViewCreateInput']) =>
      api.POST('/api/v1/saved-views', { body }),
    {
      invalidates: [['saved-views']],
      onSuccess: (view) => {
        setSaving(false);
        setChosen(view.id);
        form.resetFields();
        void message.success(t('views.saved', { name: view.name }));
      },
    },
  );
  const remove = useApiMutation(
    (id: string) => api.DELETE('/api/v1/saved-views/{id}', { params: { path: { id } } }),
    {
      invalidates: [['saved-views']],
      onSuccess: () => {
        setChosen(null);
        void message.success(t('views.deleted'));
      },
    },
  );
  const items = views.data?.items ?? [];
  const current = items.find((view) => view.id === chosen) ?? null;

  return (
    <Flex gap={8} align="center" wrap>
      <Select
        aria-label={t('views.label')}
        placeholder={t('views.placeholder')}
        data-testid="saved-views"
        allowClear
        style={{ minWidth: 200 }}
        loading={views.isPending}
        value={chosen}
        onChange={(id: string | undefined) => {
          setChosen(id ?? null);
          const view = items.find((candidate) => candidate.id === id);
          if (view) onApply(view);
        }}
        options={items.map((view) => ({
          value: view.id,
          label: view.userId === user.id ? view.name : `${view.name} (${t('views.sharedBy')})`,
        }))}
      />
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
        {t('views.save')}
      </Button>
      {current && current.userId === user.id ? (
        <Popconfirm
          title={t('views.deleteConfirm', { name: current.name })}
          onConfirm={() => remove.mutate(current.id)}
        >
          <Button
            icon={<DeleteOutlined />}
            danger
            loading={remove.isPending}
            aria-label={t('views.delete')}
          />
        </Popconfirm>
      ) : null}
      {/* A refused delete (e.g. the view was removed elsewhere) says why. */}
      <ProblemAlert problem={remove.error} />
      <Modal
        open={saving}
        title={t('views.save')}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: '', shared: false }}
          onFinish={({ name, shared }) =>
            create.mutate({ kind, name, pipelineId, filters, shared, ...(sort ? { sort } : {}) })
          }
        >
          <Form.Item
            label={t('views.name')}
            name="name"
            rules={[{ required: true, whitespace: true, max: 80 }]}
          >
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t('views.shared')}</Checkbox>
          </Form.Item>
          {create.error ? <Form.ErrorList errors={[create.error.detail]} /> : null}
        </Form>
      </Modal>
    </Flex>
  );
}
