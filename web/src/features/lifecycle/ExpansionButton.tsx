import { Alert, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { FormProblem } from '../../components/FormProblem';
import { toMinor } from '../../i18n/format';
import { useT } from '../../i18n/locale-context';
import { lifecycleMessages } from './messages';

const KINDS = ['upsell', 'cross_sell'] as const;

interface Values {
  contractId: string;
  kind: (typeof KINDS)[number];
  name: string;
  amount: number;
  expectedCloseDate?: string;
}

/**
 * "New upsell / cross-sell" for an account: pick one of its contracts, and the deal opens
 * on the account in the contract's currency, linked to the contract it grows from.
 */
export function ExpansionButton({ accountId }: { readonly accountId: string }) {
  const t = useT(lifecycleMessages);
  const [open, setOpen] = useState(false);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const contracts = useApiQuery(
    ['contracts', { accountId }],
    () => api.GET('/api/v1/contracts', { params: { query: { accountId, limit: 100 } } }),
    { enabled: open },
  );
  const items = contracts.data?.items ?? [];
  const create = useApiMutation(
    ({ contractId, amount, expectedCloseDate, ...values }: Values) => {
      const currency = items.find((c) => c.id === contractId)?.currency ?? 'CNY';
      return api.POST('/api/v1/contracts/{id}/expansions', {
        params: { path: { id: contractId } },
        body: {
          ...values,
          amountMinor: toMinor(amount, currency),
          ...(expectedCloseDate ? { expectedCloseDate } : {}),
        },
      });
    },
    {
      invalidates: [['accounts', accountId], ['opportunities']],
      onSuccess: (deal) => setCreatedId(deal.id),
    },
  );
  return (
    <>
      <Button
        size="small"
        data-testid="new-expansion"
        onClick={() => {
          setCreatedId(null);
          form.resetFields();
          setOpen(true);
        }}
      >
        {t('newExpansion')}
      </Button>
      <Modal
        open={open}
        title={t('expansion.title')}
        okText={t('expansion.create')}
        onOk={() => form.submit()}
        okButtonProps={{ loading: create.isPending, disabled: createdId !== null }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          name="expansion"
          initialValues={{ kind: 'upsell' }}
          onFinish={(values) => create.mutate(values)}
        >
          <Form.Item name="contractId" label={t('expansion.contract')} rules={[{ required: true }]}>
            <Select
              data-testid="expansion-contract"
              loading={contracts.isPending}
              options={items.map((c) => ({ value: c.id, label: `${c.number} (${c.currency})` }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('expansion.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('expansion.name')} rules={[{ required: true }]}>
            <Input data-testid="expansion-name" maxLength={200} />
          </Form.Item>
          <Form.Item name="amount" label={t('expansion.amount')} rules={[{ required: true }]}>
            <InputNumber data-testid="expansion-amount" min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expectedCloseDate" label={t('expansion.close')}>
            <Input type="date" />
          </Form.Item>
        </Form>
        <FormProblem problem={create.error} />
        {createdId ? (
          <Alert
            type="success"
            role="status"
            showIcon
            title={t('expansion.created')}
            description={<Link to={`/opportunities/${createdId}`}>{t('expansion.open')}</Link>}
          />
        ) : null}
      </Modal>
    </>
  );
}
