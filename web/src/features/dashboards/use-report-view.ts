import { useLocalName, useT } from '../../i18n/locale-context';
import { useDashboard } from './dashboard-context';
import { useFormatters } from './format';
import { dashboardMessages } from './messages';
import { useReport } from './reports';
import type { ReportName, ReportQuery } from './reports';

/**
 * What every chart card starts from: its report fetched with the dashboard filters plus
 * the card's own options, the texts, local names and the number formats of the report's
 * currency.
 */
export function useReportView<N extends ReportName>(
  name: N,
  options: Partial<ReportQuery<N>> = {},
) {
  const t = useT(dashboardMessages);
  const localName = useLocalName();
  const { filters, currency } = useDashboard();
  const fmt = useFormatters(currency);
  // The filters are every report's common query; the options are this report's own.
  const params = { ...filters, ...options } as ReportQuery<N>;
  const query = useReport(name, params);
  return { t, name: localName, fmt, params, query };
}
