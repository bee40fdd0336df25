import { Button, DatePicker, Form, Input, Select, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/query';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session-context';
import { DateText } from '../../components/DateText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { tenantDateAt } from '../../lib/tenant-day';
import { dealKey, useDealActivities } from './data';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

type ActivityType = components['schemas']['Activity']['type'];
const QUICK_TYPES = ['call', 'visit', 'meeting'] as const satisfies readonly ActivityType[];
/** A follow-up picked as a day is due at this hour of it, in the tenant's time zone. */
const FOLLOW_UP_HOUR = 9;

interface QuickLog {
  type: ActivityType;
  subject: string;
  followUp: Dayjs | null;
}

/** What happened on the deal, newest first, and a one-line form to log the next thing. */
export function ActivityTimeline({ dealId }: { readonly dealId: string }) {
  const t = useT(opportunityMessages);
  const { tenant } = useSession();
  const activities = useDealActivities(dealId);
  const [form] = Form.useForm<QuickLog>();
  const log = useApiMutation(
    (values: QuickLog) =>
      api.POST('/api/v1/activities', {
        body: {
          opportunityId: dealId,
          type: values.type,
          subject: values.subject.trim(),
          nextFollowUpAt: values.followUp
            ? tenantDateAt(
                values.followUp.format('YYYY-MM-DD'),
                FOLLOW_UP_HOUR,
                tenant.timeZone,
              ).toISOString()
            : null,
        },
      }),
    {
      // The deal's follow-up deadline, stall flags and win odds all read its activities.
      invalidates: [['activities'], dealKey(dealId)],
      onSuccess: () => form.resetFields(),
    },
  );
  return (
    <SectionCard title={t('activity.title')} testId="activities">
      <Form<QuickLog>
        form={form}
        layout="inline"
        initialValues={{ type: 'call', subject: '', followUp: null }}
        onFinish={(values) => log.mutate(values)}
        id="quick-log"
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="type" label={t('activity.type')}>
          <Select
            style={{ width: 110 }}
            options={QUICK_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('activity.subject')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="followUp" label={t('activity.followUp')}>
          <DatePicker />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={log.isPending}>
            {t('activity.log')}
          </Button>
        </Form.Item>
      </Form>
      <ProblemAlert problem={log.error} />
      <QueryState
        query={activities}
        rows={5}
        isEmpty={(page) => page.items.length === 0}
        empty={t('activity.empty')}
      >
        {(page) => (
          <Timeline
            data-testid="timeline"
            items={page.items.map((activity) => ({
              key: activity.id,
              title: <DateText value={activity.occurredAt} style="dateTime" />,
              content: (
                <div data-activity={activity.id}>
                  <Tag>{t(`type.${activity.type}`)}</Tag>
                  <Typography.Text className="pw-activity-subject">
                    {activity.subject}
                  </Typography.Text>
                  {activity.nextFollowUpAt ? (
                    <div>
                      <Typography.Text type="secondary">
                        {t('activity.followUp')}:{' '}
                        <DateText value={activity.nextFollowUpAt} style="dateTime" />
                      </Typography.Text>
                    </div>
                  ) : null}
                </div>
              ),
            }))}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}
