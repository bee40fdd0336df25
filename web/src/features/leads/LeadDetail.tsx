import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { usePoolNames, useUserNames } from '../pools/directory';
import { OwnershipHistoryCard } from '../pools/OwnershipHistoryCard';
import { BantCard } from './BantCard';
import { ConvertCard } from './ConvertCard';
import { STATUS_COLOURS } from './labels';
import type { Lead } from './labels';
import { leadMessages } from './messages';
import { ScoreCard } from './ScoreCard';
import { StatusActions } from './StatusActions';

/** One lead: profile, score explained, BANT, qualification, conversion, ownership history. */
export function LeadDetail() {
  const { id = '' } = useParams();
  const t = useT(leadMessages);
  const lead = useApiQuery(['leads', 'one', id], () =>
    api.GET('/api/v1/leads/{id}', { params: { path: { id } } }),
  );
  return (
    <>
      <Link to="/leads" className="pw-back">
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <QueryState query={lead} rows={12}>
        {(data) => <LeadView lead={data} />}
      </QueryState>
    </>
  );
}

function LeadView({ lead }: { readonly lead: Lead }) {
  const t = useT(leadMessages);
  const userName = useUserNames();
  const poolName = usePoolNames();
  const none = t('detail.none');
  return (
    <>
      <PageHeader
        title={lead.name}
        subtitle={lead.company ?? undefined}
        extra={
          <Tag color={STATUS_COLOURS[lead.status]} data-testid="lead-status">
            {t(`status.${lead.status}`)}
          </Tag>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="pw-card-title">{t('detail.profile')}</h2>}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'company', label: t('detail.company'), children: lead.company ?? none },
                { key: 'title', label: t('detail.title'), children: lead.title ?? none },
                { key: 'email', label: t('detail.email'), children: lead.email ?? none },
                { key: 'phone', label: t('detail.phone'), children: lead.phone ?? none },
                { key: 'industry', label: t('detail.industry'), children: lead.industry ?? none },
                { key: 'region', label: t('detail.region'), children: lead.region ?? none },
                { key: 'source', label: t('col.source'), children: t(`source.${lead.source}`) },
                { key: 'campaign', label: t('detail.campaign'), children: lead.campaign ?? none },
                {
                  key: 'owner',
                  label: t('detail.owner'),
                  children: lead.ownerId ? userName(lead.ownerId) : none,
                },
                {
                  key: 'pool',
                  label: t('detail.pool'),
                  children: lead.poolId ? poolName(lead.poolId) : none,
                },
                {
                  key: 'lifecycle',
                  label: t('detail.lifecycle'),
                  children: t(`lifecycle.${lead.lifecycle}`),
                },
                ...(lead.disqualifyReason
                  ? [
                      {
                        key: 'reason',
                        label: t('detail.disqualifyReason'),
                        children: lead.disqualifyReason,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <ScoreCard leadId={lead.id} />
        </Col>
        <Col xs={24} lg={14}>
          <BantCard lead={lead} />
        </Col>
        <Col xs={24} lg={10}>
          <StatusActions lead={lead} />
        </Col>
        <Col xs={24}>
          <ConvertCard lead={lead} />
        </Col>
        <Col xs={24}>
          <OwnershipHistoryCard kind="leads" id={lead.id} />
        </Col>
      </Row>
    </>
  );
}
