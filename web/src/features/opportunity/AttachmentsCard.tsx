import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, List, Popconfirm, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ATTACHMENT_TYPES, isAttachmentType, uploadAttachment } from '../../api/attachments';
import type { AttachmentType } from '../../api/attachments';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { DateText } from '../../components/DateText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { dealKey } from './data';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

/** The deal's files: upload with a type (gates read the types), download, delete. */
export function AttachmentsCard({ dealId }: { readonly dealId: string }) {
  const t = useT(opportunityMessages);
  const [type, setType] = useState<AttachmentType>('proposal');
  const files = useApiQuery([...dealKey(dealId), 'attachments'], () =>
    api.GET('/api/v1/opportunities/{id}/attachments', { params: { path: { id: dealId } } }),
  );
  const upload = useApiMutation((file: File) => uploadAttachment(dealId, type, file), {
    invalidates: [dealKey(dealId)],
  });
  const remove = useApiMutation(
    (id: string) => api.DELETE('/api/v1/attachments/{id}', { params: { path: { id } } }),
    { invalidates: [dealKey(dealId)] },
  );
  const kind = (value: string) => (isAttachmentType(value) ? t(`attachment.kind.${value}`) : value);
  return (
    <SectionCard title={t('attachment.title')} testId="attachments">
      <Flex gap="small" wrap style={{ marginBottom: 12 }}>
        <Select<AttachmentType>
          aria-label={t('attachment.type')}
          value={type}
          onChange={setType}
          style={{ width: 160 }}
          options={ATTACHMENT_TYPES.map((value) => ({ value, label: kind(value) }))}
        />
        <Upload
          showUploadList={false}
          customRequest={({ file }) => {
            if (file instanceof File) upload.mutate(file);
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('attachment.upload')}
          </Button>
        </Upload>
      </Flex>
      <ProblemAlert problem={upload.error ?? remove.error} />
      <QueryState
        query={files}
        rows={2}
        isEmpty={(items) => items.length === 0}
        empty={t('attachment.empty')}
      >
        {(items) => (
          <List
            size="small"
            dataSource={items}
            renderItem={(file) => (
              <List.Item
                data-attachment={file.id}
                actions={[
                  <a
                    key="download"
                    href={`/api/v1/attachments/${file.id}/content`}
                    download={file.fileName}
                    aria-label={t('attachment.download', { name: file.fileName })}
                  >
                    <DownloadOutlined />
                  </a>,
                  <Popconfirm
                    key="delete"
                    title={t('attachment.confirmDelete')}
                    onConfirm={() => remove.mutate(file.id)}
                  >
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('attachment.delete', { name: file.fileName })}
                    />
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  title={file.fileName}
                  description={
                    <Typography.Text type="secondary">
                      {kind(file.type)} · <DateText value={file.createdAt} style="dateTime" />
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}
