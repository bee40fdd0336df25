import { Alert, Tag } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { poolMessages } from './messages';

/** My claim limit in this pool and how many leads I hold, as the server counts them. */
export function HoldingBanner({ poolId }: { readonly poolId: string }) {
  const t = useT(poolMessages);
  const holding = useApiQuery(['pools', 'holding', poolId], () =>
    api.GET('/api/v1/pools/{id}/holding', { params: { path: { id: poolId } } }),
  );
  return (
    <QueryState query={holding} rows={1}>
      {({ leads }) => (
        <Alert
          type={leads.limit !== null && leads.held >= leads.limit ? 'warning' : 'info'}
          showIcon
          data-testid="holding"
          data-held={leads.held}
          data-limit={leads.limit ?? ''}
          style={{ marginBottom: 16 }}
          title={
            <>
              {leads.limit === null
                ? t('holding.noLimit', { held: leads.held })
                : t('holding.limit', { held: leads.held, limit: leads.limit })}{' '}
              {leads.limit !== null && leads.held >= leads.limit ? (
                <Tag color="orange">{t('holding.full')}</Tag>
              ) : null}
            </>
          }
        />
      )}
    </QueryState>
  );
}
