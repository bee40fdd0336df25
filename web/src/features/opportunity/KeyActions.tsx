import { Button, Checkbox, Form, Input, List, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useApiMutation } from '../../api/query';
import type { components } from '../../api/schema';
import { DateText } from '../../components/DateText';
import { useLocalName, useT } from '../../i18n/locale-context';
import { dealKey, useDealActivities, useUserNames } from './data';
import { opportunityMessages } from './messages';

type Action = components['schemas']['Guidance']['actions'][number];
type Evidence = NonNullable<components['schemas']['DoneItemCreateInput']['evidence']>;

/** The stage's key actions as a checklist; ticking one asks for its evidence. */
export function KeyActions({
  dealId,
  actions,
}: {
  readonly dealId: string;
  readonly actions: readonly Action[];
}) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const userName = useUserNames();
  const [ticking, setTicking] = useState<Action | null>(null);
  const undo = useApiMutation(
    (key: string) =>
      api.DELETE('/api/v1/opportunities/{id}/playbook/{kind}/{key}', {
        params: { path: { id: dealId, kind: 'action', key } },
      }),
    { invalidates: [dealKey(dealId)] },
  );
  return (
    <section aria-labelledby="key-actions-title" data-testid="key-actions">
      <Typography.Title level={3} style={{ fontSize: 15 }} id="key-actions-title">
        {t('path.actions')}
      </Typography.Title>
      <ProblemAlert problem={undo.error} />
      {actions.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('path.noActions')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={[...actions]}
          renderItem={(action) => (
            <List.Item
              data-action={action.key}
              data-done={action.done ? 'true' : 'false'}
              actions={
                action.done
                  ? [
                      <Button
                        key="undo"
                        size="small"
                        type="link"
                        loading={undo.isPending && undo.variables === action.key}
                        onClick={() => undo.mutate(action.key)}
                      >
                        {t('path.undo')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Checkbox
                checked={action.done !== null}
                disabled={action.done !== null}
                onChange={() => setTicking(action)}
              >
                {localName(action)}{' '}
                {action.required ? <Tag color="orange">{t('path.required')}</Tag> : null}
              </Checkbox>
              {action.done ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('path.doneBy', {
                    name: userName(action.done.doneBy) ?? t('common.unknownUser'),
                  })}{' '}
                  · <DateText value={action.done.doneAt} style="dateTime" />
                  {action.done.evidence.note ? ` · ${action.done.evidence.note}` : ''}
                </Typography.Text>
              ) : null}
            </List.Item>
          )}
        />
      )}
      {ticking ? (
        <TickDialog dealId={dealId} action={ticking} onClose={() => setTicking(null)} />
      ) : null}
    </section>
  );
}

function TickDialog({
  dealId,
  action,
  onClose,
}: {
  readonly dealId: string;
  readonly action: Action;
  readonly onClose: () => void;
}) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const [form] = Form.useForm<{ note?: string; activityId?: string }>();
  const activities = useDealActivities(dealId);
  const tick = useApiMutation(
    (evidence: Evidence | undefined) =>
      api.POST('/api/v1/opportunities/{id}/playbook', {
        params: { path: { id: dealId } },
        body: { kind: 'action', key: action.key, ...(evidence ? { evidence } : {}) },
      }),
    { invalidates: [dealKey(dealId)], onSuccess: onClose },
  );
  const submit = (values: { note?: string; activityId?: string }) => {
    const note = values.note?.trim();
    const evidence: Evidence = {
      ...(note ? { note } : {}),
      ...(values.activityId ? { activityId: values.activityId } : {}),
    };
    tick.mutate(Object.keys(evidence).length > 0 ? evidence : undefined);
  };
  return (
    <Modal
      open
      title={t('path.confirmTick', { name: localName(action) })}
      okText={t('path.tick')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={tick.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} id="tick-action">
        <ProblemAlert problem={tick.error} />
        <Form.Item name="note" label={t('path.evidence')} extra={t('path.evidenceHelp')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="activityId" label={t('path.evidenceActivity')}>
          <Select
            allowClear
            placeholder={t('path.evidenceNone')}
            loading={activities.isPending}
            options={(activities.data?.items ?? []).map((activity) => ({
              value: activity.id,
              label: activity.subject,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
