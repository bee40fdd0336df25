import { formatMinor } from '../money.js';
import type { Locale } from '../tenancy/tenant.js';
import type { Quote } from './quote.js';

/** What the printed quote shows besides the quote itself. */
export interface QuotePrintContext {
  readonly tenantName: string;
  readonly customerName: string;
  readonly dealName: string;
  readonly locale: Locale;
}

const labels = {
  en: {
    title: 'Quotation',
    number: 'Quote no.',
    revision: 'Revision',
    date: 'Date',
    validUntil: 'Valid until',
    noExpiry: 'Until withdrawn',
    customer: 'Customer',
    deal: 'Opportunity',
    item: 'Item',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    net: 'Net',
    tax: 'Tax',
    taxRate: 'Tax rate',
    total: 'Total',
    subtotal: 'Subtotal (list)',
    lineDiscounts: 'Line discounts',
    overallDiscount: 'Overall discount',
    netTotal: 'Total excl. tax',
    grandTotal: 'Total incl. tax',
    notes: 'Notes',
    currency: 'All amounts in',
    status: 'Status',
  },
  'zh-CN': {
    title: '报价单',
    number: '报价单号',
    revision: '版本',
    date: '日期',
    validUntil: '有效期至',
    noExpiry: '长期有效',
    customer: '客户',
    deal: '商机',
    item: '产品/服务',
    quantity: '数量',
    unitPrice: '单价',
    discount: '折扣',
    net: '不含税金额',
    tax: '税额',
    taxRate: '税率',
    total: '价税合计',
    subtotal: '原价合计',
    lineDiscounts: '行折扣',
    overallDiscount: '整单折扣',
    netTotal: '不含税合计',
    grandTotal: '价税合计',
    notes: '备注',
    currency: '币种',
    status: '状态',
  },
} as const;

const statusLabels: Record<Locale, Record<Quote['status'], string>> = {
  en: {
    draft: 'Draft',
    pending_approval: 'Awaiting discount approval',
    approved: 'Approved',
    sent: 'Sent',
    accepted: 'Accepted',
    rejected: 'Rejected',
    superseded: 'Superseded',
    expired: 'Expired',
  },
  'zh-CN': {
    draft: '草稿',
    pending_approval: '折扣审批中',
    approved: '已审批',
    sent: '已发送',
    accepted: '已接受',
    rejected: '已拒绝',
    superseded: '已被新版本取代',
    expired: '已过期',
  },
};

/** Escapes text for HTML content and attribute values: every value printed passes here. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** "1234567.89" → "1,234,567.89" (exact: from the integer minor units, never a float). */
function amount(minor: number, quote: Quote): string {
  const [whole = '0', fraction] = formatMinor(minor, quote.currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Basis points as a percentage: 1250 → "12.5%". */
function percent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

/**
 * A self-contained printable HTML page of one quote revision (no scripts, no external
 * resources: the CSP allows inline styles only; the browser's print turns it into paper or
 * PDF). Every value from the database is escaped.
 */
export function renderQuoteHtml(quote: Quote, context: QuotePrintContext): string {
  const l = labels[context.locale];
  const e = escapeHtml;
  const money = (minor: number): string => e(amount(minor, quote));
  const rows = quote.lines
    .map(
      (line) => `<tr>
<td>${e(line.name)}</td>
<td class="num">${line.quantity}</td>
<td class="num">${money(line.unitPriceMinor)}</td>
<td class="num">${line.discountBp > 0 ? e(percent(line.discountBp)) : ''}</td>
<td class="num">${money(line.netMinor)}</td>
<td class="num">${e(percent(line.taxRateBp))}</td>
<td class="num">${money(line.taxMinor)}</td>
<td class="num">${money(line.totalMinor)}</td>
</tr>`,
    )
    .join('\n');
  const overall =
    quote.overallDiscountBp > 0
      ? `<tr><th>${l.overallDiscount} (${e(percent(quote.overallDiscountBp))})</th><td class="num">−${money(quote.overallDiscountMinor)}</td></tr>`
      : '';
  const lineDiscounts =
    quote.lineDiscountMinor > 0
      ? `<tr><th>${l.lineDiscounts}</th><td class="num">−${money(quote.lineDiscountMinor)}</td></tr>`
      : '';
  return `<!doctype html>
<html lang="${context.locale}">
<head>
<meta charset="utf-8">
<title>${l.title} ${e(quote.number)} r${quote.revision} — ${e(context.tenantName)}</title>
<style>
  body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f1f1f; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #1f1f1f; padding-bottom: 1rem; }
  h1 { margin: 0; font-size: 1.6rem; }
  .tenant { font-size: 1.2rem; font-weight: 600; }
  dl { display: grid; grid-template-columns: max-content auto; gap: .25rem 1rem; margin: 1rem 0; }
  dt { color: #595959; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; margin-top: 1rem; }
  th, td { padding: .4rem .5rem; border-bottom: 1px solid #d9d9d9; text-align: left; }
  thead th { background: #fafafa; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .totals { width: auto; margin-left: auto; min-width: 20rem; }
  .totals th { font-weight: normal; color: #595959; }
  .grand th, .grand td { font-weight: 700; color: #1f1f1f; border-top: 2px solid #1f1f1f; }
  .notes { margin-top: 2rem; white-space: pre-wrap; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10.5pt; }
    thead { display: table-header-group; }
    tr { page-break-inside: avoid; }
    @page { size: A4; margin: 15mm; }
  }
</style>
</head>
<body>
<header>
  <div><div class="tenant">${e(context.tenantName)}</div><h1>${l.title}</h1></div>
  <dl>
    <dt>${l.number}</dt><dd data-field="number">${e(quote.number)}</dd>
    <dt>${l.revision}</dt><dd>${quote.revision}</dd>
    <dt>${l.date}</dt><dd>${e((quote.sentAt ?? quote.createdAt).slice(0, 10))}</dd>
    <dt>${l.validUntil}</dt><dd>${e(quote.validUntil ?? l.noExpiry)}</dd>
    <dt>${l.status}</dt><dd>${e(statusLabels[context.locale][quote.status])}</dd>
  </dl>
</header>
<dl>
  <dt>${l.customer}</dt><dd data-field="customer">${e(context.customerName)}</dd>
  <dt>${l.deal}</dt><dd>${e(context.dealName)}</dd>
  <dt>${l.currency}</dt><dd>${e(quote.currency)}</dd>
</dl>
<table>
<thead><tr><th>${l.item}</th><th class="num">${l.quantity}</th><th class="num">${l.unitPrice}</th><th class="num">${l.discount}</th><th class="num">${l.net}</th><th class="num">${l.taxRate}</th><th class="num">${l.tax}</th><th class="num">${l.total}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<table class="totals">
<tr><th>${l.subtotal}</th><td class="num">${money(quote.subtotalMinor)}</td></tr>
${lineDiscounts}
${overall}
<tr><th>${l.netTotal}</th><td class="num">${money(quote.netMinor)}</td></tr>
<tr><th>${l.tax}</th><td class="num">${money(quote.taxMinor)}</td></tr>
<tr class="grand"><th>${l.grandTotal} (${e(quote.currency)})</th><td class="num" data-field="total">${money(quote.totalMinor)}</td></tr>
</table>
${quote.notes ? `<section class="notes"><h2>${l.notes}</h2><p>${e(quote.notes)}</p></section>` : ''}
</body>
</html>
`;
}
