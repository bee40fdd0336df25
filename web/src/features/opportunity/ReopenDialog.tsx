import { App, Form, Input, Modal, Select, Skeleton } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { FieldIssue } from '../../api/problem';
import { FormProblem } from '../../components/FormProblem';
import { useLocalName, useT } from '../../i18n/locale-context';
import { placeFieldErrors } from '../../lib/problem-fields';
import type { Opportunity, Pipeline } from './data';
import { dealKey, ordered } from './data';
import { opportunityMessages } from './messages';

interface Values {
  stageId: string;
  reason: string;
}

/**
 * Reopening is a move back to an open stage with a reason (kept in the stage history);
 * it starts from the stage the deal was closed from.
 */
export function ReopenDialog({
  deal,
  pipeline,
  onClose,
}: {
  readonly deal: Opportunity;
  readonly pipeline: Pipeline;
  readonly onClose: () => void;
}) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>();
  const history = useApiQuery([...dealKey(deal.id), 'history'], () =>
    api.GET('/api/v1/opportunities/{id}/history', { params: { path: { id: deal.id } } }),
  );
  const open = ordered(pipeline).filter((stage) => stage.kind === 'open');
  const closedFrom = history.data?.items.find((entry) => entry.leftAt === null)?.fromStageId;
  const initial = open.find((stage) => stage.id === closedFrom)?.id ?? open.at(-1)?.id;
  const reopen = useApiMutation(
    (values: Values) =>
      api.POST('/api/v1/opportunities/{id}/move', {
        params: { path: { id: deal.id } },
        body: {
          stageId: values.stageId,
          reason: values.reason.trim() || null,
          version: deal.version,
        },
      }),
    {
      invalidates: [['opportunities'], ['approvals']],
      onSuccess: (answer) => {
        const stage = open.find(
          (s) => answer.status !== 'pending_approval' && s.id === answer.stageId,
        );
        void message.success(
          stage ? t('reopen.done', { stage: localName(stage) }) : t('path.pendingApproval'),
        );
        onClose();
      },
    },
  );
  return (
    <Modal
      open
      title={t('reopen.title')}
      okText={t('reopen.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reopen.isPending}
      destroyOnHidden
    >
      {history.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 4 }} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          id="reopen-deal"
          initialValues={{ stageId: initial, reason: '' }}
          onFinish={(values) =>
            reopen.mutate(values, {
              onError: (problem) => {
                if (problem.code === 'version_conflict') {
                  void queryClient.invalidateQueries({ queryKey: dealKey(deal.id) });
                }
                setUnplaced(placeFieldErrors(form, problem));
              },
            })
          }
        >
          <FormProblem problem={reopen.error} issues={unplaced} testId="reopen-problem" />
          <Form.Item name="stageId" label={t('reopen.stage')}>
            <Select options={open.map((stage) => ({ value: stage.id, label: localName(stage) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('reopen.reason')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
