import { Alert, Button, DatePicker, Flex, Form, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { useSession } from '../../app/session-context';
import { DateText } from '../../components/DateText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { useUserNames } from './directory';
import { approvalsMessages } from './messages';

interface Values {
  readonly delegateId: string;
  readonly period: readonly [Dayjs, Dayjs];
}

/** My stand-in and the period of my leave; ending it brings my sign-offs back to me. */
export function DelegationCard() {
  const t = useT(approvalsMessages);
  const { user } = useSession();
  const { name, users } = useUserNames();
  const [saved, setSaved] = useState(false);
  const mine = useApiQuery(['approvals', 'delegation'], () =>
    api.GET('/api/v1/approvals/delegation'),
  );
  const save = useApiMutation(
    (values: Values) =>
      api.PUT('/api/v1/approvals/delegation', {
        body: {
          delegateId: values.delegateId,
          startsAt: values.period[0].toISOString(),
          endsAt: values.period[1].toISOString(),
          version: mine.data?.version ?? 0,
        },
      }),
    { invalidates: [['approvals']], onSuccess: () => setSaved(true) },
  );
  const end = useApiMutation(() => api.DELETE('/api/v1/approvals/delegation'), {
    invalidates: [['approvals']],
  });
  return (
    <SectionCard title={t('delegation.title')} testId="delegation">
      <Typography.Paragraph type="secondary">{t('delegation.intro')}</Typography.Paragraph>
      <QueryState query={mine} rows={2}>
        {({ delegation }) => (
          <>
            {delegation ? (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                <span>
                  {t('delegation.current', { name: name(delegation.delegateId) })}
                  <DateText value={delegation.startsAt} style="dateTime" /> –{' '}
                  <DateText value={delegation.endsAt} style="dateTime" />
                </span>
                <Button loading={end.isPending} onClick={() => end.mutate(undefined)}>
                  {t('delegation.end')}
                </Button>
                <ProblemAlert problem={end.error} />
              </Flex>
            ) : (
              <Typography.Paragraph>{t('delegation.none')}</Typography.Paragraph>
            )}
            <Form<Values>
              layout="vertical"
              onFinish={(values) => {
                setSaved(false);
                save.mutate(values);
              }}
              initialValues={
                delegation
                  ? {
                      delegateId: delegation.delegateId,
                      period: [dayjs(delegation.startsAt), dayjs(delegation.endsAt)],
                    }
                  : undefined
              }
            >
              <Form.Item
                name="delegateId"
                label={t('delegation.delegate')}
                rules={[{ required: true }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={users
                    .filter((candidate) => candidate.id !== user.id)
                    .map((candidate) => ({ value: candidate.id, label: candidate.name }))}
                />
              </Form.Item>
              <Form.Item name="period" label={t('delegation.period')} rules={[{ required: true }]}>
                <DatePicker.RangePicker showTime />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('delegation.save')}
              </Button>
              {saved ? (
                <Alert
                  type="success"
                  showIcon
                  title={t('delegation.saved')}
                  style={{ marginTop: 8 }}
                />
              ) : null}
              <ProblemAlert problem={save.error} />
            </Form>
          </>
        )}
      </QueryState>
    </SectionCard>
  );
}
