import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiQuery } from '../../../api/query';
import { useT } from '../../../i18n/locale-context';
import { entityMessages } from './entity-messages';
import { automationMessages } from './messages';
import type { RuleEntity } from './rule-form';

/** Searches the records of the rule's type (deals or leads) to dry-run the rule on one. */
export function RecordPicker({
  entity,
  value,
  onChange,
}: {
  readonly entity: RuleEntity;
  readonly value: string | null;
  readonly onChange: (id: string) => void;
}) {
  const t = useT(automationMessages);
  const e = useT(entityMessages);
  const [search, setSearch] = useState('');
  const query = { limit: 20, ...(search ? { q: search } : {}) };
  const leads = useApiQuery(
    ['leads', 'automation-dry-run', search],
    () => api.GET('/api/v1/leads', { params: { query } }),
    { enabled: entity === 'lead' },
  );
  const deals = useApiQuery(
    ['opportunities', 'automation-dry-run', search],
    () => api.GET('/api/v1/opportunities', { params: { query } }),
    { enabled: entity === 'opportunity' },
  );
  const records = entity === 'lead' ? leads : deals;
  return (
    <Select
      showSearch
      style={{ minWidth: 280 }}
      aria-label={entity === 'lead' ? e('dry.lead') : t('dry.deal')}
      placeholder={entity === 'lead' ? e('dry.searchLeads') : t('dry.search')}
      filterOption={false}
      onSearch={setSearch}
      value={value ?? undefined}
      onChange={onChange}
      options={(records.data?.items ?? []).map((record) => ({
        value: record.id,
        label: record.name,
      }))}
    />
  );
}
