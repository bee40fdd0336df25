import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
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
import { CUSTOMISATIONS, PRODUCT_TYPES, catalogMessages } from './messages';

type Product = components['schemas']['Product'];
type ProductCreate = components['schemas']['ProductCreateInput'];
type ProductEdit = Omit<components['schemas']['ProductPatchInput'], 'version'>;

/** The product catalogue: search, add, edit, archive and re-activate products. */
export function ProductsCard() {
  const t = useT(catalogMessages);
  const [q, setQ] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Product | null>(null);
  const [failed, setFailed] = useState<ApiProblem | null>(null);
  const products = useApiQuery(['products', 'settings', q, showArchived], () =>
    api.GET('/api/v1/products', {
      params: {
        query: {
          limit: 200,
          sort: 'code',
          ...(q ? { q } : {}),
          ...(showArchived ? {} : { active: 'true' }),
        },
      },
    }),
  );
  const toggle = useApiMutation(
    (product: Product) =>
      api.POST(
        product.active ? '/api/v1/products/{id}/archive' : '/api/v1/products/{id}/activate',
        { params: { path: { id: product.id } }, body: { version: product.version } },
      ),
    { invalidates: [['products']], onSuccess: () => setFailed(null) },
  );
  const columns: TableColumnsType<Product> = [
    { title: t('code'), dataIndex: 'code' },
    { title: t('name'), dataIndex: 'name' },
    { title: t('series'), dataIndex: 'series', render: (s: string | null) => s ?? '—' },
    { title: t('type'), key: 'type', render: (_, p) => t(`type.${p.productType}`) },
    {
      title: t('customisation'),
      key: 'customisation',
      render: (_, p) => t(`customisation.${p.customisation}`),
    },
    { title: t('unit'), dataIndex: 'unit', render: (u: string | null) => u ?? '—' },
    {
      title: t('status'),
      key: 'status',
      render: (_, p) =>
        p.active ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('archived')}</Tag>,
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, p) => (
        <Space>
          <Button size="small" onClick={() => setEditing(p)} aria-label={`${t('edit')}: ${p.code}`}>
            {t('edit')}
          </Button>
          <Button
            size="small"
            onClick={() => toggle.mutate(p, { onError: setFailed })}
            aria-label={`${t(p.active ? 'archive' : 'activate')}: ${p.code}`}
          >
            {t(p.active ? 'archive' : 'activate')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <AddProduct />
      <SectionCard
        title={t('products.title')}
        testId="products"
        extra={
          <Space>
            <Input.Search
              allowClear
              placeholder={t('products.search')}
              aria-label={t('products.search')}
              onSearch={setQ}
              style={{ width: 220 }}
            />
            <Checkbox checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)}>
              {t('products.showArchived')}
            </Checkbox>
          </Space>
        }
      >
        <FormProblem problem={failed} />
        <QueryState query={products} rows={5}>
          {(page) => (
            <Table<Product>
              rowKey="id"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={page.items}
            />
          )}
        </QueryState>
      </SectionCard>
      {editing && <EditProduct product={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

/** The fields a product form shows, shared by add and edit. */
function ProductFields({ withCode }: { readonly withCode: boolean }) {
  const t = useT(catalogMessages);
  return (
    <Row gutter={12}>
      {withCode && (
        <Col xs={12} md={4}>
          <Form.Item name="code" label={t('code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Col>
      )}
      <Col xs={12} md={withCode ? 5 : 12}>
        <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={12} md={withCode ? 4 : 12}>
        <Form.Item name="series" label={t('series')}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={12} md={withCode ? 4 : 8}>
        <Form.Item name="productType" label={t('type')}>
          <Select options={PRODUCT_TYPES.map((v) => ({ value: v, label: t(`type.${v}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={12} md={withCode ? 4 : 8}>
        <Form.Item name="customisation" label={t('customisation')}>
          <Select
            options={CUSTOMISATIONS.map((v) => ({ value: v, label: t(`customisation.${v}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={withCode ? 3 : 8}>
        <Form.Item name="unit" label={t('unit')}>
          <Input />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Empty optional texts are sent as null (the API refuses empty strings). */
const orNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

function AddProduct() {
  const t = useT(catalogMessages);
  const [form] = Form.useForm<ProductCreate>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const create = useApiMutation((body: ProductCreate) => api.POST('/api/v1/products', { body }), {
    invalidates: [['products']],
    onSuccess: () => form.resetFields(),
  });
  return (
    <SectionCard title={t('products.add')}>
      <Form<ProductCreate>
        form={form}
        name="product-create"
        layout="vertical"
        initialValues={{ productType: 'cornerstone', customisation: 'standard' }}
        onFinish={(values) => {
          setUnplaced([]);
          clearFieldErrors(form);
          create.mutate(
            { ...values, series: orNull(values.series), unit: orNull(values.unit) },
            { onError: (p) => setUnplaced(placeFieldErrors(form, p)) },
          );
        }}
      >
        <ProductFields withCode />
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('add')}
        </Button>
        <FormProblem problem={create.error} issues={unplaced} />
      </Form>
    </SectionCard>
  );
}

function EditProduct({
  product,
  onClose,
}: {
  readonly product: Product;
  readonly onClose: () => void;
}) {
  const t = useT(catalogMessages);
  const [form] = Form.useForm<ProductEdit>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const save = useApiMutation(
    (body: ProductEdit) =>
      api.PATCH('/api/v1/products/{id}', {
        params: { path: { id: product.id } },
        body: { ...body, version: product.version },
      }),
    { invalidates: [['products'], ['price-book-entries']], onSuccess: onClose },
  );
  return (
    <Modal
      open
      title={`${t('products.edit')}: ${product.code}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      confirmLoading={save.isPending}
      width={720}
    >
      <Form<ProductEdit>
        form={form}
        name="product-edit"
        layout="vertical"
        initialValues={{
          name: product.name,
          series: product.series,
          productType: product.productType,
          customisation: product.customisation,
          unit: product.unit,
          description: product.description,
        }}
        onFinish={(values) => {
          setUnplaced([]);
          clearFieldErrors(form);
          save.mutate(
            {
              ...values,
              series: orNull(values.series),
              unit: orNull(values.unit),
              description: orNull(values.description),
            },
            { onError: (p) => setUnplaced(placeFieldErrors(form, p)) },
          );
        }}
      >
        <ProductFields withCode={false} />
        <Form.Item name="description" label={t('description')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <FormProblem problem={save.error} issues={unplaced} />
      </Form>
    </Modal>
  );
}
