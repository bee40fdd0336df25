import { useSession } from '../app/session-context';
import { formatDate } from '../i18n/format';
import type { DateStyle } from '../i18n/format';
import { useLocale } from '../i18n/locale-context';

/** An instant or calendar date from the API, in the tenant's time zone, as a <time>. */
export function DateText({
  value,
  style = 'date',
}: {
  readonly value: string;
  readonly style?: DateStyle;
}) {
  const { locale } = useLocale();
  const { tenant } = useSession();
  return <time dateTime={value}>{formatDate(locale, value, tenant.timeZone, style)}</time>;
}
