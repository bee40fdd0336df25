import { Button, DatePicker, Form, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { FormProblem } from '../../components/FormProblem';
import { useT } from '../../i18n/locale-context';
import { contractMessages } from './messages';

interface CreateForm {
  start: Dayjs;
  end: Dayjs;
  count: number;
  every: number;
  firstDue: Dayjs;
}

/**
 * On a won deal: a link to its contract, or "Create contract" with the term and a plan of
 * n equal installments every k months (the server splits the amount exactly).
 */
export function CreateContractButton({ dealId }: { readonly dealId: string }) {
  const t = useT(contractMessages);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const existing = useApiQuery(['contracts', 'of-deal', dealId], () =>
    api.GET('/api/v1/contracts', { params: { query: { limit: 200 } } }),
  );
  const create = useApiMutation(
    (v: CreateForm) =>
      api.POST('/api/v1/opportunities/{id}/contract', {
        params: { path: { id: dealId } },
        body: {
          startDate: v.start.format('YYYY-MM-DD'),
          endDate: v.end.format('YYYY-MM-DD'),
          plan: {
            generate: {
              count: v.count,
              everyMonths: v.every,
              firstDueDate: v.firstDue.format('YYYY-MM-DD'),
            },
          },
        },
      }),
    {
      invalidates: [['contracts']],
      onSuccess: (contract) => void navigate(`/contracts/${contract.id}`),
    },
  );
  const contract = existing.data?.items.find((c) => c.opportunityId === dealId);
  if (contract)
    return (
      <Link to={`/contracts/${contract.id}`} data-testid="deal-contract">
        {t('openContract', { number: contract.number })}
      </Link>
    );
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="create-contract">
        {t('createContract')}
      </Button>
      <Modal
        open={open}
        title={t('createTitle')}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <Form<CreateForm>
          layout="vertical"
          initialValues={{ count: 3, every: 1 }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="start" label={t('startDate')} rules={[{ required: true }]}>
            <DatePicker data-testid="contract-start" />
          </Form.Item>
          <Form.Item name="end" label={t('endDate')} rules={[{ required: true }]}>
            <DatePicker data-testid="contract-end" />
          </Form.Item>
          <Form.Item name="count" label={t('installments')} rules={[{ required: true }]}>
            <InputNumber min={1} max={120} data-testid="contract-count" />
          </Form.Item>
          <Form.Item name="every" label={t('everyMonths')} rules={[{ required: true }]}>
            <InputNumber min={0} max={24} />
          </Form.Item>
          <Form.Item name="firstDue" label={t('firstDue')} rules={[{ required: true }]}>
            <DatePicker data-testid="contract-first-due" />
          </Form.Item>
          <FormProblem problem={create.error} />
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            data-testid="contract-submit"
          >
            {t('create')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}
