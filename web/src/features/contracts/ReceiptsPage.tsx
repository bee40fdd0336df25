import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components, paths } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { toMinor } from '../../i18n/format';
import { useT } from '../../i18n/locale-context';
import { contractMessages } from './messages';

type Receipt = components['schemas']['Receipt'];
type Contract = components['schemas']['Contract'];
type ReceiptBody = paths['/api/v1/receipts']['post']['requestBody']['content']['application/json'];

interface PostForm {
  contractId: string;
  amount: number;
  receivedOn?: { format: (f: string) => string };
  method?: string;
  reference?: string;
  autoAllocate?: boolean;
}

/**
 * Receipts (回款): record money received against a contract — its account and currency come
 * from the contract — optionally applied to the oldest open installments; the list shows
 * what is still unapplied (allocate it from the contract's page).
 */
export default function ReceiptsPage() {
  const t = useT(contractMessages);
  const [form] = Form.useForm<PostForm>();
  const [last, setLast] = useState<string | null>(null);
  const contracts = useApiQuery(['contracts'], () =>
    api.GET('/api/v1/contracts', { params: { query: { limit: 200 } } }),
  );
  const list = useApiQuery(['receipts'], () =>
    api.GET('/api/v1/receipts', { params: { query: { limit: 200 } } }),
  );
  const post = useApiMutation((body: ReceiptBody) => api.POST('/api/v1/receipts', { body }), {
    invalidates: [['receipts'], ['contracts']],
    onSuccess: (receipt) => {
      setLast(receipt.number);
      form.resetFields();
    },
  });
  const byId = new Map<string, Contract>((contracts.data?.items ?? []).map((c) => [c.id, c]));
  const submit = (v: PostForm) => {
    const contract = byId.get(v.contractId);
    if (!contract) return;
    post.mutate({
      accountId: contract.accountId,
      contractId: contract.id,
      currency: contract.currency,
      amountMinor: toMinor(v.amount, contract.currency),
      receivedOn: v.receivedOn
        ? v.receivedOn.format('YYYY-MM-DD')
        : new Date().toISOString().slice(0, 10),
      ...(v.method ? { method: v.method } : {}),
      ...(v.reference ? { reference: v.reference } : {}),
      autoAllocate: v.autoAllocate ?? false,
    });
  };
  const columns: TableColumnsType<Receipt> = [
    { title: t('receipt'), dataIndex: 'number' },
    { title: t('receivedOn'), dataIndex: 'receivedOn' },
    {
      title: t('amount'),
      key: 'a',
      align: 'right',
      render: (_, r) => <Money value={{ amountMinor: r.amountMinor, currency: r.currency }} />,
    },
    {
      title: t('unappliedAmount'),
      key: 'u',
      align: 'right',
      render: (_, r) => <Money value={{ amountMinor: r.unappliedMinor, currency: r.currency }} />,
    },
    {
      title: t('status'),
      key: 's',
      render: (_, r) => <Tag data-testid="receipt-status">{t(`receipt.${r.status}`)}</Tag>,
    },
    {
      title: t('number'),
      key: 'c',
      render: (_, r) => {
        const contract = r.contractId ? byId.get(r.contractId) : undefined;
        return contract ? <Link to={`/contracts/${contract.id}`}>{contract.number}</Link> : '—';
      },
    },
    { title: t('reference'), key: 'ref', render: (_, r) => r.reference ?? '—' },
  ];
  return (
    <>
      <PageHeader title={t('receiptsTitle')} />
      <SectionCard title={t('postReceipt')} testId="post-receipt">
        <Form form={form} layout="inline" onFinish={submit}>
          <Form.Item name="contractId" rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              placeholder={t('number')}
              aria-label={t('number')}
              data-testid="receipt-contract"
              options={(contracts.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.number} (${c.currency})`,
              }))}
            />
          </Form.Item>
          <Form.Item name="amount" rules={[{ required: true }]}>
            <InputNumber
              min={0.01}
              placeholder={t('amount')}
              aria-label={t('amount')}
              data-testid="receipt-amount"
            />
          </Form.Item>
          <Form.Item name="receivedOn">
            <DatePicker placeholder={t('receivedOn')} />
          </Form.Item>
          <Form.Item name="method">
            <Input placeholder={t('method')} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="reference">
            <Input placeholder={t('reference')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="autoAllocate" valuePropName="checked" initialValue>
            <Checkbox data-testid="receipt-auto">{t('autoAllocate')}</Checkbox>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={post.isPending}
            data-testid="receipt-post"
          >
            {t('post')}
          </Button>
        </Form>
        {last ? <p data-testid="receipt-posted">{last}</p> : null}
        <FormProblem problem={post.error} />
      </SectionCard>
      <QueryState query={list}>
        {(page) => (
          <Table
            rowKey="id"
            columns={columns}
            dataSource={page.items}
            pagination={false}
            data-testid="receipt-list"
          />
        )}
      </QueryState>
    </>
  );
}
