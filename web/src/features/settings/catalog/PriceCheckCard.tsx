import { Button, Col, Descriptions, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiMutation, useApiQuery } from '../../../api/query';
import type { components } from '../../../api/schema';
import { FormProblem } from '../../../components/FormProblem';
import { Money } from '../../../components/Money';
import { SectionCard } from '../../../components/SectionCard';
import { useT } from '../../../i18n/locale-context';
import { CURRENCIES, VALUE_TIERS, catalogMessages } from './messages';

type Resolution = components['schemas']['PriceResolution'];
interface CheckForm {
  currency: (typeof CURRENCIES)[number];
  channel?: string;
  customerTier?: string;
  productId?: string;
  quantity?: number;
}

/** Which book a quote would use for a buyer, and the unit price for a quantity. */
export function PriceCheckCard() {
  const t = useT(catalogMessages);
  const [form] = Form.useForm<CheckForm>();
  const [result, setResult] = useState<{ value: Resolution; currency: string } | null>(null);
  const products = useApiQuery(['products', 'active-all'], () =>
    api.GET('/api/v1/products', {
      params: { query: { limit: 200, sort: 'code', active: 'true' } },
    }),
  );
  const check = useApiMutation((values: CheckForm) =>
    api.GET('/api/v1/price-books/resolve', {
      params: {
        query: {
          currency: values.currency,
          ...(values.channel?.trim() ? { channel: values.channel.trim() } : {}),
          ...(values.customerTier ? { customerTier: values.customerTier } : {}),
          ...(values.productId ? { productId: values.productId } : {}),
          ...(values.quantity ? { quantity: values.quantity } : {}),
        },
      },
    }),
  );
  const line = result?.value.line;
  return (
    <SectionCard title={t('check.title')} testId="price-check">
      <Typography.Paragraph type="secondary">{t('check.hint')}</Typography.Paragraph>
      <Form<CheckForm>
        form={form}
        name="price-check"
        layout="vertical"
        initialValues={{ currency: 'CNY', quantity: 1 }}
        onFinish={(values) =>
          check.mutate(values, {
            onSuccess: (value) => setResult({ value, currency: values.currency }),
            onError: () => setResult(null),
          })
        }
      >
        <Row gutter={12}>
          <Col xs={12} md={3}>
            <Form.Item name="currency" label={t('currency')}>
              <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="channel" label={t('channel')}>
              <Input placeholder={t('anyChannel')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="customerTier" label={t('customerTier')}>
              <Select
                allowClear
                placeholder={t('anyTier')}
                options={VALUE_TIERS.map((v) => ({ value: v, label: t(`tier.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="productId" label={t('entries.product')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={(products.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.code} ${p.name}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="quantity" label={t('check.quantity')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" loading={check.isPending}>
                {t('check.run')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <FormProblem problem={check.error} />
      {result && (
        <Descriptions size="small" column={1} bordered data-testid="price-check-result">
          <Descriptions.Item label={t('check.book')}>
            {result.value.priceBook?.name ?? t('check.noBook')}
          </Descriptions.Item>
          {line && (
            <>
              <Descriptions.Item label={t('check.unitPrice')}>
                <Money value={{ amountMinor: line.unitPriceMinor, currency: result.currency }} />
                {' · '}
                {line.tierMinQuantity === null
                  ? t('check.baseTier')
                  : t('check.tier', { min: line.tierMinQuantity })}
              </Descriptions.Item>
              <Descriptions.Item label={t('check.listPrice')}>
                <Money
                  value={{ amountMinor: line.listUnitPriceMinor, currency: result.currency }}
                />
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      )}
    </SectionCard>
  );
}
