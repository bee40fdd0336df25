import type { UseQueryResult } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiProblem } from '../../api/problem';
import { useApiQuery } from '../../api/query';
import type { operations } from '../../api/schema';

type Query<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;

/**
 * One typed call per report the dashboards show: the report's path, its query (common
 * filters and its own options) and its JSON are all checked against schema.d.ts.
 */
const calls = {
  funnel: (query: Query<'reportFunnel'>) =>
    api.GET('/api/v1/reports/funnel', { params: { query } }),
  conversion: (query: Query<'reportConversion'>) =>
    api.GET('/api/v1/reports/conversion', { params: { query } }),
  dwell: (query: Query<'reportDwell'>) => api.GET('/api/v1/reports/dwell', { params: { query } }),
  people: (query: Query<'reportPeople'>) =>
    api.GET('/api/v1/reports/people', { params: { query } }),
  outcomes: (query: Query<'reportOutcomes'>) =>
    api.GET('/api/v1/reports/outcomes', { params: { query } }),
  'loss-analysis': (query: Query<'reportLossAnalysis'>) =>
    api.GET('/api/v1/reports/loss-analysis', { params: { query } }),
  mix: (query: Query<'reportMix'>) => api.GET('/api/v1/reports/mix', { params: { query } }),
  'win-model': (query: Query<'reportWinModel'>) =>
    api.GET('/api/v1/reports/win-model', { params: { query } }),
  'pipeline-changes': (query: Query<'reportPipelineChanges'>) =>
    api.GET('/api/v1/reports/pipeline-changes', { params: { query } }),
  trend: (query: Query<'reportTrend'>) => api.GET('/api/v1/reports/trend', { params: { query } }),
  forecast: (query: Query<'reportForecast'>) =>
    api.GET('/api/v1/reports/forecast', { params: { query } }),
  targets: (query: Query<'reportTargets'>) =>
    api.GET('/api/v1/reports/targets', { params: { query } }),
  'reverse-funnel': (query: Query<'reportReverseFunnel'>) =>
    api.GET('/api/v1/reports/reverse-funnel', { params: { query } }),
  patterns: (query: Query<'reportPatterns'>) =>
    api.GET('/api/v1/reports/patterns', { params: { query } }),
  'receivables-aging': (query: Query<'reportReceivablesAging'>) =>
    api.GET('/api/v1/reports/receivables-aging', { params: { query } }),
  collections: (query: Query<'reportCollections'>) =>
    api.GET('/api/v1/reports/collections', { params: { query } }),
  dso: (query: Query<'reportDso'>) => api.GET('/api/v1/reports/dso', { params: { query } }),
  'lead-to-cash': (query: Query<'reportLeadToCash'>) =>
    api.GET('/api/v1/reports/lead-to-cash', { params: { query } }),
};

export type ReportName = keyof typeof calls;
type Call<N extends ReportName> = (typeof calls)[N];
export type ReportQuery<N extends ReportName> = Parameters<Call<N>>[0];
export type ReportData<N extends ReportName> = NonNullable<Awaited<ReturnType<Call<N>>>['data']>;

/** A report's JSON for the dashboard filters plus the chart's own options. */
export function useReport<N extends ReportName>(
  name: N,
  query: ReportQuery<N>,
): UseQueryResult<ReportData<N>, ApiProblem> {
  // Indexing with a generic key widens the call to a union; this is the same function.
  const call = calls[name] as (q: ReportQuery<N>) => ReturnType<Call<N>>;
  return useApiQuery(['reports', name, query], () => call(query));
}

/** The URL of the report's CSV with exactly the query the chart used. */
export function csvUrl(name: ReportName, query: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number') search.set(key, String(value));
  }
  const text = search.toString();
  return `/api/v1/reports/${name}.csv${text ? `?${text}` : ''}`;
}
