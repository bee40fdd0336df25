import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { FieldIssue } from '../../api/problem';
import { useApiMutation, useApiQuery } from '../../api/query';
import type { components } from '../../api/schema';
import { FormProblem } from '../../components/FormProblem';
import { useT } from '../../i18n/locale-context';
import { clearFieldErrors, placeFieldErrors } from '../../lib/problem-fields';
import { accountMessages } from './messages';

type Account = components['schemas']['Account'];
type AccountForm = Omit<components['schemas']['AccountPatchInput'], 'version'>;
const SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
const TIERS = ['benchmark', 'high_yield', 'potential'] as const;
const TEXT_FIELDS = ['industry', 'region', 'phone', 'website', 'address', 'creditCode'] as const;

function formOf(a: Account): AccountForm {
  return {
    name: a.name,
    industry: a.industry,
    region: a.region,
    size: a.size,
    valueTier: a.valueTier,
    phone: a.phone,
    website: a.website,
    address: a.address,
    creditCode: a.creditCode,
    notes: a.notes,
    parentId: a.parentId,
  };
}

const emptyToNull = (value: unknown): unknown =>
  value === '' || value === undefined ? null : value;

/**
 * The account's details as a form, saved with the version read. A stale version answers
 * 409 version_conflict: the server's message is shown with a reload that takes the latest
 * version (the user reapplies their change); field errors land next to their fields.
 */
export function AccountDetailsForm({ account }: { readonly account: Account }) {
  const t = useT(accountMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AccountForm>();
  const [version, setVersion] = useState(account.version);
  const [unplaced, setUnplaced] = useState<readonly FieldIssue[]>([]);
  const [saved, setSaved] = useState(false);
  const [parentQ, setParentQ] = useState('');
  const parents = useApiQuery(['accounts', 'parent-options', parentQ], () =>
    api.GET('/api/v1/accounts', {
      params: { query: { limit: 20, sort: 'name', ...(parentQ ? { q: parentQ } : {}) } },
    }),
  );
  const parentOptions = (parents.data?.items ?? [])
    .filter((a) => a.id !== account.id)
    .map((a) => ({ value: a.id, label: a.name }));
  const save = useApiMutation(
    (values: AccountForm) =>
      api.PATCH('/api/v1/accounts/{id}', {
        params: { path: { id: account.id } },
        body: { ...values, version },
      }),
    {
      invalidates: [['accounts']],
      onSuccess: (updated) => {
        setVersion(updated.version);
        form.setFieldsValue(formOf(updated));
        setSaved(true);
      },
    },
  );
  const [reloadError, setReloadError] = useState<ApiProblem | null>(null);

  async function reload(): Promise<void> {
    try {
      const latest = await unwrap(
        api.GET('/api/v1/accounts/{id}', { params: { path: { id: account.id } } }),
      );
      setVersion(latest.version);
      form.setFieldsValue(formOf(latest));
      save.reset();
      setUnplaced([]);
      clearFieldErrors(form);
      setReloadError(null);
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
    } catch (error) {
      setReloadError(error instanceof ApiProblem ? error : ApiProblem.network(error));
    }
  }

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('details')}</h2>}
      extra={<Typography.Text type="secondary">{t('version', { version })}</Typography.Text>}
      style={{ marginBottom: 16 }}
    >
      <Form<AccountForm>
        form={form}
        name="account"
        layout="vertical"
        initialValues={formOf(account)}
        data-testid="account-details"
        onFinish={(values) => {
          setSaved(false);
          setUnplaced([]);
          clearFieldErrors(form);
          save.mutate(values, { onError: (p) => setUnplaced(placeFieldErrors(form, p)) });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('name')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parentId" label={t('parent')} normalize={emptyToNull}>
              <Select
                allowClear
                showSearch={{ filterOption: false, onSearch: setParentQ }}
                placeholder={t('noParent')}
                options={
                  account.parentId && !parentOptions.some((o) => o.value === account.parentId)
                    ? [{ value: account.parentId, label: account.parentId }, ...parentOptions]
                    : parentOptions
                }
              />
            </Form.Item>
          </Col>
          {TEXT_FIELDS.map((field) => (
            <Col xs={24} md={12} key={field}>
              <Form.Item name={field} label={t(field)} normalize={emptyToNull}>
                <Input />
              </Form.Item>
            </Col>
          ))}
          <Col xs={12} md={12}>
            <Form.Item name="size" label={t('size')} normalize={emptyToNull}>
              <Select
                allowClear
                options={SIZES.map((s) => ({ value: s, label: t(`size.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={12}>
            <Form.Item name="valueTier" label={t('valueTier')} normalize={emptyToNull}>
              <Select
                allowClear
                options={TIERS.map((v) => ({ value: v, label: t(`valueTier.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={t('notes')} normalize={emptyToNull}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
        <FormProblem problem={save.error} issues={unplaced} testId="account-save-error" />
        <FormProblem problem={reloadError} />
        {saved && !save.isPending ? (
          <Alert
            type="success"
            role="status"
            showIcon
            title={t('saved')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('save')}
          </Button>
          {save.error?.code === 'version_conflict' ? (
            <Button onClick={() => void reload()}>{t('reload')}</Button>
          ) : null}
        </Space>
      </Form>
    </Card>
  );
}
