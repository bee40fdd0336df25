import { Tag, Timeline, Typography } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { DateText } from '../../components/DateText';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import type { Pipeline } from './data';
import { dealKey, useCloseReasons, useUserNames } from './data';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

/** Every stage the deal was in (newest first), who moved it and why; then its close reviews. */
export function HistoryCard({
  dealId,
  pipeline,
}: {
  readonly dealId: string;
  readonly pipeline: Pipeline;
}) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const userName = useUserNames();
  const history = useApiQuery([...dealKey(dealId), 'history'], () =>
    api.GET('/api/v1/opportunities/{id}/history', { params: { path: { id: dealId } } }),
  );
  const stageName = (id: string) => {
    const stage = pipeline.stages.find((s) => s.id === id);
    return stage ? localName(stage) : id;
  };
  return (
    <SectionCard title={t('history.title')} testId="stage-history">
      <QueryState query={history} rows={4} isEmpty={(h) => h.items.length === 0}>
        {({ items }) => (
          <Timeline
            items={[...items].reverse().map((entry) => ({
              key: entry.id,
              color: entry.leftAt ? 'gray' : 'blue',
              content: (
                <div data-history={entry.id} data-stage={entry.stageId}>
                  <Typography.Text strong className="pw-history-stage">
                    {stageName(entry.stageId)}
                  </Typography.Text>{' '}
                  · <Money value={entry.amount} />
                  <div>
                    <Typography.Text type="secondary">
                      {t('history.entered')}: <DateText value={entry.enteredAt} style="dateTime" />
                      {entry.movedBy
                        ? ` · ${t('history.by', { name: userName(entry.movedBy) ?? t('common.unknownUser') })}`
                        : ''}
                    </Typography.Text>
                  </div>
                  {entry.reason ? (
                    <div className="pw-history-reason">
                      {t('history.reason', { reason: entry.reason })}
                    </div>
                  ) : null}
                </div>
              ),
            }))}
          />
        )}
      </QueryState>
      <Reviews dealId={dealId} stageName={stageName} />
    </SectionCard>
  );
}

function Reviews({
  dealId,
  stageName,
}: {
  readonly dealId: string;
  readonly stageName: (id: string) => string;
}) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const reasons = useCloseReasons();
  const reviews = useApiQuery([...dealKey(dealId), 'reviews'], () =>
    api.GET('/api/v1/opportunities/{id}/reviews', { params: { path: { id: dealId } } }),
  );
  const reasonName = (key: string) => {
    const reason = reasons.data?.find((r) => r.key === key);
    return reason ? localName(reason) : key;
  };
  if (!reviews.data || reviews.data.length === 0) return null;
  return (
    <section aria-labelledby="reviews-title" data-testid="reviews">
      <Typography.Title level={3} style={{ fontSize: 15 }} id="reviews-title">
        {t('reviews.title')}
      </Typography.Title>
      {reviews.data.map((review) => (
        <div key={review.id} data-review={review.id} style={{ marginBottom: 8 }}>
          <Tag color={review.outcome === 'won' ? 'green' : 'red'}>
            {t(`status.${review.outcome}`)}
          </Tag>
          {stageName(review.stageId)} · <DateText value={review.createdAt} />
          <div>
            {review.reasons.map((key) => (
              <Tag key={key}>{reasonName(key)}</Tag>
            ))}
            {review.competitor ? ` · ${t('close.competitor')}: ${review.competitor}` : ''}
          </div>
          {review.notes ? <Typography.Paragraph>{review.notes}</Typography.Paragraph> : null}
        </div>
      ))}
    </section>
  );
}
