import { App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/query';
import type { FieldIssue } from '../../api/problem';
import { FormProblem } from '../../components/FormProblem';
import { useLocalName, useT } from '../../i18n/locale-context';
import { placeFieldErrors } from '../../lib/problem-fields';
import type { Opportunity } from './data';
import { dealKey, useCloseReasons } from './data';
import { opportunityMessages } from './messages';

export type Outcome = 'won' | 'lost';

interface Values {
  reasons: string[];
  competitor: string;
  notes: string;
}

/**
 * Closing as won or lost, with the review: reasons from the tenant's taxonomy, the
 * competitor, notes. The server decides what a close needs (a won close passes the gates,
 * a lost one needs a reason) and answers why it refuses.
 */
export function CloseDialog({
  deal,
  outcome,
  onClose,
}: {
  readonly deal: Opportunity;
  readonly outcome: Outcome;
  readonly onClose: () => void;
}) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reasons = useCloseReasons();
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>();
  const close = useApiMutation(
    (values: Values) =>
      api.POST('/api/v1/opportunities/{id}/close', {
        params: { path: { id: deal.id } },
        body: {
          outcome,
          version: deal.version,
          reasons: values.reasons,
          competitor: values.competitor.trim() || null,
          notes: values.notes.trim() || null,
        },
      }),
    {
      invalidates: [['opportunities'], ['approvals']],
      onSuccess: (answer) => {
        void message.success(
          answer.status === 'pending_approval' ? t('close.pending') : t('close.done'),
        );
        onClose();
      },
    },
  );
  const options = (reasons.data ?? [])
    .filter((reason) => reason.outcome === outcome && reason.active)
    .sort((a, b) => a.position - b.position)
    .map((reason) => ({ value: reason.key, label: localName(reason) }));
  return (
    <Modal
      open
      title={t(outcome === 'won' ? 'close.wonTitle' : 'close.lostTitle')}
      okText={t('close.submit')}
      okButtonProps={{ danger: outcome === 'lost' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={close.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        id="close-deal"
        data-outcome={outcome}
        initialValues={{ reasons: [], competitor: '', notes: '' }}
        onFinish={(values) =>
          close.mutate(values, {
            onError: (problem) => {
              if (problem.code === 'version_conflict') {
                void queryClient.invalidateQueries({ queryKey: dealKey(deal.id) });
              }
              setUnplaced(placeFieldErrors(form, problem));
            },
          })
        }
      >
        <FormProblem problem={close.error} issues={unplaced} testId="close-problem" />
        <Form.Item name="reasons" label={t('close.reasons')}>
          <Select mode="multiple" options={options} loading={reasons.isPending} />
        </Form.Item>
        <Form.Item name="competitor" label={t('close.competitor')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('close.notes')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
