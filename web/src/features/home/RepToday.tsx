import { Col, List, Row, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session-context';
import { DateText } from '../../components/DateText';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { tenantDay } from '../../lib/tenant-day';
import { homeMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

const LIST_SIZE = 10;

function DueTasks() {
  const t = useT(homeMessages);
  const { user, tenant } = useSession();
  // Computed once per mount: "today" is the tenant's calendar day.
  const day = useMemo(() => tenantDay(new Date(), tenant.timeZone), [tenant.timeZone]);
  const query = {
    status: 'open',
    assigneeId: user.id,
    dueBefore: day.end.toISOString(),
    sort: 'dueAt',
    limit: LIST_SIZE,
  } as const;
  const tasks = useApiQuery(['tasks', query], () =>
    api.GET('/api/v1/tasks', { params: { query } }),
  );
  return (
    <SectionCard fill title={t('tasks.title')} testId="due-tasks">
      <QueryState query={tasks} isEmpty={(d) => d.items.length === 0} empty={t('tasks.empty')}>
        {(page) => (
          <List
            size="small"
            dataSource={page.items}
            renderItem={(task) => (
              <List.Item data-task={task.id}>
                <List.Item.Meta
                  title={task.title}
                  description={task.dueAt ? <DateText value={task.dueAt} style="dateTime" /> : null}
                />
                {task.dueAt && new Date(task.dueAt) < day.start ? (
                  <Tag color="red">{t('tasks.overdue')}</Tag>
                ) : (
                  <Tag color="blue">{t('tasks.dueToday')}</Tag>
                )}
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}

function Notices() {
  const t = useT(homeMessages);
  const query = { unread: 'true', limit: LIST_SIZE } as const;
  const notices = useApiQuery(['notifications', query], () =>
    api.GET('/api/v1/notifications', { params: { query } }),
  );
  return (
    <SectionCard
      fill
      title={t('notifications.title')}
      testId="notifications"
      extra={<Link to="/inbox">{t('notifications.inbox')}</Link>}
    >
      <QueryState
        query={notices}
        isEmpty={(d) => d.items.length === 0}
        empty={t('notifications.empty')}
      >
        {(page) => (
          <List
            size="small"
            dataSource={page.items}
            renderItem={(item) => (
              <List.Item>
                <List.Item.Meta
                  title={item.message}
                  description={<DateText value={item.createdAt} style="dateTime" />}
                />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}

function StalledDeals() {
  const t = useT(homeMessages);
  const { user } = useSession();
  const query = { ownerId: user.id, limit: LIST_SIZE } as const;
  const stalled = useApiQuery(['opportunities', 'stalled', query], () =>
    api.GET('/api/v1/opportunities/stalled', { params: { query } }),
  );
  return (
    <SectionCard fill title={t('stalled.title')} testId="stalled-deals">
      <QueryState query={stalled} isEmpty={(d) => d.items.length === 0} empty={t('stalled.empty')}>
        {(page) => (
          <List
            size="small"
            dataSource={page.items}
            renderItem={({ opportunity, flags }) => (
              <List.Item data-opportunity={opportunity.id}>
                <List.Item.Meta
                  title={opportunity.name}
                  description={flags.map((flag) => flag.message).join(' · ')}
                />
                <Typography.Text type="secondary">
                  <Money value={opportunity.amount} /> ·{' '}
                  {t('stalled.days', { days: opportunity.daysInStage })}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}

function PoolLeads() {
  const t = useT(homeMessages);
  const pools = useApiQuery(['pools'], () => api.GET('/api/v1/pools'));
  const pool = pools.data
    ? (pools.data.items.find((p) => p.isDefault) ?? pools.data.items[0])
    : undefined;
  const query = { poolId: pool?.id ?? '', sort: '-score', limit: LIST_SIZE } as const;
  const leads = useApiQuery(
    ['leads', query],
    () => api.GET('/api/v1/leads', { params: { query } }),
    {
      enabled: pool !== undefined,
    },
  );
  return (
    <SectionCard fill title={t('pool.title', { pool: pool?.name ?? '' })} testId="pool-leads">
      <QueryState query={pools} isEmpty={(d) => d.items.length === 0} empty={t('pool.none')}>
        {() => (
          <>
            <Typography.Paragraph type="secondary" data-testid="claim-limit">
              {pool?.rules.claimLimit != null
                ? t('pool.claimLimit', { limit: pool.rules.claimLimit })
                : t('pool.noClaimLimit')}
            </Typography.Paragraph>
            <QueryState query={leads} isEmpty={(d) => d.items.length === 0} empty={t('pool.empty')}>
              {(page) => (
                <List
                  size="small"
                  dataSource={page.items}
                  renderItem={(lead) => (
                    <List.Item data-lead={lead.id}>
                      <List.Item.Meta title={lead.name} description={lead.company ?? null} />
                      <Typography.Text type="secondary">
                        {t('pool.score', { score: lead.score })}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              )}
            </QueryState>
          </>
        )}
      </QueryState>
    </SectionCard>
  );
}

/** A rep's day: what is due, what the system flagged, what is stuck, what can be claimed. */
export function RepToday() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <DueTasks />
      </Col>
      <Col xs={24} xl={12}>
        <Notices />
      </Col>
      <Col xs={24} xl={12}>
        <StalledDeals />
      </Col>
      <Col xs={24} xl={12}>
        <PoolLeads />
      </Col>
    </Row>
  );
}
