import {
  DashboardOutlined,
  InboxOutlined,
  UserAddOutlined,
  HomeOutlined,
  BankOutlined,
  SettingOutlined,
  ProjectOutlined,
  SolutionOutlined,
  BellOutlined,
  AuditOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  AccountBookOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Role } from '../api/session';

/** The menu entries the shell knows labels for (common.ts `nav.*`), in menu order. */
export type NavKey =
  | 'home'
  | 'board'
  | 'opportunities'
  | 'leads'
  | 'pools'
  | 'accounts'
  | 'dashboards'
  | 'settings'
  | 'inbox'
  | 'approvals'
  | 'experiments'
  | 'contracts'
  | 'receipts';

export interface FeatureRoute {
  /** Menu entry and common.ts label `nav.<key>`; also the route's identity. */
  readonly key: NavKey;
  /** Path under the app root, without a leading slash ('' is home); add '/*' for sub-routes. */
  readonly path: string;
  /** The page, loaded on first visit (its own chunk): `...lazyPage(() => import('../features/x/XPage'))`. */
  readonly page: LazyExoticComponent<ComponentType>;
  /** Starts loading the page's chunk (see `preloadRouteOf`). */
  readonly preload: () => Promise<unknown>;
  readonly icon: ReactNode;
  /** Who may open it (and sees it in the menu); absent: every signed-in user. */
  readonly roles?: readonly Role[];
}

/**
 * THE route registry: one entry per built feature page, in menu order. Adding a page is
 * adding an entry here (route, lazy chunk, menu item, role check, all at once). Only pages
 * that exist are registered: no placeholders.
 */
export const FEATURE_ROUTES: readonly FeatureRoute[] = [
  {
    key: 'home',
    path: '',
    ...lazyPage(() => import('../features/home/HomePage')),
    icon: <HomeOutlined />,
  },
  {
    key: 'board',
    path: 'board/*',
    ...lazyPage(() => import('../features/board/BoardPage')),
    icon: <ProjectOutlined />,
  },
  {
    key: 'opportunities',
    path: 'opportunities/*',
    ...lazyPage(() => import('../features/opportunity/OpportunityPage')),
    icon: <SolutionOutlined />,
    roles: ['admin', 'manager', 'rep'],
  },
  {
    key: 'accounts',
    path: 'accounts/*',
    ...lazyPage(() => import('../features/accounts/AccountsPage')),
    icon: <BankOutlined />,
  },
  {
    key: 'dashboards',
    path: 'dashboards/*',
    ...lazyPage(() => import('../features/dashboards/DashboardsPage')),
    icon: <DashboardOutlined />,
  },
  {
    key: 'settings',
    path: 'settings/*',
    ...lazyPage(() => import('../features/settings/SettingsPage')),
    icon: <SettingOutlined />,
    roles: ['admin'],
  },
  {
    key: 'leads',
    path: 'leads/*',
    ...lazyPage(() => import('../features/leads/LeadsPage')),
    icon: <UserAddOutlined />,
  },
  {
    key: 'pools',
    path: 'pools/*',
    ...lazyPage(() => import('../features/pools/PoolsPage')),
    icon: <InboxOutlined />,
  },
  {
    key: 'inbox',
    path: 'inbox',
    ...lazyPage(() => import('../features/inbox/InboxPage')),
    icon: <BellOutlined />,
  },
  {
    key: 'approvals',
    path: 'approvals',
    ...lazyPage(() => import('../features/approvals/ApprovalsPage')),
    icon: <AuditOutlined />,
  },
  {
    key: 'experiments',
    path: 'experiments/*',
    ...lazyPage(() => import('../features/experiments/ExperimentsPage')),
    icon: <ExperimentOutlined />,
    roles: ['admin', 'manager'],
  },
  {
    key: 'contracts',
    path: 'contracts/*',
    ...lazyPage(() => import('../features/contracts/ContractsPage')),
    icon: <FileDoneOutlined />,
    roles: ['admin', 'manager', 'rep'],
  },
  {
    key: 'receipts',
    path: 'receipts',
    ...lazyPage(() => import('../features/contracts/ReceiptsPage')),
    icon: <AccountBookOutlined />,
    roles: ['admin', 'manager', 'rep'],
  },
];

/** A page loaded on first use, and the same import to start it early. */
function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  return { page: lazy(load), preload: load };
}

/**
 * Starts fetching the chunk of the page a URL opens, so it downloads while the app is still
 * asking who is signed in (instead of after: a deep link would otherwise wait for the
 * session, then the chunk, then the page's data, one after the other).
 */
export function preloadRouteOf(pathname: string): void {
  const segment = pathname.split('/')[1] ?? '';
  const route = FEATURE_ROUTES.find((candidate) => candidate.path.split('/')[0] === segment);
  void route?.preload().catch(() => undefined);
}

export function allowed(route: FeatureRoute, role: Role): boolean {
  return route.roles === undefined || route.roles.includes(role);
}

/** The URL of a registered route (its path without any '/*'). */
export function hrefOf(route: FeatureRoute): string {
  return `/${route.path.replace(/\/?\*$/, '')}`;
}
