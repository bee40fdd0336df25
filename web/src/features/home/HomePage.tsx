import { useSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-context';
import { homeMessages } from './messages';
import { RepToday } from './RepToday';
import { TeamPipeline } from './TeamPipeline';

/** Managers and admins see their team's pipeline; everyone sees their own day. */
export default function HomePage() {
  const t = useT(homeMessages);
  const { locale } = useLocale();
  const { user, tenant } = useSession();
  const leads = user.role === 'manager' || user.role === 'admin';
  const date = formatDate(locale, new Date().toISOString(), tenant.timeZone, 'date');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('today', { date })} />
      {leads ? <TeamPipeline /> : null}
      <RepToday />
    </>
  );
}
