import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { FieldIssue } from '../../api/problem';
import { useApiMutation } from '../../api/query';
import { FormProblem } from '../../components/FormProblem';
import { Money } from '../../components/Money';
import { currencyDigits, toMajor, toMinor } from '../../i18n/format';
import { useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import type { Opportunity } from './data';
import { dealKey } from './data';
import { lineAmountMinor } from './product-lines';
import { productMessages } from './product-messages';

type Line = Opportunity['products'][number];

/** A line as edited: the unit price in major units, as the user types it. */
interface LineValues {
  name: string;
  productType: Line['productType'];
  customisation: Line['customisation'];
  quantity: number;
  unitPrice: number;
  discountPercent: number | null;
}

interface Values {
  products: LineValues[];
}

const TYPES = ['lighthouse', 'cornerstone'] as const;

function valuesOf(deal: Opportunity): Values {
  return {
    products: deal.products.map((line) => ({
      name: line.name,
      productType: line.productType,
      customisation: line.customisation,
      quantity: line.quantity,
      unitPrice: toMajor(line.unitPriceMinor, deal.amount.currency),
      discountPercent: line.discountPercent,
    })),
  };
}

/** A line in the API's terms (minor units; an empty discount is none). */
function lineInput(line: LineValues, currency: string) {
  return {
    name: line.name.trim(),
    productType: line.productType,
    customisation: line.customisation,
    quantity: line.quantity,
    unitPriceMinor: toMinor(line.unitPrice, currency),
    discountPercent: line.discountPercent ?? 0,
  };
}

/**
 * Edits the lines as a whole and saves them with the deal's version. The line totals are a
 * preview by the server's rule; what the deal shows after saving is the server's.
 */
export function ProductLinesForm({
  deal,
  onDone,
}: {
  readonly deal: Opportunity;
  readonly onDone: () => void;
}) {
  const t = useT(productMessages);
  const currency = deal.amount.currency;
  const [form] = Form.useForm<Values>();
  const [conflict, setConflict] = useState(false);
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>();
  const queryClient = useQueryClient();
  // After a conflict the form shows the reloaded deal's lines, not the refused edit.
  useEffect(() => {
    if (conflict) form.setFieldsValue(valuesOf(deal));
  }, [conflict, deal, form]);
  const watched = Form.useWatch('products', form) as Partial<LineValues>[] | undefined;
  const preview = (watched ?? []).map((line) =>
    typeof line.quantity === 'number' && typeof line.unitPrice === 'number'
      ? lineAmountMinor({
          quantity: line.quantity,
          unitPriceMinor: toMinor(line.unitPrice, currency),
          discountPercent: line.discountPercent ?? 0,
        })
      : null,
  );
  const total = preview.reduce<number>((sum, amount) => sum + (amount ?? 0), 0);
  const save = useApiMutation(
    (values: Values) =>
      api.PATCH('/api/v1/opportunities/{id}', {
        params: { path: { id: deal.id } },
        body: {
          version: deal.version,
          products: values.products.map((line) => lineInput(line, currency)),
          // Without lines the server would price the deal at zero: keep its typed amount.
          ...(values.products.length === 0 ? { amount: deal.amount } : {}),
        },
      }),
    { invalidates: [dealKey(deal.id), ['approvals']], onSuccess: onDone },
  );
  const submit = (values: Values) => {
    setConflict(false);
    clearFieldErrors(form);
    save.mutate(values, {
      onError: (problem) => {
        // Someone saved in between: reload the deal and start again from its lines.
        if (problem.code === 'version_conflict') {
          setConflict(true);
          void queryClient.invalidateQueries({ queryKey: dealKey(deal.id) });
        }
        setUnplaced(placeFieldErrors(form, problem));
      },
    });
  };
  const digits = currencyDigits(currency);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="product-lines"
      initialValues={valuesOf(deal)}
      onFinish={submit}
      data-testid="product-lines-form"
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="version-conflict"
          style={{ marginBottom: 16 }}
          title={t('conflict')}
        />
      ) : (
        <FormProblem problem={save.error} issues={unplaced} />
      )}
      <Form.List name="products">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} wrap align="start" data-testid="product-line">
                <Form.Item
                  name={[field.name, 'name']}
                  label={t('product')}
                  rules={[{ required: true, whitespace: true }]}
                  style={{ flex: '2 1 160px' }}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'productType']}
                  label={t('type')}
                  style={{ flex: '1 1 120px' }}
                >
                  <Select
                    aria-label={t('type')}
                    options={TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'customisation']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'quantity']}
                  label={t('quantity')}
                  rules={[{ required: true }]}
                  style={{ flex: '1 1 80px' }}
                >
                  <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'unitPrice']}
                  label={t('unitPrice', { currency })}
                  rules={[{ required: true }]}
                  style={{ flex: '1 1 120px' }}
                >
                  <InputNumber min={0} precision={digits} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'discountPercent']}
                  label={t('discount')}
                  style={{ flex: '1 1 90px' }}
                >
                  <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item label={t('lineTotal')} style={{ flex: '1 1 110px' }}>
                  <Typography.Text data-testid="line-preview">
                    {preview[index] === null || preview[index] === undefined ? (
                      '—'
                    ) : (
                      <Money value={{ amountMinor: preview[index], currency }} />
                    )}
                  </Typography.Text>
                </Form.Item>
                <Form.Item label=" ">
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('remove', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Form.Item>
              </Flex>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  name: '',
                  productType: 'lighthouse',
                  customisation: 'standard',
                  quantity: 1,
                  unitPrice: null,
                  discountPercent: null,
                })
              }
            >
              {t('add')}
            </Button>
          </>
        )}
      </Form.List>
      <Flex justify="space-between" align="center" style={{ margin: '16px 0' }}>
        <Typography.Text type="secondary">{t('hint')}</Typography.Text>
        <Typography.Text strong data-testid="products-preview-total" data-amount-minor={total}>
          {t('total')}: <Money value={{ amountMinor: total, currency }} />
        </Typography.Text>
      </Flex>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('save')}
      </Button>{' '}
      <Button onClick={onDone}>{t('cancel')}</Button>
    </Form>
  );
}
