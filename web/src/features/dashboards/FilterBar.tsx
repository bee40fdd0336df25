import { Button, DatePicker, Flex, Form, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session-context';
import { useLocalName, useT } from '../../i18n/locale-context';
import { CURRENCIES, localToday, quickPeriod, withFilter } from './filters';
import type { QuickPick, ReportFilters } from './filters';
import { dashboardMessages } from './messages';

interface Props {
  readonly filters: Omit<ReportFilters, 'asOf'>;
  readonly search: URLSearchParams;
  readonly onChange: (next: URLSearchParams) => void;
}

const PICKS: readonly [QuickPick, 'filter.thisMonth' | 'filter.thisQuarter' | 'filter.thisYear'][] =
  [
    ['month', 'filter.thisMonth'],
    ['quarter', 'filter.thisQuarter'],
    ['year', 'filter.thisYear'],
  ];

/** The filters all charts share; every change goes into the URL. */
export function FilterBar({ filters, search, onChange }: Props) {
  const t = useT(dashboardMessages);
  const name = useLocalName();
  const { tenant } = useSession();
  const pipelines = useApiQuery(['pipelines'], () => api.GET('/api/v1/pipelines'));
  const teams = useApiQuery(['teams', 'all'], () =>
    api.GET('/api/v1/teams', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  const users = useApiQuery(['users', 'all'], () =>
    api.GET('/api/v1/users', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  const set = (changes: Parameters<typeof withFilter>[1]) => onChange(withFilter(search, changes));
  const today = localToday(new Date(), tenant.timeZone);
  const defaultPipeline = pipelines.data?.items.find((p) => p.isDefault)?.id;

  return (
    <Form layout="vertical" className="pw-dashboard-filters" data-testid="dashboard-filters">
      <Flex wrap gap="middle" align="end">
        <Form.Item label={t('filter.pipeline')} htmlFor="dash-pipeline" style={{ marginBottom: 0 }}>
          <Select
            id="dash-pipeline"
            style={{ minWidth: 180 }}
            loading={pipelines.isPending}
            value={filters.pipelineId ?? defaultPipeline}
            onChange={(value: string) => set({ pipelineId: value })}
            options={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: name(p) }))}
          />
        </Form.Item>
        <Form.Item label={t('filter.period')} style={{ marginBottom: 0 }}>
          <Space wrap>
            <DatePicker.RangePicker
              aria-label={t('filter.period')}
              id={{ start: 'dash-from', end: 'dash-to' }}
              placeholder={[t('filter.periodDefault'), t('filter.to')]}
              value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
              onChange={(range) =>
                set({
                  from: range?.[0]?.format('YYYY-MM-DD') ?? null,
                  to: range?.[1]?.format('YYYY-MM-DD') ?? null,
                })
              }
            />
            {PICKS.map(([pick, label]) => (
              <Button key={pick} onClick={() => set(quickPeriod(today, pick))}>
                {t(label)}
              </Button>
            ))}
          </Space>
        </Form.Item>
        <Form.Item label={t('filter.team')} htmlFor="dash-team" style={{ marginBottom: 0 }}>
          <Select
            id="dash-team"
            allowClear
            placeholder={t('filter.any')}
            style={{ minWidth: 150 }}
            value={filters.teamId ?? null}
            onChange={(value: string | undefined) => set({ teamId: value ?? null })}
            options={(teams.data?.items ?? []).map((team) => ({
              value: team.id,
              label: team.name,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('filter.owner')} htmlFor="dash-owner" style={{ marginBottom: 0 }}>
          <Select
            id="dash-owner"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filter.any')}
            style={{ minWidth: 170 }}
            value={filters.ownerId ?? null}
            onChange={(value: string | undefined) => set({ ownerId: value ?? null })}
            options={(users.data?.items ?? []).map((user) => ({
              value: user.id,
              label: user.name,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('filter.currency')} htmlFor="dash-currency" style={{ marginBottom: 0 }}>
          <Select
            id="dash-currency"
            style={{ minWidth: 100 }}
            value={filters.currency ?? tenant.defaultCurrency}
            onChange={(value: string) => set({ currency: value })}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
        <Button onClick={() => onChange(new URLSearchParams())}>{t('filter.reset')}</Button>
      </Flex>
    </Form>
  );
}
