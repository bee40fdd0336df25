import { Button, DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/locale-context';
import type { Card } from './board-query';
import { toMinor } from '../../i18n/format';
import { boardMessages } from './messages';

type Patch = components['schemas']['OpportunityPatchInput'];
type FieldValue = string | number | string[];

const DATE_FIELDS = new Set(['expectedCloseDate', 'nextStepDate']);
const MONEY_FIELDS = new Set(['amount', 'budget']);

/** The PATCH body that fills one gate field (custom fields go under customFields). */
function patchFor(card: Card, field: string, value: FieldValue, version: number): Patch {
  if (field.startsWith('custom.')) {
    const custom = Array.isArray(value) ? value.join(', ') : value;
    return { version, customFields: { [field.slice(7)]: custom } };
  }
  if (MONEY_FIELDS.has(field) && typeof value === 'number') {
    const currency = card.amount.currency;
    return { version, [field]: { amountMinor: toMinor(value, currency), currency } };
  }
  return { version, [field]: value };
}

function ContactSelect({
  accountId,
  label,
  onChange,
}: {
  readonly accountId: string;
  readonly label: string;
  readonly onChange: (id: string) => void;
}) {
  const t = useT(boardMessages);
  const query = { accountId, limit: 200 } as const;
  const contacts = useApiQuery(['contacts', query], () =>
    api.GET('/api/v1/contacts', { params: { query } }),
  );
  const items = contacts.data?.items ?? [];
  return (
    <Select
      aria-label={label}
      loading={contacts.isPending}
      notFoundContent={t('gate.noContacts')}
      onChange={onChange}
      options={items.map((contact) => ({ value: contact.id, label: contact.name }))}
      style={{ minWidth: 200 }}
    />
  );
}

/** Fills one missing field of the deal in place (PATCH with the version the drawer holds). */
export function FieldFix({
  card,
  field,
  version,
  onFixed,
}: {
  readonly card: Card;
  readonly field: string;
  readonly version: number;
  readonly onFixed: (version: number) => void;
}) {
  const t = useT(boardMessages);
  const [value, setValue] = useState<FieldValue | null>(null);
  const save = useApiMutation(
    (body: Patch) =>
      api.PATCH('/api/v1/opportunities/{id}', { params: { path: { id: card.id } }, body }),
    { onSuccess: (deal) => onFixed(deal.version) },
  );
  const label = t('gate.value');
  const inputId = `fix-${card.id}-${field}`;

  let input;
  if (field === 'primaryContactId') {
    input = (
      <ContactSelect accountId={card.account.id} label={t('gate.contact')} onChange={setValue} />
    );
  } else if (DATE_FIELDS.has(field)) {
    input = (
      <DatePicker
        id={inputId}
        onChange={(_date, text) => setValue(typeof text === 'string' ? text : null)}
      />
    );
  } else if (MONEY_FIELDS.has(field)) {
    input = (
      <InputNumber<number>
        id={inputId}
        min={0}
        addonAfter={card.amount.currency}
        onChange={(n) => setValue(n)}
      />
    );
  } else if (field === 'competitors') {
    input = <Select id={inputId} mode="tags" style={{ minWidth: 200 }} onChange={setValue} />;
  } else {
    input = <Input id={inputId} onChange={(event) => setValue(event.target.value)} />;
  }

  const ready = value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
  return (
    <Form
      layout="vertical"
      onFinish={() => {
        if (ready) save.mutate(patchFor(card, field, value, version));
      }}
    >
      <Form.Item label={field === 'primaryContactId' ? t('gate.contact') : label} htmlFor={inputId}>
        <Flex gap={8} wrap>
          {input}
          <Button type="primary" htmlType="submit" disabled={!ready} loading={save.isPending}>
            {t('gate.save')}
          </Button>
        </Flex>
      </Form.Item>
      <ProblemAlert problem={save.error} />
    </Form>
  );
}
