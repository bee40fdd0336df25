import { List, Progress, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { dealKey } from './data';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

const TOP_FACTORS = 3;

/** The learned win probability next to the stage's, and the factors that moved it most. */
export function WinProbabilityCard({ dealId }: { readonly dealId: string }) {
  const t = useT(opportunityMessages);
  const win = useApiQuery([...dealKey(dealId), 'win-probability'], () =>
    api.GET('/api/v1/opportunities/{id}/win-probability', { params: { path: { id: dealId } } }),
  );
  return (
    <SectionCard title={t('win.title')} testId="win-probability">
      <QueryState query={win} rows={3}>
        {(w) =>
          w.probabilityBp === null ? (
            <Typography.Text type="secondary">
              {t('win.unscored', { stage: w.stageProbability ?? 0 })}
            </Typography.Text>
          ) : (
            <>
              <Progress
                percent={Math.round(w.probabilityBp / 100)}
                aria-label={t('win.title')}
                format={() =>
                  t('win.value', {
                    value: Math.round(w.probabilityBp ?? 0) / 100,
                    stage: w.stageProbability ?? 0,
                  })
                }
              />
              {w.factors.length > 0 ? (
                <>
                  <Typography.Text strong>{t('win.factors')}</Typography.Text>
                  <List
                    size="small"
                    dataSource={w.factors.slice(0, TOP_FACTORS)}
                    renderItem={(factor) => (
                      <List.Item data-factor={factor.feature}>
                        <Tag color={factor.direction === 'raises' ? 'green' : 'red'}>
                          {t(factor.direction === 'raises' ? 'win.raises' : 'win.lowers')}
                        </Tag>
                        {factor.message}
                      </List.Item>
                    )}
                  />
                </>
              ) : null}
            </>
          )
        }
      </QueryState>
    </SectionCard>
  );
}
