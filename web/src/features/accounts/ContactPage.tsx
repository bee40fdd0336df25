import { Card, Col, Descriptions, Row, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/query';
import { DateText } from '../../components/DateText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import { ContactTable } from './AccountRelated';
import { accountMessages } from './messages';
import { useDirectory } from './names';

/** A person at a customer: role in the decision chain, attitude, reporting line, account. */
export function ContactPage() {
  const t = useT(accountMessages);
  const names = useDirectory();
  const { contactId = '' } = useParams();
  const contact = useApiQuery(['contacts', contactId], () =>
    api.GET('/api/v1/contacts/{id}', { params: { path: { id: contactId } } }),
  );
  const accountId = contact.data?.accountId ?? '';
  const account = useApiQuery(
    ['accounts', accountId],
    () => api.GET('/api/v1/accounts/{id}', { params: { path: { id: accountId } } }),
    { enabled: accountId !== '' },
  );
  const colleagues = useApiQuery(
    ['contacts', 'account', accountId],
    () =>
      api.GET('/api/v1/contacts', { params: { query: { accountId, limit: 200, sort: 'name' } } }),
    { enabled: accountId !== '' },
  );
  const all = colleagues.data?.items ?? [];
  return (
    <QueryState query={contact} rows={10}>
      {(c) => {
        const boss = c.reportsToId ? all.find((x) => x.id === c.reportsToId) : undefined;
        const reports = all.filter((x) => x.reportsToId === c.id);
        return (
          <div data-testid="contact-page" data-contact={c.id}>
            <PageHeader
              title={c.name}
              subtitle={
                <Space wrap>
                  {c.title ?? ''}
                  <Link to={`/accounts/${c.accountId}`}>{account.data?.name ?? t('account')}</Link>
                </Space>
              }
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('details')}</h2>}>
                  <Descriptions size="small" column={1} bordered>
                    <Descriptions.Item label={t('account')}>
                      <Link to={`/accounts/${c.accountId}`}>{account.data?.name ?? '…'}</Link>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('contactTitle')}>
                      {c.title ?? '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('department')}>
                      {c.department ?? '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('decisionRole')}>
                      <span data-testid="contact-role">
                        {c.decisionRole ? t(`role.${c.decisionRole}`) : t('noRole')}
                      </span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('attitude')}>
                      <span data-testid="contact-attitude">{t(`attitude.${c.attitude}`)}</span>
                    </Descriptions.Item>
                    {c.reportsToId ? (
                      <Descriptions.Item label={t('reportsTo')}>
                        {boss ? <Link to={`/accounts/contacts/${boss.id}`}>{boss.name}</Link> : '…'}
                      </Descriptions.Item>
                    ) : null}
                    <Descriptions.Item label={t('phone')}>{c.phone ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('email')}>{c.email ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('owner')}>
                      {names.user(c.ownerId)}
                    </Descriptions.Item>
                    {c.silenceUntil ? (
                      <Descriptions.Item label={t('silenceUntil')}>
                        <DateText value={c.silenceUntil} style="dateTime" />
                      </Descriptions.Item>
                    ) : null}
                    {c.notes ? (
                      <Descriptions.Item label={t('notes')}>{c.notes}</Descriptions.Item>
                    ) : null}
                  </Descriptions>
                </Card>
              </Col>
              {reports.length > 0 ? (
                <Col xs={24} lg={12}>
                  <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports')}</h2>}>
                    <ContactTable contacts={reports} all={all} />
                  </Card>
                </Col>
              ) : null}
            </Row>
          </div>
        );
      }}
    </QueryState>
  );
}
