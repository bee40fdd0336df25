import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { formatMoney, toMinor } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-context';
import { contractMessages } from './messages';

type Detail = components['schemas']['ContractDetail'];
type Order = components['schemas']['Order'];
type Reconciliation = components['schemas']['Reconciliation'];
type Row = Reconciliation['installments'][number];

type Move = 'in_delivery' | 'delivered' | 'accepted' | 'cancelled';
const nextMoves: Record<Order['status'], readonly Move[]> = {
  pending: ['in_delivery', 'cancelled'],
  in_delivery: ['delivered', 'cancelled'],
  delivered: ['accepted'],
  accepted: [],
  cancelled: [],
};

const today = () => new Date().toISOString().slice(0, 10);

/** One contract: lines, orders (O2D), payment plan with allocations, receipts, recognition. */
export function ContractDetail() {
  const t = useT(contractMessages);
  const { locale } = useLocale();
  const id = useParams().contractId ?? '';
  const contract = useApiQuery(['contracts', id], () =>
    api.GET('/api/v1/contracts/{id}', { params: { path: { id } } }),
  );
  const recon = useApiQuery(['contracts', id, 'reconciliation'], () =>
    api.GET('/api/v1/contracts/{id}/reconciliation', { params: { path: { id } } }),
  );
  const invalidates = [['contracts'], ['receipts']] as const;
  const moveOrder = useApiMutation(
    ({ order, status }: { order: Order; status: Move }) =>
      api.POST('/api/v1/orders/{id}/status', {
        params: { path: { id: order.id } },
        body: { version: order.version, status },
      }),
    { invalidates },
  );
  const addOrder = useApiMutation(
    (body: { description: string; amountMinor: number }) =>
      api.POST('/api/v1/contracts/{id}/orders', { params: { path: { id } }, body }),
    { invalidates },
  );
  const reverse = useApiMutation(
    (allocationId: string) =>
      api.POST('/api/v1/receipt-allocations/{id}/reverse', {
        params: { path: { id: allocationId } },
      }),
    { invalidates },
  );
  const allocate = useApiMutation(
    (v: { receiptId: string; installmentId: string; amountMinor: number }) =>
      api.POST('/api/v1/receipts/{id}/allocations', {
        params: { path: { id: v.receiptId } },
        body: { allocations: [{ installmentId: v.installmentId, amountMinor: v.amountMinor }] },
      }),
    { invalidates },
  );
  const recognise = useApiMutation(
    (body: { amountMinor: number; recognisedOn: string }) =>
      api.POST('/api/v1/contracts/{id}/recognitions', { params: { path: { id } }, body }),
    { invalidates },
  );

  return (
    <QueryState query={contract}>
      {(c: Detail) => {
        const money = (amountMinor: number) => (
          <Money value={{ amountMinor, currency: c.currency }} />
        );
        const orderColumns: TableColumnsType<Order> = [
          { title: t('number'), dataIndex: 'number' },
          { title: t('description'), dataIndex: 'description' },
          { title: t('amount'), key: 'a', align: 'right', render: (_, o) => money(o.amountMinor) },
          {
            title: t('status'),
            key: 's',
            render: (_, o) => <Tag data-testid="order-status">{t(`order.${o.status}`)}</Tag>,
          },
          {
            title: '',
            key: 'act',
            render: (_, o) => (
              <Flex gap={4}>
                {nextMoves[o.status].map((status) => (
                  <Button
                    key={status}
                    size="small"
                    onClick={() => moveOrder.mutate({ order: o, status })}
                    data-testid={`order-${status}`}
                  >
                    {t(`move.${status}`)}
                  </Button>
                ))}
              </Flex>
            ),
          },
        ];
        const planColumns: TableColumnsType<Row> = [
          { title: t('seq'), dataIndex: 'seq' },
          { title: t('dueDate'), dataIndex: 'dueDate' },
          { title: t('planned'), key: 'p', align: 'right', render: (_, i) => money(i.amountMinor) },
          {
            title: t('collected'),
            key: 'c',
            align: 'right',
            render: (_, i) => money(i.collectedMinor),
          },
          {
            title: t('status'),
            key: 's',
            render: (_, i) => (
              <Flex gap={4}>
                <Tag
                  color={
                    i.status === 'paid' ? 'green' : i.status === 'partial' ? 'gold' : 'default'
                  }
                  data-testid="installment-status"
                >
                  {t(`installment.${i.status}`)}
                </Tag>
                {i.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}
              </Flex>
            ),
          },
          { title: t('paidOn'), key: 'po', render: (_, i) => i.paidOn ?? '—' },
          {
            title: t('allocations'),
            key: 'al',
            render: (_, i) => (
              <Flex vertical gap={2}>
                {i.allocations
                  .filter((a) => a.reversedAt === null)
                  .map((a) => (
                    <Flex key={a.id} gap={6} align="center">
                      <span>
                        {a.receiptNumber} · {a.receivedOn} · {money(a.amountMinor)}
                      </span>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => reverse.mutate(a.id)}
                        data-testid="allocation-reverse"
                      >
                        {t('reverse')}
                      </Button>
                    </Flex>
                  ))}
              </Flex>
            ),
          },
        ];
        return (
          <>
            <PageHeader
              title={t('openContract', { number: c.number })}
              subtitle={
                <Flex gap={8}>
                  <Tag>{t(`status.${c.status}`)}</Tag>
                  <Tag color="blue" data-testid="delivery-status">
                    {t(`delivery.${c.deliveryStatus}`)}
                  </Tag>
                  <span>
                    {c.startDate} – {c.endDate}
                  </span>
                  {money(c.amountMinor)}
                </Flex>
              }
            />
            <SectionCard title={t('lines')} testId="contract-lines">
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={c.lines}
                columns={[
                  { title: t('item'), dataIndex: 'name' },
                  { title: t('quantity'), dataIndex: 'quantity' },
                  {
                    title: t('amount'),
                    key: 'a',
                    align: 'right',
                    render: (_, l) => money(l.amountMinor),
                  },
                ]}
              />
            </SectionCard>
            <SectionCard title={t('plan')} testId="payment-plan">
              <QueryState query={recon}>
                {(r) => (
                  <>
                    <p data-testid="plan-totals">
                      {t('totals', {
                        planned: formatMoney(locale, {
                          amountMinor: r.plannedMinor,
                          currency: c.currency,
                        }),
                        collected: formatMoney(locale, {
                          amountMinor: r.collectedMinor,
                          currency: c.currency,
                        }),
                        outstanding: formatMoney(locale, {
                          amountMinor: r.outstandingMinor,
                          currency: c.currency,
                        }),
                      })}
                    </p>
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={r.installments}
                      columns={planColumns}
                    />
                    <h3 style={{ fontSize: 14, marginTop: 16 }}>{t('unapplied')}</h3>
                    {r.unappliedReceipts.map((receipt) => (
                      <Form
                        key={receipt.id}
                        layout="inline"
                        onFinish={(v: { installmentId: string; amount: number }) =>
                          allocate.mutate({
                            receiptId: receipt.id,
                            installmentId: v.installmentId,
                            amountMinor: toMinor(v.amount, c.currency),
                          })
                        }
                      >
                        <span style={{ marginRight: 8 }}>
                          {receipt.number} · {receipt.receivedOn} · {t('unappliedAmount')}{' '}
                          {money(receipt.unappliedMinor)}
                        </span>
                        <Form.Item name="installmentId" rules={[{ required: true }]}>
                          <Select
                            style={{ width: 120 }}
                            placeholder={t('allocateTo')}
                            options={r.installments
                              .filter((i) => i.status !== 'paid')
                              .map((i) => ({ value: i.id, label: `#${i.seq} ${i.dueDate}` }))}
                          />
                        </Form.Item>
                        <Form.Item name="amount" rules={[{ required: true }]}>
                          <InputNumber min={0.01} placeholder={t('amount')} />
                        </Form.Item>
                        <Button htmlType="submit" size="small" loading={allocate.isPending}>
                          {t('allocate')}
                        </Button>
                      </Form>
                    ))}
                    <FormProblem problem={allocate.error ?? reverse.error} />
                  </>
                )}
              </QueryState>
            </SectionCard>
            <SectionCard title={t('orders')} testId="orders">
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={c.orders}
                columns={orderColumns}
              />
              <Form
                layout="inline"
                style={{ marginTop: 12 }}
                onFinish={(v: { description: string; amount: number }) =>
                  addOrder.mutate({
                    description: v.description,
                    amountMinor: toMinor(v.amount, c.currency),
                  })
                }
              >
                <Form.Item name="description" rules={[{ required: true }]}>
                  <Input placeholder={t('description')} />
                </Form.Item>
                <Form.Item name="amount" rules={[{ required: true }]}>
                  <InputNumber min={0.01} placeholder={t('amount')} />
                </Form.Item>
                <Button htmlType="submit" loading={addOrder.isPending}>
                  {t('newOrder')}
                </Button>
              </Form>
              <FormProblem problem={moveOrder.error ?? addOrder.error} />
            </SectionCard>
            <SectionCard title={t('recognise')} testId="recognition">
              <p>
                {t('recognition')}: {money(c.recognisedMinor)} / {money(c.amountMinor)}
              </p>
              <Form
                layout="inline"
                onFinish={(v: { amount: number; day?: { format: (f: string) => string } }) =>
                  recognise.mutate({
                    amountMinor: toMinor(v.amount, c.currency),
                    recognisedOn: v.day ? v.day.format('YYYY-MM-DD') : today(),
                  })
                }
              >
                <Form.Item name="amount" rules={[{ required: true }]}>
                  <InputNumber min={0.01} placeholder={t('amount')} />
                </Form.Item>
                <Form.Item name="day">
                  <DatePicker placeholder={t('recognisedOn')} />
                </Form.Item>
                <Button htmlType="submit" loading={recognise.isPending}>
                  {t('recognise')}
                </Button>
              </Form>
              <FormProblem problem={recognise.error} />
            </SectionCard>
          </>
        );
      }}
    </QueryState>
  );
}
