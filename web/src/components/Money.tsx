import { formatMoney } from '../i18n/format';
import type { MoneyValue } from '../i18n/format';
import { useLocale } from '../i18n/locale-context';

/** An amount from the API ({ amountMinor, currency }), formatted for the UI language. */
export function Money({ value }: { readonly value: MoneyValue }) {
  const { locale } = useLocale();
  return <span className="pw-number">{formatMoney(locale, value)}</span>;
}
