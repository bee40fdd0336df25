import { Button, DatePicker, Flex, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/locale-context';
import { toMajor, toMinor } from '../../i18n/format';
import { compactFilters } from './filters';
import type { BoardFilters } from './filters';
import { boardMessages } from './messages';

const PEOPLE = { limit: 200, status: 'active', sort: 'name' } as const;
const TEAMS = { limit: 200, sort: 'name' } as const;

/**
 * Owner, team, expected close period, amount range (in the tenant's currency, typed in major
 * units), tag and text. The list view takes one owner and no team (GET /opportunities has
 * `ownerId` only), so it shows those controls that way.
 */
export function FilterBar({
  value,
  onChange,
  currency,
  mode,
}: {
  readonly value: BoardFilters;
  readonly onChange: (filters: BoardFilters) => void;
  readonly currency: NonNullable<BoardFilters['currency']>;
  readonly mode: 'board' | 'list';
}) {
  const t = useT(boardMessages);
  const users = useApiQuery(['users', PEOPLE], () =>
    api.GET('/api/v1/users', { params: { query: PEOPLE } }),
  );
  const teams = useApiQuery(
    ['teams', TEAMS],
    () => api.GET('/api/v1/teams', { params: { query: TEAMS } }),
    {
      enabled: mode === 'board',
    },
  );
  const set = (patch: Partial<BoardFilters>) => onChange(compactFilters({ ...value, ...patch }));
  const amount = (field: 'amountMin' | 'amountMax', major: number | null) =>
    set({
      [field]: major === null ? undefined : toMinor(major, currency),
      currency:
        major === null && value[field === 'amountMin' ? 'amountMax' : 'amountMin'] === undefined
          ? undefined
          : currency,
    });
  const people = (users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }));

  return (
    <Flex
      wrap
      gap={8}
      align="center"
      role="group"
      aria-label={t('filters.label')}
      data-testid="board-filters"
    >
      <Select
        aria-label={t('filters.owner')}
        placeholder={t('filters.owner')}
        mode={mode === 'board' ? 'multiple' : undefined}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 180 }}
        loading={users.isPending}
        options={people}
        value={mode === 'board' ? (value.ownerIds ?? []) : value.ownerIds?.[0]}
        onChange={(chosen: string[] | string | undefined) =>
          set({
            ownerIds: chosen === undefined ? undefined : Array.isArray(chosen) ? chosen : [chosen],
          })
        }
      />
      {mode === 'board' ? (
        <Select
          aria-label={t('filters.team')}
          placeholder={t('filters.team')}
          allowClear
          style={{ minWidth: 150 }}
          loading={teams.isPending}
          options={(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={value.teamId}
          onChange={(teamId?: string) => set({ teamId })}
        />
      ) : null}
      <DatePicker.RangePicker
        aria-label={t('filters.close')}
        placeholder={[t('filters.close'), t('filters.close')]}
        allowEmpty={[true, true]}
        value={[
          value.closeFrom ? dayjs(value.closeFrom) : null,
          value.closeTo ? dayjs(value.closeTo) : null,
        ]}
        onChange={(_dates, [from, to]) =>
          set({ closeFrom: from || undefined, closeTo: to || undefined })
        }
      />
      <InputNumber<number>
        aria-label={t('filters.amountMin')}
        placeholder={t('filters.amountMin')}
        min={0}
        style={{ width: 130 }}
        value={value.amountMin === undefined ? null : toMajor(value.amountMin, currency)}
        onChange={(major) => amount('amountMin', major)}
      />
      <InputNumber<number>
        aria-label={t('filters.amountMax')}
        placeholder={t('filters.amountMax')}
        min={0}
        style={{ width: 130 }}
        value={value.amountMax === undefined ? null : toMajor(value.amountMax, currency)}
        onChange={(major) => amount('amountMax', major)}
      />
      <Input.Search
        aria-label={t('filters.tag')}
        placeholder={t('filters.tag')}
        allowClear
        style={{ width: 140 }}
        defaultValue={value.tag}
        key={`tag-${value.tag ?? ''}`}
        onSearch={(tag) => set({ tag: tag.trim() || undefined })}
      />
      <Input.Search
        aria-label={t('filters.q')}
        placeholder={t('filters.q')}
        allowClear
        style={{ width: 180 }}
        defaultValue={value.q}
        key={`q-${value.q ?? ''}`}
        onSearch={(q) => set({ q: q.trim() || undefined })}
      />
      <Button onClick={() => onChange({})} disabled={Object.keys(value).length === 0}>
        {t('filters.clear')}
      </Button>
    </Flex>
  );
}
