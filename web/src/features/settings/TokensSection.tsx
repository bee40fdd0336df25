import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiProblem, FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { DateText } from '../../components/DateText';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { settingsMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

type Token = components['schemas']['ApiToken'];
type Created = components['schemas']['ApiTokenCreated'];
interface TokenForm {
  name: string;
  expiresAt?: Dayjs | null;
}

/**
 * Personal API tokens (/me/tokens: each user's own, acting as them). The secret is in the
 * create answer only; it is shown until the section is left, then never again.
 */
export default function TokensSection() {
  const t = useT(settingsMessages);
  const [form] = Form.useForm<TokenForm>();
  const [created, setCreated] = useState<Created | null>(null);
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const [revokeError, setRevokeError] = useState<ApiProblem | null>(null);
  const tokens = useApiQuery(['me-tokens'], () => api.GET('/api/v1/me/tokens'));
  const create = useApiMutation(
    (values: TokenForm) =>
      api.POST('/api/v1/me/tokens', {
        body: {
          name: values.name,
          expiresAt: values.expiresAt ? values.expiresAt.endOf('day').toISOString() : null,
        },
      }),
    {
      invalidates: [['me-tokens']],
      onSuccess: (answer) => {
        setCreated(answer);
        form.resetFields();
      },
    },
  );
  const revoke = useApiMutation(
    (id: string) => api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } }),
    { invalidates: [['me-tokens']], onSuccess: () => setRevokeError(null) },
  );

  const columns: TableColumnsType<Token> = [
    { title: t('name'), dataIndex: 'name' },
    { title: t('tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
    {
      title: t('tokens.created'),
      dataIndex: 'createdAt',
      render: (v: string) => <DateText value={v} style="dateTime" />,
    },
    {
      title: t('tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? <DateText value={v} style="dateTime" /> : t('never')),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, token) =>
        token.revokedAt ? (
          <Tag>{t('tokens.revoked')}</Tag>
        ) : (
          <Popconfirm
            title={t('tokens.confirmRevoke')}
            okText={t('tokens.revoke')}
            cancelText={t('cancel')}
            onConfirm={() => revoke.mutate(token.id, { onError: setRevokeError })}
          >
            <Button size="small" danger aria-label={`${t('tokens.revoke')}: ${token.name}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <SectionCard title={t('tokens.create')}>
        <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
        {created ? (
          <Alert
            type="warning"
            showIcon
            role="status"
            style={{ marginBottom: 16 }}
            title={t('tokens.once')}
            data-testid="token-secret"
            description={
              <Typography.Text code copyable={{ text: created.token }}>
                {created.token}
              </Typography.Text>
            }
          />
        ) : null}
        <Form<TokenForm>
          form={form}
          name="api-token"
          layout="vertical"
          onFinish={(values) => {
            setCreated(null);
            setUnplaced([]);
            clearFieldErrors(form);
            create.mutate(values, { onError: (p) => setUnplaced(placeFieldErrors(form, p)) });
          }}
        >
          <Space wrap align="start">
            <Form.Item name="name" label={t('tokens.name')} style={{ minWidth: 260 }}>
              <Input />
            </Form.Item>
            <Form.Item name="expiresAt" label={t('tokens.expiresAt')}>
              <DatePicker />
            </Form.Item>
            <Form.Item label=" ">
              <Button
                type="primary"
                htmlType="submit"
                icon={<PlusOutlined />}
                loading={create.isPending}
              >
                {t('tokens.create')}
              </Button>
            </Form.Item>
          </Space>
          <FormProblem problem={create.error} issues={unplaced} />
        </Form>
      </SectionCard>
      <SectionCard title={t('tab.tokens')}>
        <FormProblem problem={revokeError} />
        <QueryState
          query={tokens}
          rows={4}
          isEmpty={(list) => list.length === 0}
          empty={t('tokens.empty')}
        >
          {(list) => (
            <Table<Token>
              rowKey="id"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={[...list]}
              data-testid="token-list"
              scroll={{ x: true }}
            />
          )}
        </QueryState>
      </SectionCard>
    </>
  );
}
