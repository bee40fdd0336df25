import { Col, Row, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import {
  AccountActivities,
  AccountContacts,
  AccountOpportunities,
  Subsidiaries,
} from './AccountRelated';
import { AccountDetailsForm } from './AccountDetailsForm';
import { accountMessages } from './messages';
import { OwnershipCard } from './OwnershipCard';
import { CustomerValueCard } from '../lifecycle/CustomerValueCard';

/** One account at a glance: its details (editable), deals, contacts, activities and owner. */
export function Account360() {
  const t = useT(accountMessages);
  const { accountId = '' } = useParams();
  const account = useApiQuery(['accounts', accountId], () =>
    api.GET('/api/v1/accounts/{id}', { params: { path: { id: accountId } } }),
  );
  return (
    <QueryState query={account} rows={12}>
      {(a) => (
        <div data-testid="account-360" data-account={a.id}>
          <PageHeader
            title={a.name}
            subtitle={
              <Space wrap size="small">
                <Link to="/accounts">{t('back')}</Link>
                {a.industry ? <Tag>{a.industry}</Tag> : null}
                {a.region ? <Tag>{a.region}</Tag> : null}
                {a.valueTier ? <Tag color="gold">{t(`valueTier.${a.valueTier}`)}</Tag> : null}
              </Space>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <AccountDetailsForm key={a.id} account={a} />
              <AccountOpportunities accountId={a.id} />
              <AccountContacts accountId={a.id} />
            </Col>
            <Col xs={24} xl={10}>
              <CustomerValueCard accountId={a.id} />
              <OwnershipCard account={a} />
              <Subsidiaries accountId={a.id} />
              <AccountActivities accountId={a.id} />
            </Col>
          </Row>
        </div>
      )}
    </QueryState>
  );
}
