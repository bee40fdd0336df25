import { createContext, useContext } from 'react';
import type { Currency, ReportFilters } from './filters';

export interface DashboardState {
  /** The shared filters, from the URL. */
  readonly filters: Omit<ReportFilters, 'asOf'>;
  /** The currency the reports answer in (the filter, else the tenant's). */
  readonly currency: Currency;
}

export const DashboardContext = createContext<DashboardState | null>(null);

export function useDashboard(): DashboardState {
  const state = useContext(DashboardContext);
  if (!state) throw new Error('useDashboard outside the dashboards page');
  return state;
}
