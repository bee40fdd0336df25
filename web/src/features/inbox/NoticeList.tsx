import { Badge, Button, Flex, List, Segmented, Typography, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { DateText } from '../../components/DateText';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { recordHref } from './links';
import { inboxMessages } from './messages';

const PAGE_SIZE = 50;

/** The user's notices, unread first by default, each marked read on its own or all at once. */
export function NoticeList() {
  const t = useT(inboxMessages);
  const [filter, setFilter] = useState<'unread' | 'all'>('unread');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [toast, toastHolder] = message.useMessage();
  const query = { ...(filter === 'unread' ? { unread: 'true' as const } : {}), limit };
  const notices = useApiQuery(['notifications', 'inbox', query], () =>
    api.GET('/api/v1/notifications', { params: { query } }),
  );
  const readOne = useApiMutation(
    (id: string) => api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }),
    { invalidates: [['notifications']] },
  );
  const readAll = useApiMutation(() => api.POST('/api/v1/notifications/read-all'), {
    invalidates: [['notifications']],
    onSuccess: (result) => void toast.success(t('read.done', { count: result.marked })),
  });

  return (
    <section aria-label={t('title')} data-testid="inbox-list">
      {toastHolder}
      <Flex justify="space-between" align="center" wrap gap="small" style={{ marginBottom: 12 }}>
        <Segmented
          aria-label={t('filter.label')}
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setLimit(PAGE_SIZE);
          }}
          options={[
            { value: 'unread' as const, label: t('filter.unread') },
            { value: 'all' as const, label: t('filter.all') },
          ]}
        />
        <Button
          onClick={() => readAll.mutate(undefined)}
          loading={readAll.isPending}
          disabled={(notices.data?.unread ?? 0) === 0}
          data-testid="read-all"
        >
          {t('read.all')}
        </Button>
      </Flex>
      <QueryState query={notices} isEmpty={(page) => page.items.length === 0} empty={t('empty')}>
        {(page) => (
          <>
            <List
              dataSource={page.items}
              renderItem={(item) => (
                <List.Item
                  data-notification={item.id}
                  data-kind={item.kind}
                  actions={[
                    <Link key="open" to={recordHref(item.subjectType, item.subjectId)}>
                      {t('open')}
                    </Link>,
                    ...(item.readAt === null
                      ? [
                          <Button
                            key="read"
                            type="link"
                            size="small"
                            onClick={() => readOne.mutate(item.id)}
                            data-testid="read-one"
                          >
                            {t('read.one')}
                          </Button>,
                        ]
                      : []),
                  ]}
                >
                  <List.Item.Meta
                    avatar={
                      item.readAt === null ? (
                        <Badge status="processing" title={t('unread')} />
                      ) : (
                        <Badge status="default" />
                      )
                    }
                    title={
                      <Typography.Text strong={item.readAt === null}>
                        {item.message}
                      </Typography.Text>
                    }
                    description={<DateText value={item.createdAt} style="dateTime" />}
                  />
                </List.Item>
              )}
            />
            {page.nextCursor ? (
              <Button
                block
                onClick={() => setLimit((current) => Math.min(current + PAGE_SIZE, 200))}
                disabled={limit >= 200}
              >
                {t('more')}
              </Button>
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
