import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { api } from '../../api/client';
import type { ApiProblem, FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { settingsMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

type Reason = components['schemas']['CloseReason'];
type ReasonCreate = components['schemas']['CloseReasonCreateInput'];
const OUTCOMES = ['lost', 'won'] as const;

/** The win and loss reason taxonomy: add reasons, rename them, retire or reinstate them. */
export default function CloseReasonsSection() {
  const t = useT(settingsMessages);
  const reasons = useApiQuery(['close-reasons'], () => api.GET('/api/v1/close-reasons'));
  return (
    <>
      <AddReason />
      {OUTCOMES.map((outcome) => (
        <SectionCard key={outcome} title={t(outcome === 'won' ? 'reasons.won' : 'reasons.lost')}>
          <QueryState
            query={reasons}
            rows={6}
            isEmpty={(list) => list.every((r) => r.outcome !== outcome)}
          >
            {(list) => (
              <ReasonTable reasons={list.filter((r) => r.outcome === outcome)} outcome={outcome} />
            )}
          </QueryState>
        </SectionCard>
      ))}
    </>
  );
}

function ReasonTable({
  reasons,
  outcome,
}: {
  readonly reasons: readonly Reason[];
  readonly outcome: Reason['outcome'];
}) {
  const t = useT(settingsMessages);
  const localName = useLocalName();
  const [failed, setFailed] = useState<ApiProblem | null>(null);
  const toggle = useApiMutation(
    (reason: Reason) =>
      api.PATCH('/api/v1/close-reasons/{id}', {
        params: { path: { id: reason.id } },
        body: { version: reason.version, active: !reason.active },
      }),
    { invalidates: [['close-reasons']], onSuccess: () => setFailed(null) },
  );
  const columns: TableColumnsType<Reason> = [
    { title: t('key'), dataIndex: 'key' },
    { title: t('name'), key: 'name', render: (_, r) => localName(r) },
    { title: t('reasons.position'), dataIndex: 'position', align: 'right' },
    {
      title: t('reasons.active'),
      key: 'active',
      render: (_, r) => (r.active ? <Tag color="green">{t('yes')}</Tag> : <Tag>{t('no')}</Tag>),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, r) => (
        <Button
          size="small"
          onClick={() => toggle.mutate(r, { onError: setFailed })}
          aria-label={`${t(r.active ? 'reasons.retire' : 'reasons.reinstate')}: ${localName(r)}`}
        >
          {t(r.active ? 'reasons.retire' : 'reasons.reinstate')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <FormProblem problem={failed} />
      <Table<Reason>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={[...reasons]}
        data-testid={`close-reasons-${outcome}`}
        onRow={(r) => ({ 'data-key': r.key }) as HTMLAttributes<HTMLElement>}
      />
    </>
  );
}

function AddReason() {
  const t = useT(settingsMessages);
  const [form] = Form.useForm<ReasonCreate>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const create = useApiMutation(
    (body: ReasonCreate) => api.POST('/api/v1/close-reasons', { body }),
    { invalidates: [['close-reasons']], onSuccess: () => form.resetFields() },
  );
  return (
    <SectionCard title={t('reasons.add')}>
      <Form<ReasonCreate>
        form={form}
        name="close-reason"
        layout="vertical"
        initialValues={{ outcome: 'lost' }}
        onFinish={(values) => {
          setUnplaced([]);
          clearFieldErrors(form);
          create.mutate(values, { onError: (p) => setUnplaced(placeFieldErrors(form, p)) });
        }}
      >
        <Row gutter={12}>
          <Col xs={12} md={4}>
            <Form.Item name="outcome" label={t('reasons.outcome')}>
              <Select
                options={OUTCOMES.map((o) => ({
                  value: o,
                  label: t(o === 'won' ? 'reasons.won' : 'reasons.lost'),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="key" label={t('key')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="nameZh" label={t('nameZh')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="nameEn" label={t('nameEn')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="position" label={t('reasons.position')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={2}>
            <Form.Item label=" ">
              <Button
                type="primary"
                htmlType="submit"
                icon={<PlusOutlined />}
                loading={create.isPending}
              >
                {t('add')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
        <FormProblem problem={create.error} issues={unplaced} />
      </Form>
    </SectionCard>
  );
}
