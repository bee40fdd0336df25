import { AutoComplete, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useT } from '../../../i18n/locale-context';
import { RowButtons, ValueInput } from './ConditionsEditor';
import { actionKindsFor, settableFields } from './rule-form';
import type { ActionRow, RuleEntity } from './rule-form';
import { fieldLabel, ruleFormMessages } from './rule-form-messages';
import type { RuleOptions } from './rule-options';

const ROLES = ['admin', 'manager', 'rep', 'lead_ops'] as const;

/**
 * The rule's actions, one card each, run in the order shown: the type, then its inputs.
 * Cards sit under the form's `actions` list, named as the rule JSON names them.
 */
export function ActionsEditor({
  entity,
  options,
}: {
  readonly entity: RuleEntity;
  readonly options: RuleOptions;
}) {
  const t = useT(ruleFormMessages);
  return (
    <section aria-label={t('actions.title')} data-testid="automation-actions">
      <h4>{t('actions.title')}</h4>
      <Form.List name="actions">
        {(rows, { add, remove, move }) => (
          <>
            {rows.map((row, index) => (
              <Card
                key={row.key}
                size="small"
                title={t('row.action', { n: index + 1 })}
                data-testid={`action-${String(index)}`}
                style={{ marginBottom: 8 }}
                extra={
                  <RowButtons
                    index={index}
                    count={rows.length}
                    onMove={(to) => move(index, to)}
                    onRemove={() => remove(index)}
                  />
                }
              >
                <ActionFields name={row.name} entity={entity} options={options} />
              </Card>
            ))}
            <Button
              onClick={() =>
                add({
                  type: 'create_task',
                  dueInDays: 3,
                  assignee: { to: 'owner' },
                } satisfies ActionRow)
              }
            >
              {t('actions.add')}
            </Button>
          </>
        )}
      </Form.List>
    </section>
  );
}

function ActionFields({
  name,
  entity,
  options,
}: {
  readonly name: number;
  readonly entity: RuleEntity;
  readonly options: RuleOptions;
}) {
  const t = useT(ruleFormMessages);
  const row = (Form.useWatch(['actions', name]) as ActionRow | undefined) ?? {};
  const type = row.type ?? 'create_task';
  const required = [{ required: true }];
  const people = (['owner', 'manager', 'user'] as const).map((value) => ({
    value,
    label: t(`to.${value}`),
  }));
  const userSelect = (
    <Select
      showSearch
      style={{ minWidth: 240 }}
      optionFilterProp="label"
      options={[...options.users]}
    />
  );
  return (
    <Space wrap align="start">
      <Form.Item name={[name, 'type']} label={t('type')} initialValue="create_task">
        <Select
          style={{ width: 200 }}
          options={actionKindsFor(entity).map((value) => ({ value, label: t(`type.${value}`) }))}
        />
      </Form.Item>
      {(type === 'create_task' || type === 'request_approval') && (
        <Form.Item name={[name, 'title']} label={t('title')} rules={required}>
          <Input style={{ width: 240 }} maxLength={500} />
        </Form.Item>
      )}
      {type === 'create_task' && (
        <>
          <Form.Item name={[name, 'dueInDays']} label={t('dueInDays')} rules={required}>
            <InputNumber min={0} max={365} precision={0} />
          </Form.Item>
          <Form.Item name={[name, 'assignee', 'to']} label={t('assignee')} initialValue="owner">
            <Select style={{ width: 180 }} options={people} />
          </Form.Item>
          {row.assignee?.to === 'user' && (
            <Form.Item name={[name, 'assignee', 'userId']} label={t('user')} rules={required}>
              {userSelect}
            </Form.Item>
          )}
        </>
      )}
      {type === 'notify' && (
        <>
          <Form.Item name={[name, 'recipient', 'to']} label={t('recipient')} initialValue="owner">
            <Select
              style={{ width: 200 }}
              options={[...people, { value: 'role', label: t('to.role') }]}
            />
          </Form.Item>
          {row.recipient?.to === 'user' && (
            <Form.Item name={[name, 'recipient', 'userId']} label={t('user')} rules={required}>
              {userSelect}
            </Form.Item>
          )}
          {row.recipient?.to === 'role' && (
            <Form.Item name={[name, 'recipient', 'role']} label={t('role')} rules={required}>
              <Select
                style={{ width: 160 }}
                options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
              />
            </Form.Item>
          )}
          <Form.Item name={[name, 'message']} label={t('message')} rules={required}>
            <Input style={{ width: 320 }} maxLength={500} />
          </Form.Item>
        </>
      )}
      {type === 'assign' && (
        <Form.Item name={[name, 'userId']} label={t('assignTo')} rules={required}>
          {userSelect}
        </Form.Item>
      )}
      {type === 'set_field' && (
        <>
          <Form.Item name={[name, 'field']} label={t('setField')} rules={required}>
            <AutoComplete
              style={{ width: 200 }}
              options={settableFields[entity].map((value) => ({
                value,
                label: fieldLabel(t, value),
              }))}
            />
          </Form.Item>
          <Form.Item name={[name, 'value']} label={t('newValue')}>
            <ValueInput
              entity={entity}
              field={row.field}
              many={row.field === 'tags'}
              options={options}
            />
          </Form.Item>
        </>
      )}
      {(type === 'webhook' || type === 'bot_message') && (
        <Form.Item name={[name, 'endpointId']} label={t('endpoint')} rules={required}>
          <Select
            style={{ minWidth: 240 }}
            options={[...(type === 'webhook' ? options.webhooks : options.bots)]}
          />
        </Form.Item>
      )}
      {type === 'bot_message' && (
        <Form.Item name={[name, 'text']} label={t('text')} rules={required}>
          <Input style={{ width: 320 }} maxLength={500} />
        </Form.Item>
      )}
    </Space>
  );
}
