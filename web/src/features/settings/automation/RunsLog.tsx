import { Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiQuery } from '../../../api/query';
import type { components } from '../../../api/schema';
import { DateText } from '../../../components/DateText';
import { QueryState } from '../../../components/QueryState';
import { SectionCard } from '../../../components/SectionCard';
import { useT } from '../../../i18n/locale-context';
import { automationMessages } from './messages';

type Run = components['schemas']['AutomationRun'];
type Rule = components['schemas']['AutomationRule'];
type Outcome = Run['outcome'];

const colors: Record<Outcome, string> = { applied: 'green', skipped: 'default', failed: 'red' };

/** The latest runs (every execution with its outcome), optionally of one outcome. */
export function RunsLog({ rules }: { readonly rules: readonly Rule[] }) {
  const t = useT(automationMessages);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const runs = useApiQuery(['automation-runs', outcome ?? 'all'], () =>
    api.GET('/api/v1/automation/runs', {
      params: { query: { limit: 50, ...(outcome ? { outcome } : {}) } },
    }),
  );
  const names = new Map(rules.map((rule) => [rule.id, rule.name]));
  const columns: TableColumnsType<Run> = [
    {
      title: t('runs.when'),
      key: 'when',
      render: (_, run) => <DateText value={run.createdAt} style="dateTime" />,
    },
    { title: t('runs.rule'), key: 'rule', render: (_, run) => names.get(run.ruleId) ?? run.ruleId },
    { title: t('runs.event'), key: 'event', render: (_, run) => t(`trigger.${run.eventType}`) },
    {
      title: t('runs.outcome'),
      key: 'outcome',
      render: (_, run) => <Tag color={colors[run.outcome]}>{t(`outcome.${run.outcome}`)}</Tag>,
    },
    { title: t('runs.reason'), key: 'reason', render: (_, run) => run.reason ?? '' },
    {
      title: t('runs.done'),
      key: 'done',
      render: (_, run) => run.actions.map((action) => action.result).join('; '),
    },
  ];
  return (
    <SectionCard
      title={t('runs.title')}
      testId="automation-runs"
      extra={
        <Select<Outcome | 'all'>
          size="small"
          aria-label={t('runs.outcome')}
          value={outcome ?? 'all'}
          style={{ width: 140 }}
          onChange={(value) => setOutcome(value === 'all' ? undefined : value)}
          options={[
            { value: 'all', label: t('runs.all') },
            ...(['applied', 'skipped', 'failed'] as const).map((value) => ({
              value,
              label: t(`outcome.${value}`),
            })),
          ]}
        />
      }
    >
      <QueryState query={runs}>
        {(page) => (
          <Table<Run>
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={[...page.items]}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}
