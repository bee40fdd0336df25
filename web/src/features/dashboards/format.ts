import { useMemo } from 'react';
import { formatMoney, formatNumber } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';

export interface Formatters {
  /** Minor units of the report's currency. */
  money(amountMinor: number | null): string;
  count(value: number | null): string;
  /** A share 0–1 as a percentage with at most one decimal; "—" when undefined. */
  percent(share: number | null): string;
  /** Percentage points of a share difference, signed. */
  points(share: number | null): string;
  /** Seconds as days with one decimal. */
  days(seconds: number | null): string;
}

const DASH = '—';

/** Number formats of the UI language for one report currency. */
export function useFormatters(currency: string): Formatters {
  const { locale } = useLocale();
  return useMemo(() => {
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const points = new Intl.NumberFormat(locale, {
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    const days = new Intl.NumberFormat(locale, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    return {
      money: (v) => (v === null ? DASH : formatMoney(locale, { amountMinor: v, currency })),
      count: (v) => (v === null ? DASH : formatNumber(locale, v)),
      percent: (v) => (v === null ? DASH : percent.format(v)),
      points: (v) => (v === null ? DASH : `${points.format(v * 100)} pp`),
      days: (v) => (v === null ? DASH : days.format(v / 86_400)),
    };
  }, [locale, currency]);
}
