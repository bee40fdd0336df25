import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  InputNumber,
  Select,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { FormProblem } from '../../components/FormProblem';
import { Money } from '../../components/Money';
import { currencyDigits } from '../../i18n/format';
import { useT } from '../../i18n/locale-context';
import { quoteMessages } from './messages';
import type { EditedLine, Quote } from './quote-lines';
import { editedLines, lineInput, toBp } from './quote-lines';

const TYPES = ['lighthouse', 'cornerstone'] as const;

/**
 * Drafts a new quote or edits a draft. Catalogue lines are priced by the book that applies
 * to the deal's currency (GET /price-books/resolve); free lines carry a typed price. The
 * totals are the server's own (POST /quotes/preview): the arithmetic exists once.
 */
export function QuoteEditor({
  dealId,
  currency,
  quote,
  onClose,
}: {
  readonly dealId: string;
  readonly currency: string;
  /** The draft to edit; undefined for a new quote. */
  readonly quote?: Quote;
  readonly onClose: () => void;
}) {
  const t = useT(quoteMessages);
  const [lines, setLines] = useState<EditedLine[]>(() => (quote ? editedLines(quote) : []));
  const [overall, setOverall] = useState<number | null>(
    quote ? quote.overallDiscountBp / 100 : null,
  );
  const [validUntil, setValidUntil] = useState(quote?.validUntil ?? '');
  const [notes, setNotes] = useState(quote?.notes ?? '');
  const [search, setSearch] = useState('');
  const book = useApiQuery(['price-books', 'resolve', currency], () =>
    api.GET('/api/v1/price-books/resolve', {
      params: { query: { currency: currency as 'CNY' } },
    }),
  );
  const priceBookId = quote?.priceBookId ?? book.data?.priceBook?.id ?? null;
  const products = useApiQuery(
    ['products', 'pick', search],
    () =>
      api.GET('/api/v1/products', {
        params: { query: { active: 'true', limit: 20, ...(search ? { q: search } : {}) } },
      }),
    { enabled: priceBookId !== null },
  );
  const inputs = lines.map((line) => lineInput(line, currency));
  const complete = inputs.every((input) => input !== null);
  const body = {
    currency: currency as 'CNY',
    priceBookId,
    overallDiscountBp: toBp(overall),
    lines: inputs.filter((input) => input !== null),
  };
  const preview = useApiQuery(
    ['quote-preview', body],
    () => api.POST('/api/v1/quotes/preview', { body }),
    { enabled: complete && lines.length > 0 },
  );
  const save = useApiMutation(
    () => {
      const draft = {
        priceBookId,
        overallDiscountBp: body.overallDiscountBp,
        validUntil: validUntil || null,
        notes: notes.trim() || null,
        lines: body.lines,
      };
      return quote
        ? api.PATCH('/api/v1/quotes/{id}', {
            params: { path: { id: quote.id } },
            body: { ...draft, version: quote.version },
          })
        : api.POST('/api/v1/opportunities/{id}/quotes', {
            params: { path: { id: dealId } },
            body: { ...draft, currency: currency as 'CNY' },
          });
    },
    { invalidates: [['quotes', dealId]], onSuccess: onClose },
  );
  const update = (index: number, change: Partial<EditedLine>) =>
    setLines((all) => all.map((line, i) => (i === index ? { ...line, ...change } : line)));
  const figures = preview.data;
  const money = (amountMinor: number) => <Money value={{ amountMinor, currency }} />;
  return (
    <Drawer
      open
      width={920}
      onClose={onClose}
      title={
        quote ? t('editorEdit', { number: quote.number, revision: quote.revision }) : t('editorNew')
      }
      data-testid="quote-editor"
    >
      <FormProblem
        problem={save.error ?? (preview.error?.code === 'validation_failed' ? preview.error : null)}
      />
      <Typography.Paragraph type="secondary">
        {priceBookId && book.data?.priceBook
          ? t('priceBook', { name: book.data.priceBook.name })
          : priceBookId
            ? null
            : t('noPriceBook', { currency })}
      </Typography.Paragraph>
      {lines.map((line, index) => (
        <Flex
          key={index}
          gap={8}
          wrap
          align="end"
          data-testid="quote-line"
          style={{ marginBottom: 8 }}
        >
          <label style={{ flex: '2 1 180px' }}>
            {t('product')}
            <Input
              value={line.name}
              maxLength={200}
              aria-label={t('product')}
              onChange={(e) => update(index, { name: e.target.value })}
            />
          </label>
          {line.productId ? null : (
            <label style={{ flex: '1 1 110px' }}>
              {t('type')}
              <Select
                value={line.productType}
                aria-label={t('type')}
                style={{ width: '100%' }}
                options={TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
                onChange={(productType) => update(index, { productType })}
              />
            </label>
          )}
          <label style={{ flex: '1 1 70px' }}>
            {t('quantity')}
            <InputNumber
              aria-label={t('quantity')}
              min={1}
              precision={0}
              value={line.quantity}
              style={{ width: '100%' }}
              onChange={(quantity) => update(index, { quantity })}
            />
          </label>
          <label style={{ flex: '1 1 120px' }}>
            {t('unitPrice', { currency })}
            {line.productId ? (
              <Typography.Text style={{ display: 'block' }} type="secondary">
                {figures?.lines[index]
                  ? money(figures.lines[index].unitPriceMinor)
                  : t('catalogPrice')}
              </Typography.Text>
            ) : (
              <InputNumber
                aria-label={t('unitPrice', { currency })}
                min={0}
                precision={currencyDigits(currency)}
                value={line.unitPrice}
                style={{ width: '100%' }}
                onChange={(unitPrice) => update(index, { unitPrice })}
              />
            )}
          </label>
          <label style={{ flex: '1 1 80px' }}>
            {t('discount')}
            <InputNumber
              aria-label={t('discount')}
              min={0}
              max={100}
              precision={2}
              value={line.discountPercent}
              style={{ width: '100%' }}
              onChange={(discountPercent) => update(index, { discountPercent })}
            />
          </label>
          <label style={{ flex: '1 1 70px' }}>
            {t('tax')}
            <InputNumber
              aria-label={t('tax')}
              min={0}
              max={100}
              precision={2}
              value={line.taxPercent}
              style={{ width: '100%' }}
              onChange={(taxPercent) => update(index, { taxPercent })}
            />
          </label>
          <span style={{ flex: '1 1 100px', textAlign: 'right' }} data-testid="quote-line-net">
            {figures?.lines[index] ? money(figures.lines[index].netMinor) : '—'}
          </span>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('remove', { n: index + 1 })}
            onClick={() => setLines((all) => all.filter((_, i) => i !== index))}
          />
        </Flex>
      ))}
      <Flex gap={8} wrap style={{ margin: '12px 0' }}>
        {priceBookId ? (
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            value={null}
            placeholder={t('pickProduct')}
            style={{ minWidth: 260 }}
            data-testid="quote-product-picker"
            options={(products.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.code} · ${p.name}`,
            }))}
            onChange={(id: string) => {
              const product = products.data?.items.find((p) => p.id === id);
              if (!product) return;
              setLines((all) => [
                ...all,
                {
                  productId: product.id,
                  name: product.name,
                  productType: product.productType,
                  quantity: 1,
                  unitPrice: null,
                  discountPercent: null,
                  taxPercent: null,
                },
              ]);
            }}
          />
        ) : null}
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setLines((all) => [
              ...all,
              {
                name: '',
                productType: 'cornerstone',
                quantity: 1,
                unitPrice: null,
                discountPercent: null,
                taxPercent: null,
              },
            ])
          }
        >
          {t('addFree')}
        </Button>
      </Flex>
      <Flex gap={16} wrap align="end">
        <label>
          {t('overallDiscount')}
          <InputNumber
            aria-label={t('overallDiscount')}
            min={0}
            max={100}
            precision={2}
            value={overall}
            style={{ display: 'block' }}
            onChange={setOverall}
          />
        </label>
        <label>
          {t('validUntil')}
          <Input
            type="date"
            aria-label={t('validUntil')}
            value={validUntil}
            onChange={(e) => setValidUntil(e.target.value)}
          />
        </label>
        <label style={{ flex: '1 1 240px' }}>
          {t('notes')}
          <Input.TextArea
            aria-label={t('notes')}
            rows={1}
            value={notes}
            maxLength={10_000}
            onChange={(e) => setNotes(e.target.value)}
          />
        </label>
      </Flex>
      {figures ? (
        <Descriptions
          size="small"
          column={1}
          style={{ maxWidth: 360, marginLeft: 'auto', marginTop: 16 }}
          items={[
            { key: 's', label: t('subtotal'), children: money(figures.totals.subtotalMinor) },
            {
              key: 'l',
              label: t('lineDiscounts'),
              children: money(figures.totals.lineDiscountMinor),
            },
            { key: 'o', label: t('overall'), children: money(figures.totals.overallDiscountMinor) },
            {
              key: 'n',
              label: t('netTotal'),
              children: (
                <span data-testid="quote-net" data-amount-minor={figures.totals.netMinor}>
                  {money(figures.totals.netMinor)}
                </span>
              ),
            },
            { key: 't', label: t('taxTotal'), children: money(figures.totals.taxMinor) },
            {
              key: 'g',
              label: t('grandTotal'),
              children: (
                <strong data-testid="quote-total" data-amount-minor={figures.totals.totalMinor}>
                  {money(figures.totals.totalMinor)}
                </strong>
              ),
            },
          ]}
        />
      ) : null}
      {figures ? (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'right' }}>
          {t('effective', { percent: figures.effectiveDiscountBp / 100 })}
        </Typography.Paragraph>
      ) : null}
      {quote === undefined && lines.length === 0 ? (
        <Alert type="info" showIcon title={t('acceptHint')} style={{ marginTop: 16 }} />
      ) : null}
      <Flex gap={8} style={{ marginTop: 16 }}>
        <Button
          type="primary"
          disabled={!complete || lines.length === 0}
          loading={save.isPending}
          onClick={() => save.mutate(undefined)}
        >
          {t('save')}
        </Button>
        <Button onClick={onClose}>{t('cancel')}</Button>
      </Flex>
    </Drawer>
  );
}
