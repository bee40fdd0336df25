import { Alert, Col, Progress, Row, Steps, Typography } from 'antd';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { QueryState } from '../../components/QueryState';
import { useLocalName, useT } from '../../i18n/locale-context';
import type { Opportunity, Pipeline } from './data';
import { dealKey, ordered } from './data';
import { KeyActions } from './KeyActions';
import { Materials } from './Materials';
import { opportunityMessages } from './messages';
import { SectionCard } from '../../components/SectionCard';

/**
 * The stage path across the top, and under it what the server says about the current stage:
 * its guidance, key actions, materials, and what the next gate still needs (the same gate
 * function the move runs, so the preview and the move agree).
 */
export function StagePath({
  deal,
  pipeline,
}: {
  readonly deal: Opportunity;
  readonly pipeline: Pipeline;
}) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const stages = ordered(pipeline);
  const closing = stages.find((s) => s.kind === (deal.status === 'lost' ? 'lost' : 'won'));
  const path = [...stages.filter((s) => s.kind === 'open'), ...(closing ? [closing] : [])];
  const current = path.findIndex((s) => s.id === deal.stageId);
  return (
    <SectionCard title={t('path.title')} testId="stage-path">
      <Steps
        size="small"
        current={current}
        status={deal.status === 'lost' ? 'error' : deal.status === 'won' ? 'finish' : 'process'}
        items={path.map((stage) => ({
          title: <span data-stage={stage.id}>{localName(stage)}</span>,
          content: `${stage.probability}%`,
        }))}
        style={{ marginBottom: 16, overflowX: 'auto', paddingBottom: 4 }}
      />
      {deal.status === 'open' ? (
        <Guidance dealId={deal.id} pipeline={pipeline} />
      ) : (
        <Alert type="info" showIcon title={t('path.closed')} />
      )}
    </SectionCard>
  );
}

function Guidance({ dealId, pipeline }: { readonly dealId: string; readonly pipeline: Pipeline }) {
  const t = useT(opportunityMessages);
  const localName = useLocalName();
  const guidance = useApiQuery([...dealKey(dealId), 'guidance'], () =>
    api.GET('/api/v1/opportunities/{id}/guidance', { params: { path: { id: dealId } } }),
  );
  return (
    <QueryState query={guidance} rows={8}>
      {(g) => {
        const next = g.next ? pipeline.stages.find((s) => s.id === g.next?.stage.id) : undefined;
        return (
          <Row gutter={[24, 16]} data-testid="guidance" data-stage={g.stage.id}>
            <Col xs={24} lg={12}>
              <Typography.Title level={3} style={{ fontSize: 15 }}>
                {t('path.guidance')} · {localName(g.stage)}
              </Typography.Title>
              <Typography.Paragraph>
                {g.stage.guidance ?? t('path.noGuidance')}
              </Typography.Paragraph>
              <KeyActions dealId={dealId} actions={g.actions} />
              <Materials dealId={dealId} materials={g.materials} />
            </Col>
            <Col xs={24} lg={12}>
              {g.next ? (
                <section data-testid="next-gate" aria-labelledby="next-gate-title">
                  <Typography.Title level={3} style={{ fontSize: 15 }} id="next-gate-title">
                    {t('path.nextGate', { stage: localName(g.next.stage) })}
                  </Typography.Title>
                  {g.next.unmet.length === 0 ? (
                    <Alert type="success" showIcon title={t('path.gateMet')} />
                  ) : (
                    <ul className="pw-unmet">
                      {g.next.unmet.map((issue, index) => (
                        <li key={`${issue.path}-${index}`} data-code={issue.code}>
                          {issue.message}
                        </li>
                      ))}
                    </ul>
                  )}
                  {g.next.needsApproval ? (
                    <Typography.Paragraph type="secondary">
                      {t('path.needsApproval', { stage: localName(g.next.stage) })}
                    </Typography.Paragraph>
                  ) : null}
                  {next?.guidance ? (
                    <Typography.Paragraph type="secondary">
                      {t('path.nextStage', { stage: localName(next) })}: {next.guidance}
                    </Typography.Paragraph>
                  ) : null}
                </section>
              ) : null}
              {g.pendingApproval ? (
                <Alert type="warning" showIcon title={t('path.pendingApproval')} />
              ) : null}
              <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
                {t('path.completeness')}
              </Typography.Title>
              <Progress percent={g.completeness.score} aria-label={t('path.completeness')} />
              {g.completeness.missingText.length > 0 ? (
                <ul className="pw-unmet">
                  {g.completeness.missingText.map((issue, index) => (
                    <li key={`${issue.path}-${index}`}>{issue.message}</li>
                  ))}
                </ul>
              ) : null}
            </Col>
          </Row>
        );
      }}
    </QueryState>
  );
}
