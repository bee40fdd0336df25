import { Alert, Button, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { useT } from '../../i18n/locale-context';
import { lifecycleMessages } from './messages';

type Tenant = components['schemas']['Tenant'];

/** Settings → Renewals: how many days before a contract ends its renewal deal opens. */
export default function RenewalSettingsSection() {
  // Kept here: a save bumps the tenant's version, which remounts the form (fresh values).
  const [saved, setSaved] = useState(false);
  const tenant = useApiQuery(['tenant'], () => api.GET('/api/v1/tenant'));
  return (
    <QueryState query={tenant} rows={3}>
      {(data) => <RenewalForm key={data.version} tenant={data} saved={saved} onSaved={setSaved} />}
    </QueryState>
  );
}

function RenewalForm({
  tenant,
  saved,
  onSaved,
}: {
  readonly tenant: Tenant;
  readonly saved: boolean;
  readonly onSaved: (saved: boolean) => void;
}) {
  const t = useT(lifecycleMessages);
  const save = useApiMutation(
    ({ renewalLeadDays }: { renewalLeadDays: number }) =>
      // The settings travel whole: send back what was read with the one field changed.
      api.PATCH('/api/v1/tenant', {
        body: { version: tenant.version, settings: { ...tenant.settings, renewalLeadDays } },
      }),
    { invalidates: [['tenant']], onSuccess: () => onSaved(true) },
  );
  return (
    <SectionCard title={t('renewals')} testId="renewal-settings">
      <Typography.Paragraph type="secondary">{t('renewals.help')}</Typography.Paragraph>
      <Form
        layout="vertical"
        name="renewals"
        initialValues={{ renewalLeadDays: tenant.settings.renewalLeadDays }}
        onFinish={(values: { renewalLeadDays: number }) => {
          onSaved(false);
          save.mutate(values);
        }}
      >
        <Form.Item
          name="renewalLeadDays"
          label={t('renewals.leadDays')}
          htmlFor="renewal-lead-days"
          rules={[{ required: true }]}
        >
          <InputNumber id="renewal-lead-days" min={0} max={3650} precision={0} />
        </Form.Item>
        <FormProblem problem={save.error} />
        {saved ? (
          <Alert
            type="success"
            role="status"
            showIcon
            title={t('saved')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Form>
    </SectionCard>
  );
}
