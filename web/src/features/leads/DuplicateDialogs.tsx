import { Form, Input, Modal, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/locale-context';
import { leadMessages } from './messages';

type Pair = components['schemas']['DuplicatePair'];
type Side = 'survivor' | 'source';

/** "Not a duplicate", with an optional note; the pair is never raised again. */
export function DismissDialog({
  pair,
  onClose,
}: {
  readonly pair: Pair;
  readonly onClose: (done: boolean) => void;
}) {
  const t = useT(leadMessages);
  const [form] = Form.useForm<{ note?: string }>();
  const dismiss = useApiMutation(
    (note: string) =>
      api.POST('/api/v1/duplicates/{id}/dismiss', {
        params: { path: { id: pair.id } },
        body: { version: pair.version, ...(note ? { note } : {}) },
      }),
    { invalidates: [['duplicates']], onSuccess: () => onClose(true) },
  );
  return (
    <Modal
      open
      title={t('dup.dismiss')}
      okText={t('dup.dismiss')}
      cancelText={t('dup.cancel')}
      confirmLoading={dismiss.isPending}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ note }) => dismiss.mutate(note?.trim() ?? '')}
      >
        <Form.Item name="note" label={t('dup.dismissNote')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <ProblemAlert problem={dismiss.error} />
    </Modal>
  );
}

/**
 * Merge with field choice: which record remains, and per field (the units the server lists
 * for this kind) whose value it keeps.
 */
export function MergeDialog({
  pair,
  onClose,
}: {
  readonly pair: Pair;
  readonly onClose: (done: boolean) => void;
}) {
  const t = useT(leadMessages);
  const [survivor, setSurvivor] = useState<'left' | 'right'>('left');
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const fields = useApiQuery(['duplicates', 'merge-fields'], () =>
    api.GET('/api/v1/duplicates/merge-fields'),
  );
  const kind = pair.left.entityType;
  const merge = useApiMutation(
    () =>
      api.POST('/api/v1/duplicates/{id}/merge', {
        params: { path: { id: pair.id } },
        body: { survivor, version: pair.version, fields: choices },
      }),
    {
      invalidates: [['duplicates'], ['leads'], ['accounts'], ['contacts']],
      onSuccess: () => onClose(true),
    },
  );
  return (
    <Modal
      open
      width={640}
      title={t('dup.merge')}
      okText={t('dup.confirm')}
      cancelText={t('dup.cancel')}
      confirmLoading={merge.isPending}
      onCancel={() => onClose(false)}
      onOk={() => merge.mutate()}
    >
      <fieldset className="pw-fieldset">
        <legend>{t('dup.survivor')}</legend>
        <Radio.Group
          value={survivor}
          onChange={(e) => setSurvivor(e.target.value as 'left' | 'right')}
        >
          <Radio value="left">{t('dup.keepLeft', { name: pair.left.name })}</Radio>
          <Radio value="right">{t('dup.keepRight', { name: pair.right.name })}</Radio>
        </Radio.Group>
      </fieldset>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('dup.fields')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('dup.fieldsHelp')}</Typography.Paragraph>
      <Table<{ field: string }>
        rowKey="field"
        size="small"
        pagination={false}
        loading={fields.isPending}
        dataSource={(fields.data?.[kind] ?? []).map((field) => ({ field }))}
        columns={[
          { title: t('dup.field'), dataIndex: 'field' },
          {
            title: '',
            key: 'side',
            render: (_, { field }) => (
              <Radio.Group
                aria-label={field}
                value={choices[field] ?? 'survivor'}
                onChange={(e) =>
                  setChoices((current) => {
                    // Only explicit "take the other's" choices are sent: an unlisted field
                    // keeps the survivor's value, or the other's where the survivor has none.
                    const { [field]: _dropped, ...rest } = current;
                    return e.target.value === 'source' ? { ...rest, [field]: 'source' } : rest;
                  })
                }
              >
                <Radio value="survivor">{t('dup.fromSurvivor')}</Radio>
                <Radio value="source">{t('dup.fromSource')}</Radio>
              </Radio.Group>
            ),
          },
        ]}
      />
      <ProblemAlert problem={merge.error} />
    </Modal>
  );
}
