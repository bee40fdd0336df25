import { Button, Card, Descriptions, Form, Input, InputNumber, Modal, message } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/query';
import { useSession } from '../../app/session-context';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { currencyDigits } from '../../i18n/format';
import { useT } from '../../i18n/locale-context';
import type { Lead } from './labels';
import { leadMessages } from './messages';

interface BantForm {
  budget: number | null;
  bantAuthority: string;
  bantNeed: string;
  bantTimeline: string;
}

/** Budget, authority, need, timeline: shown, and edited with the lead's version. */
export function BantCard({ lead }: { readonly lead: Lead }) {
  const t = useT(leadMessages);
  const { tenant } = useSession();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<BantForm>();
  const currency = lead.bantBudget?.currency ?? tenant.defaultCurrency;
  const scale = 10 ** currencyDigits(currency);
  const save = useApiMutation(
    (values: BantForm) =>
      api.PATCH('/api/v1/leads/{id}', {
        params: { path: { id: lead.id } },
        body: {
          version: lead.version,
          bantBudget:
            values.budget === null
              ? null
              : { amountMinor: Math.round(values.budget * scale), currency },
          bantAuthority: values.bantAuthority.trim() || null,
          bantNeed: values.bantNeed.trim() || null,
          bantTimeline: values.bantTimeline.trim() || null,
        },
      }),
    {
      invalidates: [['leads']],
      onSuccess: () => {
        setEditing(false);
        void message.success(t('bant.saved'));
      },
    },
  );
  const none = t('detail.none');
  const open = () => {
    save.reset();
    form.setFieldsValue({
      budget: lead.bantBudget ? lead.bantBudget.amountMinor / scale : null,
      bantAuthority: lead.bantAuthority ?? '',
      bantNeed: lead.bantNeed ?? '',
      bantTimeline: lead.bantTimeline ?? '',
    });
    setEditing(true);
  };
  return (
    <Card
      title={<h2 className="pw-card-title">{t('bant.title')}</h2>}
      extra={lead.status === 'converted' ? null : <Button onClick={open}>{t('bant.edit')}</Button>}
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'budget',
            label: t('bant.budget'),
            children: lead.bantBudget ? <Money value={lead.bantBudget} /> : none,
          },
          { key: 'authority', label: t('bant.authority'), children: lead.bantAuthority ?? none },
          { key: 'need', label: t('bant.need'), children: lead.bantNeed ?? none },
          { key: 'timeline', label: t('bant.timeline'), children: lead.bantTimeline ?? none },
        ]}
      />
      <Modal
        open={editing}
        title={t('bant.edit')}
        okText={t('bant.save')}
        cancelText={t('bant.cancel')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<BantForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
          <Form.Item name="budget" label={`${t('bant.budgetAmount')} (${currency})`}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="bantAuthority" label={t('bant.authority')}>
            <Input />
          </Form.Item>
          <Form.Item name="bantNeed" label={t('bant.need')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="bantTimeline" label={t('bant.timeline')}>
            <Input />
          </Form.Item>
        </Form>
        <ProblemAlert problem={save.error} />
      </Modal>
    </Card>
  );
}
