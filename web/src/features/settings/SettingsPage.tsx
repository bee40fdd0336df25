import { Col, Menu, Row } from 'antd';
import { lazy, Suspense } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { QueryStateSkeleton } from './parts';
import { useT } from '../../i18n/locale-context';
import { settingsMessages } from './messages';

type TabKey =
  | 'pipelines'
  | 'closeReasons'
  | 'scorecards'
  | 'leadScoring'
  | 'pools'
  | 'assignment'
  | 'users'
  | 'teams'
  | 'tokens'
  | 'automation'
  | 'approvals'
  | 'catalog'
  | 'renewals';

/** The sub-pages, in menu order: URL segment, label key, lazily loaded section. */
const SECTIONS: readonly {
  key: TabKey;
  path: string;
  page: LazyExoticComponent<ComponentType>;
}[] = [
  { key: 'pipelines', path: 'pipelines', page: lazy(() => import('./pipelines/PipelinesSection')) },
  { key: 'closeReasons', path: 'close-reasons', page: lazy(() => import('./CloseReasonsSection')) },
  { key: 'scorecards', path: 'scorecards', page: lazy(() => import('./ScorecardsSection')) },
  { key: 'leadScoring', path: 'lead-scoring', page: lazy(() => import('./LeadScoringSection')) },
  { key: 'pools', path: 'pools', page: lazy(() => import('./PoolRulesSection')) },
  { key: 'assignment', path: 'assignment', page: lazy(() => import('./AssignmentSection')) },
  { key: 'users', path: 'users', page: lazy(() => import('./UsersSection')) },
  { key: 'teams', path: 'teams', page: lazy(() => import('./TeamsSection')) },
  { key: 'tokens', path: 'tokens', page: lazy(() => import('./TokensSection')) },
  {
    key: 'automation',
    path: 'automation',
    page: lazy(() => import('./automation/AutomationSection')),
  },
  { key: 'approvals', path: 'approvals', page: lazy(() => import('./ApprovalPolicySection')) },
  { key: 'catalog', path: 'catalog', page: lazy(() => import('./catalog/CatalogSection')) },
  {
    key: 'renewals',
    path: 'renewals',
    page: lazy(() => import('../lifecycle/RenewalSettingsSection')),
  },
];

/** Administrators' settings: a left list of sections, each its own route and chunk. */
export default function SettingsPage() {
  const t = useT(settingsMessages);
  const location = useLocation();
  const current = SECTIONS.find((s) => location.pathname.startsWith(`/settings/${s.path}`));
  return (
    <>
      <PageHeader title={t('title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6} xl={5}>
          <nav aria-label={t('nav.label')}>
            <Menu
              mode="inline"
              selectedKeys={current ? [current.key] : []}
              items={SECTIONS.map((s) => ({
                key: s.key,
                label: <Link to={`/settings/${s.path}`}>{t(`tab.${s.key}`)}</Link>,
              }))}
            />
          </nav>
        </Col>
        <Col xs={24} md={18} xl={19}>
          <Suspense fallback={<QueryStateSkeleton />}>
            <Routes>
              <Route index element={<Navigate to="pipelines" replace />} />
              {SECTIONS.map((s) => (
                <Route key={s.key} path={`${s.path}/*`} element={<s.page />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </Col>
      </Row>
    </>
  );
}
