import { Alert, Button, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { Money } from '../../components/Money';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { useUserNames } from '../approvals/directory';
import { approvalsMessages } from '../approvals/messages';
import type { Opportunity } from './data';
import { ProductLinesForm } from './ProductLinesForm';
import { productMessages } from './product-messages';

type Line = Opportunity['products'][number];

/**
 * The deal's product lines with their discounts, edited as a whole and saved through the
 * opportunity update (with its version). A discount above the tenant's threshold opens a
 * discount approval on save: the card says so while it waits.
 */
export function ProductsCard({ deal }: { readonly deal: Opportunity }) {
  const t = useT(productMessages);
  const [editing, setEditing] = useState(false);
  const currency = deal.amount.currency;
  const money = (amountMinor: number) => <Money value={{ amountMinor, currency }} />;
  const columns: TableColumnsType<Line> = [
    { title: t('product'), dataIndex: 'name' },
    { title: t('type'), key: 'type', render: (_, line) => t(`type.${line.productType}`) },
    { title: t('quantity'), dataIndex: 'quantity', align: 'right' },
    {
      title: t('unitPrice', { currency }),
      key: 'unit',
      align: 'right',
      render: (_, line) => money(line.unitPriceMinor),
    },
    {
      title: t('discount'),
      key: 'discount',
      align: 'right',
      render: (_, line) => (line.discountPercent > 0 ? `${line.discountPercent}%` : '—'),
    },
    {
      title: t('lineTotal'),
      key: 'total',
      align: 'right',
      render: (_, line) => (
        <span data-amount-minor={line.amountMinor}>{money(line.amountMinor)}</span>
      ),
    },
  ];
  return (
    <SectionCard
      title={t('title')}
      testId="deal-products"
      extra={
        editing ? null : (
          <Button onClick={() => setEditing(true)} disabled={deal.status !== 'open'}>
            {t('edit')}
          </Button>
        )
      }
    >
      <PendingDiscount dealId={deal.id} />
      {editing ? (
        <ProductLinesForm deal={deal} onDone={() => setEditing(false)} />
      ) : (
        <Table<Line>
          rowKey="id"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={[...deal.products]}
          locale={{ emptyText: t('empty') }}
          scroll={{ x: true }}
          summary={() =>
            deal.products.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={5}>
                  {t('total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <span data-testid="products-total" data-amount-minor={deal.amount.amountMinor}>
                    {money(deal.amount.amountMinor)}
                  </span>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </SectionCard>
  );
}

/** The discount approval the saved lines wait for, if any, and whose sign-off it needs. */
function PendingDiscount({ dealId }: { readonly dealId: string }) {
  const t = useT(productMessages);
  const ta = useT(approvalsMessages);
  const { name } = useUserNames();
  const query = { opportunityId: dealId, kind: 'discount', status: 'pending', limit: 20 } as const;
  const pending = useApiQuery(['approvals', query], () =>
    api.GET('/api/v1/approvals', { params: { query } }),
  );
  // A quote's discount request is shown on its quote (QuotesCard), not on the deal's lines.
  const approval = pending.data?.items.find(
    (item) => !('quoteId' in item.request && item.request.quoteId),
  );
  if (!approval || !('discountBasisPoints' in approval.request)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="discount-pending"
      role="status"
      style={{ marginBottom: 16 }}
      title={t('pending', {
        percent: approval.request.discountBasisPoints / 100,
        threshold: approval.request.thresholdPercent,
      })}
      description={t('waitingFor', {
        name: approval.approverId === null ? ta('step.admin') : name(approval.approverId),
      })}
    />
  );
}
