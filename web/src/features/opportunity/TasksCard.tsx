import { Button, Checkbox, DatePicker, Form, Input, List, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session-context';
import { DateText } from '../../components/DateText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { tenantDateAt } from '../../lib/tenant-day';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

type Task = components['schemas']['Task'];
/** A task due "on a day" is due by the end of the working day there. */
const DUE_HOUR = 18;

/** The deal's open tasks: add one, tick one off. */
export function TasksCard({ dealId }: { readonly dealId: string }) {
  const t = useT(opportunityMessages);
  const { tenant } = useSession();
  const [form] = Form.useForm<{ title: string; due: Dayjs | null }>();
  const query = { opportunityId: dealId, status: 'open', sort: 'dueAt', limit: 100 } as const;
  const tasks = useApiQuery(['tasks', query], () =>
    api.GET('/api/v1/tasks', { params: { query } }),
  );
  const add = useApiMutation(
    (values: { title: string; due: Dayjs | null }) =>
      api.POST('/api/v1/tasks', {
        body: {
          opportunityId: dealId,
          title: values.title.trim(),
          dueAt: values.due
            ? tenantDateAt(values.due.format('YYYY-MM-DD'), DUE_HOUR, tenant.timeZone).toISOString()
            : null,
        },
      }),
    { invalidates: [['tasks']], onSuccess: () => form.resetFields() },
  );
  const complete = useApiMutation(
    (task: Task) =>
      api.PATCH('/api/v1/tasks/{id}', {
        params: { path: { id: task.id } },
        body: { version: task.version, status: 'done' },
      }),
    { invalidates: [['tasks']] },
  );
  return (
    <SectionCard title={t('task.title')} testId="tasks">
      <Form
        form={form}
        layout="inline"
        onFinish={(values) => add.mutate(values)}
        id="new-task"
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item
          name="title"
          label={t('task.new')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="due" label={t('task.due')}>
          <DatePicker />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t('task.add')}
          </Button>
        </Form.Item>
      </Form>
      <ProblemAlert problem={add.error ?? complete.error} />
      <QueryState
        query={tasks}
        rows={3}
        isEmpty={(page) => page.items.length === 0}
        empty={t('task.empty')}
      >
        {(page) => (
          <List
            size="small"
            dataSource={page.items}
            renderItem={(task) => (
              <List.Item data-task={task.id}>
                <Checkbox
                  checked={false}
                  disabled={complete.isPending && complete.variables.id === task.id}
                  onChange={() => complete.mutate(task)}
                  aria-label={t('task.complete', { title: task.title })}
                >
                  {task.title}
                </Checkbox>
                {task.dueAt ? (
                  <Typography.Text type="secondary">
                    <DateText value={task.dueAt} style="dateTime" />
                  </Typography.Text>
                ) : null}
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}
