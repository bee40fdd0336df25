import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/locale-context';
import type { Lead } from './labels';
import { leadMessages } from './messages';

type Conversion = components['schemas']['LeadConversion'];

interface ConvertForm {
  accountId?: string;
  accountName?: string;
  createContact: boolean;
  opportunityName?: string;
}

/**
 * Lead → account + contact + opportunity in one server transaction. A converted lead shows
 * what it became (GET /leads/{id}/conversion) with a link to the opportunity.
 */
export function ConvertCard({ lead }: { readonly lead: Lead }) {
  const t = useT(leadMessages);
  return (
    <Card title={<h2 className="pw-card-title">{t('convert.title')}</h2>} data-testid="convert">
      {lead.status === 'converted' ? (
        <ConversionResult leadId={lead.id} />
      ) : (
        <ConvertAction lead={lead} />
      )}
    </Card>
  );
}

function ConvertAction({ lead }: { readonly lead: Lead }) {
  const t = useT(leadMessages);
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [form] = Form.useForm<ConvertForm>();
  const accounts = useApiQuery(
    ['accounts', 'search', search],
    () => api.GET('/api/v1/accounts', { params: { query: { q: search, limit: 20 } } }),
    { enabled: open && search.trim().length > 0 },
  );
  // A new key per dialog: a retry of the same conversion is replayed, never a second deal.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const convert = useApiMutation(
    (values: ConvertForm) =>
      api.POST('/api/v1/leads/{id}/convert', {
        params: { path: { id: lead.id } },
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          version: lead.version,
          ...(values.accountId ? { accountId: values.accountId } : {}),
          ...(!values.accountId && values.accountName?.trim()
            ? { accountName: values.accountName.trim() }
            : {}),
          ...(values.createContact ? {} : { createContact: false }),
          ...(values.opportunityName?.trim()
            ? { opportunityName: values.opportunityName.trim() }
            : {}),
        },
      }),
    { invalidates: [['leads'], ['opportunities'], ['accounts']], onSuccess: () => setOpen(false) },
  );
  return (
    <>
      <Typography.Paragraph type="secondary">{t('convert.explain')}</Typography.Paragraph>
      <Button
        type="primary"
        disabled={lead.status === 'disqualified'}
        onClick={() => {
          convert.reset();
          setIdempotencyKey(crypto.randomUUID());
          setOpen(true);
        }}
      >
        {t('convert.open')}
      </Button>
      {open ? null : (
        <div style={{ marginTop: 12 }}>
          <ProblemAlert problem={convert.error} />
        </div>
      )}
      <Modal
        open={open}
        title={t('convert.open')}
        okText={t('convert.submit')}
        cancelText={t('convert.cancel')}
        confirmLoading={convert.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<ConvertForm>
          form={form}
          layout="vertical"
          initialValues={{ createContact: true, opportunityName: lead.company ?? lead.name }}
          onFinish={(values) => convert.mutate(values)}
        >
          <Form.Item
            name="accountName"
            label={t('convert.accountName')}
            extra={t('convert.accountNameHelp')}
          >
            <Input placeholder={lead.company ?? ''} />
          </Form.Item>
          <Form.Item name="accountId" label={t('convert.accountId')}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              allowClear
              placeholder={t('convert.accountSearch')}
              loading={accounts.isFetching}
              options={(accounts.data?.items ?? []).map((account) => ({
                value: account.id,
                label: account.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="createContact" valuePropName="checked">
            <Checkbox>{t('convert.createContact')}</Checkbox>
          </Form.Item>
          <Form.Item name="opportunityName" label={t('convert.opportunityName')}>
            <Input />
          </Form.Item>
        </Form>
        <ProblemAlert problem={convert.error} />
      </Modal>
    </>
  );
}

function ConversionResult({ leadId }: { readonly leadId: string }) {
  const t = useT(leadMessages);
  const conversion = useApiQuery(['leads', 'conversion', leadId], () =>
    api.GET('/api/v1/leads/{id}/conversion', { params: { path: { id: leadId } } }),
  );
  return (
    <QueryState query={conversion} rows={3}>
      {(result: Conversion) => {
        const how = (created: boolean) => (created ? t('convert.created') : t('convert.linked'));
        return (
          <>
            <Alert type="success" showIcon title={t('convert.done')} style={{ marginBottom: 12 }} />
            <Descriptions
              column={1}
              size="small"
              data-testid="conversion"
              items={[
                {
                  key: 'account',
                  label: t('convert.account'),
                  children: (
                    <>
                      <AccountName id={result.accountId} /> ({how(result.created.account)})
                    </>
                  ),
                },
                {
                  key: 'contact',
                  label: t('convert.contact'),
                  children: result.contactId ? (
                    <>
                      <ContactName id={result.contactId} /> ({how(result.created.contact)})
                    </>
                  ) : (
                    t('convert.noContact')
                  ),
                },
                {
                  key: 'opportunity',
                  label: t('convert.opportunity'),
                  children: (
                    <>
                      <Link
                        to={`/opportunities/${result.opportunityId}`}
                        data-testid="opportunity-link"
                      >
                        <OpportunityName id={result.opportunityId} />
                      </Link>{' '}
                      ({how(result.created.opportunity)})
                    </>
                  ),
                },
              ]}
            />
          </>
        );
      }}
    </QueryState>
  );
}

/** The names of what the conversion made; while loading (or if hidden) the short id. */
function AccountName({ id }: { readonly id: string }) {
  const account = useApiQuery(['accounts', 'one', id], () =>
    api.GET('/api/v1/accounts/{id}', { params: { path: { id } } }),
  );
  return <>{account.data?.name ?? id.slice(0, 8)}</>;
}

function ContactName({ id }: { readonly id: string }) {
  const contact = useApiQuery(['contacts', 'one', id], () =>
    api.GET('/api/v1/contacts/{id}', { params: { path: { id } } }),
  );
  return <>{contact.data?.name ?? id.slice(0, 8)}</>;
}

function OpportunityName({ id }: { readonly id: string }) {
  const opportunity = useApiQuery(['opportunities', 'one', id], () =>
    api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } }),
  );
  return <>{opportunity.data?.name ?? id.slice(0, 8)}</>;
}
