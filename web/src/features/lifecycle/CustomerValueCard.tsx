import { Descriptions, Empty, Space, Tag } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { ExpansionButton } from './ExpansionButton';
import { lifecycleMessages } from './messages';

/**
 * An account's lifetime at a glance: cash collected (its lifetime value) and contract value
 * per currency, how often it bought, and the renewal and expansion deals grown from it —
 * with the action to start a new upsell or cross-sell from one of its contracts.
 */
export function CustomerValueCard({ accountId }: { readonly accountId: string }) {
  const t = useT(lifecycleMessages);
  const lifetime = useApiQuery(['accounts', accountId, 'lifetime'], () =>
    api.GET('/api/v1/accounts/{id}/lifetime', { params: { path: { id: accountId } } }),
  );
  return (
    <SectionCard
      title={t('title')}
      testId="customer-value"
      extra={<ExpansionButton accountId={accountId} />}
    >
      <QueryState query={lifetime} rows={4}>
        {(life) => (
          <>
            {life.currencies.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noContracts')} />
            ) : (
              life.currencies.map((row) => (
                <Descriptions
                  key={row.currency}
                  size="small"
                  column={1}
                  bordered
                  style={{ marginBottom: 12 }}
                  items={[
                    {
                      key: 'clv',
                      label: t('clv'),
                      children: (
                        <span data-testid="customer-clv" data-minor={row.collectedMinor}>
                          <Money
                            value={{ amountMinor: row.collectedMinor, currency: row.currency }}
                          />
                        </span>
                      ),
                    },
                    {
                      key: 'value',
                      label: t('contractValue'),
                      children: (
                        <Money
                          value={{ amountMinor: row.contractValueMinor, currency: row.currency }}
                        />
                      ),
                    },
                    { key: 'contracts', label: t('contracts'), children: row.contracts },
                    {
                      key: 'first',
                      label: t('firstPurchase'),
                      children: row.firstPurchaseOn,
                    },
                    {
                      key: 'last',
                      label: t('lastPurchase'),
                      children: row.lastPurchaseOn,
                    },
                  ]}
                />
              ))
            )}
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'repeat',
                  label: t('repeat'),
                  children: (
                    <Tag
                      color={life.repeatCustomer ? 'green' : 'default'}
                      data-testid="customer-repeat"
                    >
                      {life.contracts === 0
                        ? t('repeat.none')
                        : life.repeatCustomer
                          ? t('repeat.yes')
                          : t('repeat.no')}
                    </Tag>
                  ),
                },
                {
                  key: 'deals',
                  label: t('deals'),
                  children: (
                    <Space direction="vertical" size={2} data-testid="customer-deals">
                      {life.deals
                        .filter((d) => d.dealKind !== 'new')
                        .map((d) => (
                          <span key={d.dealKind} data-kind={d.dealKind}>
                            <Tag>{t(`kind.${d.dealKind}`)}</Tag>
                            {t('deals.count', { open: d.open, won: d.won, lost: d.lost })}
                          </span>
                        ))}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </SectionCard>
  );
}
