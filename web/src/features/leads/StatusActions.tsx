import { Button, Card, Flex, Form, Input, Modal, Typography, message } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/query';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/locale-context';
import type { Lead, LeadStatus } from './labels';
import { leadMessages } from './messages';

type Move = { status: Exclude<LeadStatus, 'converted'>; disqualifyReason?: string };

/**
 * The qualification moves as buttons. Which move is allowed (no going back, SQL needs all
 * four BANT answers, a reason to disqualify) is the server's call: every button sends the
 * change and the server's refusal, translated, is shown as it comes.
 */
export function StatusActions({ lead }: { readonly lead: Lead }) {
  const t = useT(leadMessages);
  const [disqualifying, setDisqualifying] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const move = useApiMutation(
    (change: Move) =>
      api.PATCH('/api/v1/leads/{id}', {
        params: { path: { id: lead.id } },
        body: { version: lead.version, ...change },
      }),
    {
      invalidates: [['leads']],
      onSuccess: (updated) => {
        setDisqualifying(false);
        void message.success(t('status.moved', { status: t(`status.${updated.status}`) }));
      },
    },
  );
  const button = (status: Move['status'], label: string, primary = false) =>
    lead.status === status ? null : (
      <Button
        key={status}
        type={primary ? 'primary' : 'default'}
        loading={move.isPending && move.variables.status === status}
        onClick={() => move.mutate({ status })}
        data-testid={`status-${status}`}
      >
        {label}
      </Button>
    );
  return (
    <Card title={<h2 className="pw-card-title">{t('status.title')}</h2>}>
      <Typography.Paragraph>
        {t('status.current', { status: t(`status.${lead.status}`) })}
      </Typography.Paragraph>
      {lead.status === 'converted' ? (
        <Typography.Text type="secondary">{t('status.final')}</Typography.Text>
      ) : (
        <Flex wrap gap="small">
          {lead.status === 'disqualified' ? (
            <>
              {button('new', t('status.reopen'))}
              {button('contacted', t('status.moveTo', { status: t('status.contacted') }))}
            </>
          ) : (
            <>
              {button('contacted', t('status.moveTo', { status: t('status.contacted') }))}
              {button('mql', t('status.moveTo', { status: t('status.mql') }))}
              {button('sql', t('status.qualify'), true)}
              <Button
                danger
                data-testid="status-disqualified"
                onClick={() => {
                  move.reset();
                  setDisqualifying(true);
                }}
              >
                {t('status.disqualify')}
              </Button>
            </>
          )}
        </Flex>
      )}
      {disqualifying ? null : (
        <div style={{ marginTop: 12 }}>
          <ProblemAlert problem={move.error} />
        </div>
      )}
      <Modal
        open={disqualifying}
        title={t('status.disqualify')}
        okText={t('status.disqualify')}
        okButtonProps={{ danger: true }}
        cancelText={t('bant.cancel')}
        confirmLoading={move.isPending}
        onCancel={() => setDisqualifying(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={({ reason }: { reason?: string }) =>
            move.mutate({
              status: 'disqualified',
              ...(reason?.trim() ? { disqualifyReason: reason.trim() } : {}),
            })
          }
        >
          <Form.Item name="reason" label={t('status.reason')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
        <ProblemAlert problem={move.error} />
      </Modal>
    </Card>
  );
}
