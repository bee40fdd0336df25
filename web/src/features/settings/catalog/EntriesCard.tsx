import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { ApiProblem, FieldIssue } from '../../../api/problem';
import { useApiMutation, useApiQuery } from '../../../api/query';
import type { components } from '../../../api/schema';
import { FormProblem } from '../../../components/FormProblem';
import { Money } from '../../../components/Money';
import { QueryState } from '../../../components/QueryState';
import { SectionCard } from '../../../components/SectionCard';
import { formatMoney, toMajor, toMinor } from '../../../i18n/format';
import { useLocale, useT } from '../../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../../lib/problem-fields';
import { catalogMessages } from './messages';
import type { PriceBook } from './PriceBooksCard';

type Entry = components['schemas']['PriceBookEntryWithProduct'];

/** What the price form holds: amounts in major units as typed, tiers as rows. */
interface PriceForm {
  productId: string;
  unitPrice: number;
  tiers?: { minQuantity: number; unitPrice: number }[];
}

/** A book's prices: each product's unit price and volume tiers; set, change or remove one. */
export function EntriesCard({ book }: { readonly book: PriceBook }) {
  const t = useT(catalogMessages);
  const { locale } = useLocale();
  const [failed, setFailed] = useState<ApiProblem | null>(null);
  const entries = useApiQuery(['price-book-entries', book.id], () =>
    api.GET('/api/v1/price-books/{id}/entries', {
      params: { path: { id: book.id }, query: { limit: 200 } },
    }),
  );
  const remove = useApiMutation(
    (entry: Entry) =>
      api.DELETE('/api/v1/price-book-entries/{id}', { params: { path: { id: entry.id } } }),
    { invalidates: [['price-book-entries', book.id]], onSuccess: () => setFailed(null) },
  );
  const money = (amountMinor: number) =>
    formatMoney(locale, { amountMinor, currency: book.currency });
  const columns: TableColumnsType<Entry> = [
    { title: t('code'), key: 'code', render: (_, e) => e.product.code },
    { title: t('name'), key: 'name', render: (_, e) => e.product.name },
    {
      title: t('entries.unitPrice'),
      key: 'price',
      align: 'right',
      render: (_, e) => (
        <Money value={{ amountMinor: e.unitPriceMinor, currency: book.currency }} />
      ),
    },
    {
      title: t('entries.tiers'),
      key: 'tiers',
      render: (_, e) =>
        e.volumeTiers.length === 0
          ? t('entries.noTiers')
          : e.volumeTiers
              .map((tier) =>
                t('entries.tierText', { min: tier.minQuantity, price: money(tier.unitPriceMinor) }),
              )
              .join('; '),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, e) => (
        <Button
          size="small"
          onClick={() => remove.mutate(e, { onError: setFailed })}
          aria-label={`${t('remove')}: ${e.product.code}`}
        >
          {t('remove')}
        </Button>
      ),
    },
  ];
  return (
    <SectionCard title={t('entries.title', { book: book.name })} testId="price-book-entries">
      <SetPrice book={book} />
      <FormProblem problem={failed} />
      <QueryState query={entries} rows={4}>
        {(page) => (
          <Table<Entry>
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={page.items}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}

function SetPrice({ book }: { readonly book: PriceBook }) {
  const t = useT(catalogMessages);
  const [form] = Form.useForm<PriceForm>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const products = useApiQuery(['products', 'active-all'], () =>
    api.GET('/api/v1/products', {
      params: { query: { limit: 200, sort: 'code', active: 'true' } },
    }),
  );
  const save = useApiMutation(
    (values: PriceForm) =>
      api.PUT('/api/v1/price-books/{id}/entries', {
        params: { path: { id: book.id } },
        body: {
          productId: values.productId,
          unitPriceMinor: toMinor(values.unitPrice, book.currency),
          volumeTiers: (values.tiers ?? []).map((tier) => ({
            minQuantity: tier.minQuantity,
            unitPriceMinor: toMinor(tier.unitPrice, book.currency),
          })),
        },
      }),
    { invalidates: [['price-book-entries', book.id]], onSuccess: () => form.resetFields() },
  );
  const step = toMajor(1, book.currency);
  return (
    <Form<PriceForm>
      form={form}
      name="price-entry"
      layout="vertical"
      onFinish={(values) => {
        setUnplaced([]);
        clearFieldErrors(form);
        save.mutate(values, { onError: (p) => setUnplaced(placeFieldErrors(form, p)) });
      }}
    >
      <Typography.Paragraph type="secondary">{t('entries.hint')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item name="productId" label={t('entries.product')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(products.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `${p.code} ${p.name}`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="unitPrice"
            label={`${t('entries.unitPrice')} (${book.currency})`}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} step={step} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="tiers">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline">
                <Form.Item
                  name={[field.name, 'minQuantity']}
                  label={t('entries.minQuantity')}
                  rules={[{ required: true }]}
                >
                  <InputNumber
                    min={2}
                    precision={0}
                    aria-label={`${t('entries.minQuantity')} ${index + 1}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'unitPrice']}
                  label={t('entries.tierPrice')}
                  rules={[{ required: true }]}
                >
                  <InputNumber
                    min={0}
                    step={step}
                    aria-label={`${t('entries.tierPrice')} ${index + 1}`}
                  />
                </Form.Item>
                <MinusCircleOutlined aria-label={t('remove')} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('entries.addTier')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('entries.set')}
      </Button>
      <FormProblem problem={save.error} issues={unplaced} />
    </Form>
  );
}
