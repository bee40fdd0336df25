import { Tabs } from 'antd';
import { useMemo } from 'react';
import { Navigate, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/locale-context';
import { DashboardContext } from './dashboard-context';
import type { DashboardState } from './dashboard-context';
import './echarts';
import { FilterBar } from './FilterBar';
import { filtersFromSearch } from './filters';
import { dashboardMessages } from './messages';
import { TABS } from './tabs';

function Dashboard() {
  const t = useT(dashboardMessages);
  const { tab } = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const { tenant } = useSession();
  const text = search.toString();
  const state = useMemo<DashboardState>(() => {
    const filters = filtersFromSearch(new URLSearchParams(text));
    return { filters, currency: filters.currency ?? tenant.defaultCurrency };
  }, [text, tenant.defaultCurrency]);
  const current = TABS.find((candidate) => candidate.key === tab);
  if (!current) return <Navigate to={`/dashboards/pipeline${text ? `?${text}` : ''}`} replace />;

  return (
    <DashboardContext.Provider value={state}>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <FilterBar filters={state.filters} search={search} onChange={setSearch} />
      <Tabs
        aria-label={t('tabs.label')}
        activeKey={current.key}
        onChange={(key) => void navigate(`/dashboards/${key}${text ? `?${text}` : ''}`)}
        items={TABS.map((item) => ({ key: item.key, label: t(`tab.${item.key}`) }))}
      />
      <div data-testid={`dashboard-${current.key}`}>{current.content()}</div>
    </DashboardContext.Provider>
  );
}

/** Dashboards: the reports as charts and tables, one tab per theme, filters in the URL. */
export default function DashboardsPage() {
  return (
    <Routes>
      <Route path=":tab" element={<Dashboard />} />
      <Route path="*" element={<Dashboard />} />
    </Routes>
  );
}
