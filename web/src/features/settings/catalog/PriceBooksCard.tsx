import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Row, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { ApiProblem, FieldIssue } from '../../../api/problem';
import { useApiMutation, useApiQuery } from '../../../api/query';
import type { components } from '../../../api/schema';
import { FormProblem } from '../../../components/FormProblem';
import { QueryState } from '../../../components/QueryState';
import { SectionCard } from '../../../components/SectionCard';
import { useT } from '../../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../../lib/problem-fields';
import { CURRENCIES, VALUE_TIERS, catalogMessages } from './messages';

export type PriceBook = components['schemas']['PriceBook'];
type PriceBookCreate = components['schemas']['PriceBookCreateInput'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The price books: add one, archive or re-activate it, open its prices. */
export function PriceBooksCard({
  selected,
  onSelect,
}: {
  readonly selected: string | null;
  readonly onSelect: (book: PriceBook) => void;
}) {
  const t = useT(catalogMessages);
  const [failed, setFailed] = useState<ApiProblem | null>(null);
  const books = useApiQuery(['price-books', 'settings'], () =>
    api.GET('/api/v1/price-books', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  const toggle = useApiMutation(
    (book: PriceBook) =>
      api.PATCH('/api/v1/price-books/{id}', {
        params: { path: { id: book.id } },
        body: { version: book.version, active: !book.active },
      }),
    { invalidates: [['price-books']], onSuccess: () => setFailed(null) },
  );
  const tierName = (tier: string | null) =>
    tier === null
      ? t('anyTier')
      : (VALUE_TIERS as readonly string[]).includes(tier)
        ? t(`tier.${tier as (typeof VALUE_TIERS)[number]}`)
        : tier;
  const columns: TableColumnsType<PriceBook> = [
    {
      title: t('name'),
      key: 'name',
      render: (_, b) => (
        <Space>
          {b.name}
          {b.isDefault && <Tag color="blue">{t('default')}</Tag>}
        </Space>
      ),
    },
    { title: t('currency'), dataIndex: 'currency' },
    { title: t('channel'), key: 'channel', render: (_, b) => b.channel ?? t('anyChannel') },
    { title: t('customerTier'), key: 'tier', render: (_, b) => tierName(b.customerTier) },
    {
      title: `${t('validFrom')} – ${t('validTo')}`,
      key: 'valid',
      render: (_, b) =>
        b.validFrom || b.validTo ? `${b.validFrom ?? '…'} – ${b.validTo ?? '…'}` : t('always'),
    },
    {
      title: t('status'),
      key: 'status',
      render: (_, b) =>
        b.active ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('archived')}</Tag>,
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, b) => (
        <Space>
          <Button
            size="small"
            type={selected === b.id ? 'primary' : 'default'}
            onClick={() => onSelect(b)}
            aria-label={`${t('prices')}: ${b.name}`}
          >
            {t('prices')}
          </Button>
          <Button
            size="small"
            onClick={() => toggle.mutate(b, { onError: setFailed })}
            aria-label={`${t(b.active ? 'archive' : 'activate')}: ${b.name}`}
          >
            {t(b.active ? 'archive' : 'activate')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <AddPriceBook />
      <SectionCard title={t('books.title')} testId="price-books">
        <FormProblem problem={failed} />
        <QueryState query={books} rows={4}>
          {(page) => (
            <Table<PriceBook>
              rowKey="id"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={page.items}
            />
          )}
        </QueryState>
      </SectionCard>
    </>
  );
}

function AddPriceBook() {
  const t = useT(catalogMessages);
  const [form] = Form.useForm<PriceBookCreate>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const create = useApiMutation(
    (body: PriceBookCreate) => api.POST('/api/v1/price-books', { body }),
    { invalidates: [['price-books']], onSuccess: () => form.resetFields() },
  );
  const dateRule = { pattern: DATE, message: 'YYYY-MM-DD' };
  return (
    <SectionCard title={t('books.add')}>
      <Form<PriceBookCreate>
        form={form}
        name="price-book-create"
        layout="vertical"
        initialValues={{ currency: 'CNY', isDefault: false }}
        onFinish={(values) => {
          setUnplaced([]);
          clearFieldErrors(form);
          create.mutate(
            {
              ...values,
              channel: values.channel?.trim() ? values.channel.trim() : null,
              customerTier: values.customerTier ?? null,
              validFrom: values.validFrom || null,
              validTo: values.validTo || null,
            },
            { onError: (p) => setUnplaced(placeFieldErrors(form, p)) },
          );
        }}
      >
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="currency" label={t('currency')}>
              <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="channel" label={t('channel')}>
              <Input placeholder={t('anyChannel')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="customerTier" label={t('customerTier')}>
              <Select
                allowClear
                placeholder={t('anyTier')}
                options={VALUE_TIERS.map((v) => ({ value: v, label: t(`tier.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="validFrom" label={t('validFrom')} rules={[dateRule]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="validTo" label={t('validTo')} rules={[dateRule]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="isDefault" valuePropName="checked">
          <Checkbox>{t('isDefault')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('add')}
        </Button>
        <FormProblem problem={create.error} issues={unplaced} />
      </Form>
    </SectionCard>
  );
}
