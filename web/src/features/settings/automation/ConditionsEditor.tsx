import { AutoComplete, Button, Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { toMajor, toMinor } from '../../../i18n/format';
import { useT } from '../../../i18n/locale-context';
import type { Option } from '../options';
import { amountOps, comparisonOps, conditionKindsFor, fieldsFor, fieldTypeOf } from './rule-form';
import type { ConditionRow, RuleEntity } from './rule-form';
import { fieldLabel, ruleFormMessages } from './rule-form-messages';
import type { RuleOptions } from './rule-options';

/** Currencies offered for an amount condition (any ISO code may be typed). */
const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY'];

/**
 * The rule's conditions, one row each: the kind, then the inputs that kind needs. Rows sit
 * under the form's `conditions` list, named as the rule JSON names them.
 */
export function ConditionsEditor({
  entity,
  options,
}: {
  readonly entity: RuleEntity;
  readonly options: RuleOptions;
}) {
  const t = useT(ruleFormMessages);
  return (
    <section aria-label={t('conditions.title')} data-testid="automation-conditions">
      <h4>{t('conditions.title')}</h4>
      <Form.List name="conditions">
        {(rows, { add, remove, move }) => (
          <>
            {rows.length === 0 && <p>{t('conditions.none')}</p>}
            {rows.map((row, index) => (
              <Card
                key={row.key}
                size="small"
                data-testid={`condition-${String(index)}`}
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
                <ConditionFields name={row.name} entity={entity} options={options} />
              </Card>
            ))}
            <Button onClick={() => add({ kind: 'field', op: 'eq' } satisfies ConditionRow)}>
              {t('conditions.add')}
            </Button>
          </>
        )}
      </Form.List>
    </section>
  );
}

/** Up, down and remove for one row of a list. */
export function RowButtons({
  index,
  count,
  onMove,
  onRemove,
}: {
  readonly index: number;
  readonly count: number;
  readonly onMove: (to: number) => void;
  readonly onRemove: () => void;
}) {
  const t = useT(ruleFormMessages);
  return (
    <Space size={4}>
      <Button size="small" disabled={index === 0} onClick={() => onMove(index - 1)}>
        {t('row.up')}
      </Button>
      <Button size="small" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
        {t('row.down')}
      </Button>
      <Button size="small" danger onClick={onRemove}>
        {t('row.remove')}
      </Button>
    </Space>
  );
}

function ConditionFields({
  name,
  entity,
  options,
}: {
  readonly name: number;
  readonly entity: RuleEntity;
  readonly options: RuleOptions;
}) {
  const t = useT(ruleFormMessages);
  const row = (Form.useWatch(['conditions', name]) as ConditionRow | undefined) ?? {};
  const kind = row.kind ?? 'field';
  const required = [{ required: true }];
  return (
    <Space wrap align="start">
      <Form.Item name={[name, 'kind']} label={t('kind')} initialValue="field">
        <Select
          style={{ width: 180 }}
          options={conditionKindsFor(entity).map((value) => ({
            value,
            label: t(`kind.${value}`),
          }))}
        />
      </Form.Item>
      {kind === 'field' && (
        <>
          <Form.Item name={[name, 'field']} label={t('field')} rules={required}>
            <AutoComplete
              style={{ width: 200 }}
              options={Object.keys(fieldsFor(entity)).map((value) => ({
                value,
                label: fieldLabel(t, value),
              }))}
              filterOption={(input, option) =>
                String(option?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
            />
          </Form.Item>
          <Form.Item name={[name, 'op']} label={t('op')} initialValue="eq">
            <Select
              style={{ width: 160 }}
              options={comparisonOps.map((value) => ({ value, label: t(`op.${value}`) }))}
            />
          </Form.Item>
          {row.op !== 'empty' && row.op !== 'not_empty' && (
            <Form.Item
              name={[name, 'value']}
              label={t(row.op === 'in' ? 'values' : 'value')}
              rules={required}
            >
              <ValueInput
                entity={entity}
                field={row.field}
                many={row.op === 'in'}
                options={options}
              />
            </Form.Item>
          )}
        </>
      )}
      {kind === 'pipeline' && (
        <Form.Item name={[name, 'pipelineIds']} label={t('pipelines')} rules={required}>
          <Select mode="multiple" style={{ minWidth: 240 }} options={[...options.pipelines]} />
        </Form.Item>
      )}
      {kind === 'stage' && (
        <Form.Item name={[name, 'stageIds']} label={t('stages')} rules={required}>
          <Select
            mode="multiple"
            style={{ minWidth: 280 }}
            optionFilterProp="label"
            options={[...options.stages]}
          />
        </Form.Item>
      )}
      {kind === 'owner_team' && (
        <>
          <Form.Item name={[name, 'teamIds']} label={t('teams')} rules={required}>
            <Select
              mode="multiple"
              style={{ minWidth: 240 }}
              optionFilterProp="label"
              options={[...options.teams]}
            />
          </Form.Item>
          <Form.Item
            name={[name, 'includeSubTeams']}
            label={t('includeSubTeams')}
            valuePropName="checked"
            initialValue={true}
          >
            <Switch />
          </Form.Item>
        </>
      )}
      {kind === 'amount' && (
        <>
          <Form.Item name={[name, 'op']} label={t('op')} initialValue="gte">
            <Select
              style={{ width: 140 }}
              options={amountOps.map((value) => ({ value, label: t(`op.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name={[name, 'amountMinor']} label={t('amount')} rules={required}>
            <MoneyInput currency={row.currency ?? 'CNY'} />
          </Form.Item>
          <Form.Item name={[name, 'currency']} label={t('currency')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('anyCurrency')}
              options={CURRENCIES.map((value) => ({ value, label: value }))}
            />
          </Form.Item>
        </>
      )}
    </Space>
  );
}

/** An amount typed in major units (12.5), held as the API's integer minor units (1250). */
export function MoneyInput({
  currency,
  value,
  onChange,
  id,
}: {
  readonly currency: string;
  readonly value?: number;
  readonly onChange?: (minor: number | undefined) => void;
  readonly id?: string;
}) {
  return (
    <InputNumber<number>
      id={id}
      min={0}
      style={{ width: 180 }}
      value={value === undefined ? undefined : toMajor(value, currency)}
      onChange={(major) => onChange?.(major === null ? undefined : toMinor(major, currency))}
    />
  );
}

type Value = ConditionRow['value'];

/** The value input a field's type calls for: a select of records, a date, a number or text. */
export function ValueInput({
  entity,
  field,
  many,
  options,
  value,
  onChange,
  id,
}: {
  readonly entity: RuleEntity;
  readonly field: string | undefined;
  readonly many: boolean;
  readonly options: RuleOptions;
  readonly value?: Value;
  readonly onChange?: (value: Value) => void;
  readonly id?: string;
}) {
  const t = useT(ruleFormMessages);
  const type = fieldTypeOf(entity, field);
  const choices: Record<string, readonly Option[]> = {
    user: options.users,
    pipeline: options.pipelines,
    stage: options.stages,
    status: (['open', 'won', 'lost'] as const).map((status) => ({
      value: status,
      label: t(`status.${status}`),
    })),
  };
  const pick = choices[type];
  if (many)
    return (
      <Select
        id={id}
        mode={pick ? 'multiple' : 'tags'}
        style={{ minWidth: 240 }}
        optionFilterProp="label"
        options={pick ? [...pick] : []}
        value={Array.isArray(value) ? value : value == null ? [] : [String(value)]}
        onChange={(list: string[]) => onChange?.(list)}
      />
    );
  if (pick)
    return (
      <Select
        id={id}
        showSearch
        style={{ minWidth: 240 }}
        optionFilterProp="label"
        options={[...pick]}
        value={typeof value === 'string' ? value : undefined}
        onChange={(choice: string) => onChange?.(choice)}
      />
    );
  if (type === 'money')
    return (
      <MoneyInput
        id={id}
        currency="CNY"
        value={typeof value === 'number' ? value : undefined}
        onChange={(minor) => onChange?.(minor ?? null)}
      />
    );
  if (type === 'number')
    return (
      <InputNumber<number>
        id={id}
        value={typeof value === 'number' ? value : undefined}
        onChange={(number) => onChange?.(number)}
      />
    );
  return (
    <Input
      id={id}
      type={type === 'date' ? 'date' : 'text'}
      style={{ width: 220 }}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange?.(event.target.value)}
    />
  );
}
