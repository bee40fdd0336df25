import { Form, Input, Modal, Select } from 'antd';
import { useSession } from '../../app/session-context';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/locale-context';
import { usePools, useUsers } from './directory';
import { poolMessages } from './messages';
import { useOwnershipChange } from './ownership';
import type { HeldKind } from './ownership';

export type DialogAction = 'release' | 'transfer' | 'assign' | 'reactivate';

export interface DialogTarget {
  readonly kind: HeldKind;
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly action: DialogAction;
}

interface Values {
  reason?: string;
  toUserId?: string;
  toPoolId?: string;
}

/** Release, transfer, assign or re-activate, with the reason the history keeps. */
export function OwnershipDialog({
  target,
  onClose,
}: {
  readonly target: DialogTarget;
  readonly onClose: () => void;
}) {
  const t = useT(poolMessages);
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const change = useOwnershipChange(onClose);
  const users = useUsers();
  const pools = usePools();
  const needsUser = target.action === 'transfer' || target.action === 'assign';
  const choosesPool = target.action === 'release' || target.action === 'reactivate';
  const submit = (values: Values) =>
    change.mutate({
      kind: target.kind,
      id: target.id,
      change: {
        version: target.version,
        action: target.action,
        reason: values.reason?.trim() ?? '',
        ...(needsUser && values.toUserId ? { toUserId: values.toUserId } : {}),
        ...(choosesPool && values.toPoolId ? { toPoolId: values.toPoolId } : {}),
      },
    });
  return (
    <Modal
      open
      title={t(`dialog.${target.action}`, { name: target.name })}
      okText={t('dialog.submit')}
      cancelText={t('dialog.cancel')}
      confirmLoading={change.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} id="ownership-dialog">
        {needsUser ? (
          <Form.Item name="toUserId" label={t('dialog.toUser')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isPending}
              options={(users.data?.items ?? [])
                .filter((u) => u.status === 'active' && u.id !== user.id)
                .map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
            />
          </Form.Item>
        ) : null}
        {choosesPool ? (
          <Form.Item name="toPoolId" label={t('dialog.toPool')}>
            <Select
              allowClear
              placeholder={t('dialog.toPoolDefault')}
              loading={pools.isPending}
              options={(pools.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('dialog.reason')} extra={t('dialog.reasonHelp')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <ProblemAlert problem={change.error} />
    </Modal>
  );
}
