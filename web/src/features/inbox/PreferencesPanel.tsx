import { Button, Checkbox, Flex, Form, Select, Switch, Table, Typography, message } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { useApiMutation, useApiQuery } from '../../api/query';
import { useSession } from '../../app/session-context';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { inboxMessages } from './messages';

type Preferences = components['schemas']['NotificationPreferences'];
type Group = keyof Preferences['channels'];

const GROUPS: readonly Group[] = ['follow_up', 'escalation', 'ownership', 'approval', 'automation'];
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Quiet hours start and end on the half hour: finer choices only make the list longer. */
const TIMES = Array.from({ length: 48 }, (_, i) => {
  const hours = String(Math.floor(i / 2)).padStart(2, '0');
  return `${hours}:${i % 2 === 0 ? '00' : '30'}`;
});
/** Zones offered besides the company's; the server accepts any IANA zone. */
const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

interface Values {
  email: Group[];
  quiet: boolean;
  start: string;
  end: string;
  days: number[];
  timeZone: string;
}

const TENANT_ZONE = '';

function toValues(preferences: Preferences): Values {
  return {
    email: GROUPS.filter((group) => preferences.channels[group].includes('email')),
    quiet: preferences.quietHours !== null,
    start: preferences.quietHours?.start ?? '21:00',
    end: preferences.quietHours?.end ?? '08:00',
    days: preferences.quietHours?.days ?? [],
    timeZone: preferences.timeZone ?? TENANT_ZONE,
  };
}

/** The user's own notification settings: e-mail per group of notices, and quiet hours. */
export function PreferencesPanel() {
  const t = useT(inboxMessages);
  const { user, tenant } = useSession();
  const [form] = Form.useForm<Values>();
  const [toast, toastHolder] = message.useMessage();
  const preferences = useApiQuery(['notification-preferences'], () =>
    api.GET('/api/v1/notification-preferences'),
  );
  const save = useApiMutation(
    (values: Values) =>
      api.PUT('/api/v1/notification-preferences', {
        body: {
          channels: Object.fromEntries(
            GROUPS.map((group) => [group, values.email.includes(group) ? ['email' as const] : []]),
          ),
          quietHours: values.quiet
            ? { start: values.start, end: values.end, days: values.days }
            : null,
          timeZone: values.timeZone === TENANT_ZONE ? null : values.timeZone,
        },
      }),
    {
      invalidates: [['notification-preferences']],
      onSuccess: () => void toast.success(t('saved')),
    },
  );
  const loaded = preferences.data;
  useEffect(() => {
    if (loaded) form.setFieldsValue(toValues(loaded));
  }, [loaded, form]);
  const quiet = Form.useWatch('quiet', form);

  return (
    <SectionCard title={t('prefs.title')} testId="notification-preferences">
      {toastHolder}
      <QueryState query={preferences}>
        {(current) => (
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={toValues(current)}
            onFinish={(values) => save.mutate(values)}
          >
            <FormProblem problem={save.error} />
            <Typography.Paragraph type="secondary">
              {t('prefs.intro', { email: user.email })}
            </Typography.Paragraph>
            <Form.Item name="email" noStyle>
              <Checkbox.Group style={{ display: 'block' }}>
                <Table<{ group: Group }>
                  size="small"
                  pagination={false}
                  rowKey="group"
                  dataSource={GROUPS.map((group) => ({ group }))}
                  columns={[
                    { title: t('prefs.group'), render: (_, row) => t(`group.${row.group}`) },
                    {
                      title: t('prefs.email'),
                      width: 100,
                      render: (_, row) => (
                        <Checkbox
                          value={row.group}
                          aria-label={`${t('prefs.email')}: ${t(`group.${row.group}`)}`}
                          data-group={row.group}
                        />
                      ),
                    },
                  ]}
                />
              </Checkbox.Group>
            </Form.Item>
            <Form.Item
              name="quiet"
              label={t('quiet.enabled')}
              valuePropName="checked"
              extra={t('quiet.help')}
              style={{ marginTop: 16 }}
            >
              <Switch data-testid="quiet-switch" />
            </Form.Item>
            {quiet ? (
              <>
                <Flex gap="middle" wrap>
                  <Form.Item name="start" label={t('quiet.start')}>
                    <Select
                      style={{ width: 120 }}
                      data-testid="quiet-start"
                      options={TIMES.map((time) => ({ value: time, label: time }))}
                    />
                  </Form.Item>
                  <Form.Item name="end" label={t('quiet.end')}>
                    <Select
                      style={{ width: 120 }}
                      data-testid="quiet-end"
                      options={TIMES.map((time) => ({ value: time, label: time }))}
                    />
                  </Form.Item>
                  <Form.Item name="timeZone" label={t('quiet.zone')}>
                    <Select
                      style={{ width: 260 }}
                      options={[
                        {
                          value: TENANT_ZONE,
                          label: t('quiet.zoneDefault', { zone: tenant.timeZone }),
                        },
                        ...ZONES.map((zone) => ({ value: zone, label: zone })),
                      ]}
                    />
                  </Form.Item>
                </Flex>
                <Form.Item name="days" label={t('quiet.days')}>
                  <Checkbox.Group
                    options={DAYS.map((day) => ({ value: day, label: t(`day.${day}`) }))}
                  />
                </Form.Item>
              </>
            ) : null}
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              data-testid="save-preferences"
            >
              {t('save')}
            </Button>
          </Form>
        )}
      </QueryState>
    </SectionCard>
  );
}
