import { Card, List, Progress, Typography } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { leadMessages } from './messages';

/** The score and, rule by rule, why: the server's explanation in the UI language. */
export function ScoreCard({ leadId }: { readonly leadId: string }) {
  const t = useT(leadMessages);
  const score = useApiQuery(['leads', 'score', leadId], () =>
    api.GET('/api/v1/leads/{id}/score', { params: { path: { id: leadId } } }),
  );
  return (
    <Card title={<h2 className="pw-card-title">{t('score.title')}</h2>} data-testid="lead-score">
      <QueryState query={score} rows={4}>
        {(explained) => (
          <>
            <Progress
              percent={explained.score}
              format={() => explained.score}
              aria-label={t('score.total', { score: explained.score })}
            />
            <Typography.Paragraph type="secondary">
              {explained.scoredAt === null
                ? t('score.never')
                : explained.total !== explained.score
                  ? t('score.rawTotal', { total: explained.total })
                  : t('score.total', { score: explained.score })}
            </Typography.Paragraph>
            <List
              size="small"
              locale={{ emptyText: t('score.none') }}
              dataSource={explained.contributions}
              renderItem={(item) => <List.Item data-kind={item.kind}>{item.explanation}</List.Item>}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}
