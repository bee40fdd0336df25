import { Button, Descriptions, Form, Input, Rate, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import { DateText } from '../../components/DateText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import { dealKey } from './data';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

interface Values {
  scores: Record<string, number>;
  notes: string;
}

/** The pipeline's scorecard: the latest evaluation, and a form to score each dimension 0–5. */
export function ScorecardCard({
  dealId,
  open,
}: {
  readonly dealId: string;
  readonly open: boolean;
}) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  const history = useApiQuery([...dealKey(dealId), 'evaluations'], () =>
    api.GET('/api/v1/opportunities/{id}/evaluations', { params: { path: { id: dealId } } }),
  );
  const evaluate = useApiMutation(
    (values: Values) =>
      api.POST('/api/v1/opportunities/{id}/evaluations', {
        params: { path: { id: dealId } },
        body: { scores: values.scores, notes: values.notes.trim() || null },
      }),
    { invalidates: [dealKey(dealId)], onSuccess: () => setEditing(false) },
  );
  return (
    <SectionCard
      title={t('score.title')}
      testId="scorecard"
      extra={
        open && !editing ? (
          <Button
            onClick={() => {
              const latest = history.data?.evaluations[0];
              form.setFieldsValue({ scores: { ...(latest?.scores ?? {}) }, notes: '' });
              setEditing(true);
            }}
          >
            {t('score.evaluate')}
          </Button>
        ) : null
      }
    >
      <QueryState query={history} rows={4}>
        {({ scorecard, evaluations }) => {
          const latest = evaluations[0];
          if (editing) {
            return (
              <Form
                form={form}
                layout="horizontal"
                onFinish={(v) => evaluate.mutate(v)}
                id="evaluate"
              >
                <ProblemAlert problem={evaluate.error} />
                {scorecard.dimensions.map((dimension) => (
                  <Form.Item
                    key={dimension.key}
                    name={['scores', dimension.key]}
                    label={`${localName(dimension)} (${t('score.weight', { weight: dimension.weight })})`}
                    initialValue={0}
                  >
                    <Rate count={5} allowClear />
                  </Form.Item>
                ))}
                <Form.Item name="notes" label={t('score.notes')} initialValue="">
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={evaluate.isPending}>
                  {t('score.save')}
                </Button>{' '}
                <Button onClick={() => setEditing(false)}>{t('details.cancel')}</Button>
              </Form>
            );
          }
          if (!latest) return <Typography.Text type="secondary">{t('score.none')}</Typography.Text>;
          return (
            <>
              <Typography.Paragraph strong data-testid="latest-score">
                {t('score.latest', { score: latest.weightedScore })} ·{' '}
                <DateText value={latest.createdAt} />
              </Typography.Paragraph>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, md: 2, lg: 3 }}
                items={scorecard.dimensions.map((dimension) => ({
                  key: dimension.key,
                  label: localName(dimension),
                  children: `${latest.scores[dimension.key] ?? 0} / 5`,
                }))}
              />
            </>
          );
        }}
      </QueryState>
    </SectionCard>
  );
}
