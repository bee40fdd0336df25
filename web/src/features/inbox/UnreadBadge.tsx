import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useT } from '../../i18n/locale-context';
import { inboxMessages } from './messages';

/** How often the header asks for the unread count: new reminders arrive from the sweep. */
const REFRESH_MS = 60_000;

/** The bell in the shell's header: the unread count, refreshed every minute, opening the inbox. */
export function UnreadBadge() {
  const t = useT(inboxMessages);
  const count = useApiQuery(
    ['notifications', 'unread-count'],
    () => api.GET('/api/v1/notifications/unread-count'),
    { refetchInterval: REFRESH_MS },
  );
  const unread = count.data?.unread ?? 0;
  return (
    <Link to="/inbox" aria-label={t('badge.label', { count: unread })} data-testid="inbox-badge">
      <Badge count={unread} size="small" data-count={unread}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Link>
  );
}
