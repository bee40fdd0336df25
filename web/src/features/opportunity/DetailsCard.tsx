import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { FieldIssue } from '../../api/problem';
import { useApiMutation } from '../../api/query';
import { DateText } from '../../components/DateText';
import { Money } from '../../components/Money';
import { FormProblem } from '../../components/FormProblem';
import { useLocalName, useT } from '../../i18n/locale-context';
import { placeFieldErrors } from '../../lib/problem-fields';
import { toMajor, toMinor } from '../../i18n/format';
import type { Opportunity, Pipeline } from './data';
import { dealKey, useUserNames } from './data';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';
import { StatusTag } from './StatusTag';
import { DealLineage } from '../lifecycle/DealLineage';
import { lifecycleMessages } from '../lifecycle/messages';

interface Values {
  name: string;
  amount: number;
  expectedCloseDate: Dayjs | null;
  nextStep: string;
  nextStepDate: Dayjs | null;
  timeline: string;
  source: string;
  tags: string[];
}

const DATE = 'YYYY-MM-DD';

function valuesOf(deal: Opportunity): Values {
  return {
    name: deal.name,
    amount: toMajor(deal.amount.amountMinor, deal.amount.currency),
    expectedCloseDate: deal.expectedCloseDate ? dayjs(deal.expectedCloseDate) : null,
    nextStep: deal.nextStep ?? '',
    nextStepDate: deal.nextStepDate ? dayjs(deal.nextStepDate) : null,
    timeline: deal.timeline ?? '',
    source: deal.source ?? '',
    tags: [...deal.tags],
  };
}

/** The deal's fields, read and edited with its version; a stale edit shows the latest. */
export function DetailsCard({
  deal,
  pipeline,
}: {
  readonly deal: Opportunity;
  readonly pipeline: Pipeline;
}) {
  const t = useT(opportunityMessages);
  const lifecycle = useT(lifecycleMessages);
  const localName = useLocalName();
  const userName = useUserNames();
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const stage = pipeline.stages.find((s) => s.id === deal.stageId);
  const save = useApiMutation(
    (values: Values) =>
      api.PATCH('/api/v1/opportunities/{id}', {
        params: { path: { id: deal.id } },
        body: {
          version: deal.version,
          name: values.name,
          amount: {
            amountMinor: toMinor(values.amount, deal.amount.currency),
            currency: deal.amount.currency,
          },
          expectedCloseDate: values.expectedCloseDate?.format(DATE) ?? null,
          nextStep: values.nextStep.trim() || null,
          nextStepDate: values.nextStepDate?.format(DATE) ?? null,
          timeline: values.timeline.trim() || null,
          source: values.source.trim() || null,
          tags: values.tags,
        },
      }),
    { invalidates: [dealKey(deal.id)], onSuccess: () => setEditing(false) },
  );
  const submit = (values: Values) => {
    setConflict(false);
    save.mutate(values, {
      onError: (problem) => {
        // Someone saved in between: the deal refetches and the form starts from it again.
        if (problem.code === 'version_conflict') {
          setConflict(true);
          void queryClient.invalidateQueries({ queryKey: dealKey(deal.id) });
        }
        setUnplaced(placeFieldErrors(form, problem));
      },
    });
  };
  const edit = () => {
    form.setFieldsValue(valuesOf(deal));
    setConflict(false);
    save.reset();
    setEditing(true);
  };
  return (
    <SectionCard
      title={t('details.title')}
      testId="deal-details"
      extra={
        editing ? null : (
          <Button onClick={edit} disabled={deal.status !== 'open'}>
            {t('details.edit')}
          </Button>
        )
      }
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="version-conflict"
          style={{ marginBottom: 16 }}
          title={t('details.conflict')}
          action={
            <Button size="small" onClick={edit}>
              {t('details.reload')}
            </Button>
          }
        />
      ) : (
        <FormProblem problem={save.error} issues={unplaced} />
      )}
      {editing ? (
        <Form form={form} layout="vertical" onFinish={submit} id="deal-edit">
          <Form.Item name="name" label={t('details.name')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="amount"
            label={`${t('details.amount')} (${deal.amount.currency})`}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expectedCloseDate" label={t('details.expectedClose')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="nextStep" label={t('details.nextStep')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="nextStepDate" label={t('details.nextStepDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="timeline" label={t('details.timeline')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="source" label={t('details.source')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="tags" label={t('details.tags')}>
            <Select mode="tags" open={false} aria-label={t('details.tags')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('details.save')}
          </Button>{' '}
          <Button onClick={() => setEditing(false)}>{t('details.cancel')}</Button>
        </Form>
      ) : (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }}
          data-testid="deal-fields"
          items={[
            {
              key: 'stage',
              label: t('details.stage'),
              children: (
                <span data-testid="deal-stage" data-stage={deal.stageId}>
                  {stage ? localName(stage) : deal.stageId}
                </span>
              ),
            },
            {
              key: 'status',
              label: t('details.status'),
              children: <StatusTag status={deal.status} />,
            },
            {
              key: 'dealKind',
              label: lifecycle('dealKind'),
              children: (
                <DealLineage dealKind={deal.dealKind} originContractId={deal.originContractId} />
              ),
            },
            {
              key: 'amount',
              label: t('details.amount'),
              children: (
                <span data-testid="deal-amount" data-amount-minor={deal.amount.amountMinor}>
                  <Money value={deal.amount} />
                </span>
              ),
            },
            {
              key: 'probability',
              label: t('details.probability'),
              children: stage ? `${stage.probability}%` : '—',
            },
            {
              key: 'close',
              label: t('details.expectedClose'),
              children: deal.expectedCloseDate ? <DateText value={deal.expectedCloseDate} /> : '—',
            },
            {
              key: 'owner',
              label: t('details.owner'),
              children: userName(deal.ownerId) ?? '—',
            },
            {
              key: 'entered',
              label: t('details.daysInStage'),
              children: <DateText value={deal.stageEnteredAt} style="dateTime" />,
            },
            { key: 'nextStep', label: t('details.nextStep'), children: deal.nextStep ?? '—' },
            {
              key: 'nextStepDate',
              label: t('details.nextStepDate'),
              children: deal.nextStepDate ? <DateText value={deal.nextStepDate} /> : '—',
            },
            { key: 'timeline', label: t('details.timeline'), children: deal.timeline ?? '—' },
            { key: 'source', label: t('details.source'), children: deal.source ?? '—' },
            {
              key: 'tags',
              label: t('details.tags'),
              children: deal.tags.length > 0 ? deal.tags.join(', ') : '—',
            },
          ]}
        />
      )}
    </SectionCard>
  );
}
