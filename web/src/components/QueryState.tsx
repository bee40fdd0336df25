import { Alert, Button, Empty, Skeleton } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiProblem } from '../api/problem';
import { common } from '../i18n/common';
import { useT } from '../i18n/locale-context';

interface Props<D> {
  readonly query: UseQueryResult<D, ApiProblem>;
  /** Rendered once data is there. */
  readonly children: (data: D) => ReactNode;
  /** When true for the data, shows the empty state instead of children. */
  readonly isEmpty?: (data: D) => boolean;
  readonly empty?: ReactNode;
  /** Skeleton rows while loading; size it like the content so nothing shifts. */
  readonly rows?: number;
}

/**
 * Every request's three other states, the same everywhere: a skeleton while loading, the
 * problem's translated detail with a retry on error, and an empty state. A refetch that
 * fails after data arrived keeps showing the data, with the problem as a warning above it.
 */
export function QueryState<D>({ query, children, isEmpty, empty, rows = 3 }: Props<D>) {
  const t = useT(common);
  if (query.isPending) {
    return (
      <div aria-busy="true" aria-label={t('state.loading')}>
        <Skeleton active title={false} paragraph={{ rows }} />
      </div>
    );
  }
  if (query.isLoadingError) {
    return <LoadProblem type="error" query={query} />;
  }
  // A failed background refetch keeps the data it had: showing only the error would unmount
  // whatever the user is editing (and its buttons) because a refresh hiccuped.
  const stale = query.isRefetchError ? <LoadProblem type="warning" query={query} /> : null;
  if (isEmpty?.(query.data)) {
    return (
      <>
        {stale}
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? t('state.empty')} />
      </>
    );
  }
  return (
    <>
      {stale}
      {children(query.data)}
    </>
  );
}

function LoadProblem<D>({
  type,
  query,
}: {
  readonly type: 'error' | 'warning';
  readonly query: UseQueryResult<D, ApiProblem>;
}) {
  const t = useT(common);
  const problem = query.error;
  const message =
    problem?.code === 'network' ? t('state.network') : problem?.detail || t('state.failed');
  return (
    <Alert
      type={type}
      showIcon
      role="alert"
      title={message}
      action={
        <Button size="small" onClick={() => void query.refetch()}>
          {t('state.retry')}
        </Button>
      }
    />
  );
}
