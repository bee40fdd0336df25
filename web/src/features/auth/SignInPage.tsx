import { Alert, Button, Card, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ME_KEY, useApiMutation } from '../../api/query';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useT } from '../../i18n/locale-context';
import { authMessages } from './messages';

interface Credentials {
  email: string;
  password: string;
  tenant?: string;
}

/** Only same-app paths are followed after sign-in (no open redirect through ?next=). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * E-mail and password. The server never says whether an e-mail exists in several tenants
 * (that would reveal accounts); without a code it signs into the tenant whose password
 * matches, so the company code is an opt-in field for people with several accounts.
 */
export default function SignInPage() {
  const t = useT(authMessages);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [several, setSeveral] = useState(false);
  const signIn = useApiMutation((body: Credentials) => api.POST('/api/v1/auth/login', { body }), {
    onSuccess: (session) => {
      queryClient.setQueryData(ME_KEY, { user: session.user, tenant: session.tenant });
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Flex justify="space-between" align="center">
          <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
            {t('title')}
          </Typography.Title>
          <LanguageSwitch />
        </Flex>
        <Form<Credentials>
          layout="vertical"
          name="sign-in"
          requiredMark={false}
          style={{ marginTop: 16 }}
          onFinish={(values) =>
            signIn.mutate({
              email: values.email,
              password: values.password,
              ...(several && values.tenant ? { tenant: values.tenant.trim() } : {}),
            })
          }
        >
          <Form.Item
            label={t('email')}
            name="email"
            rules={[{ required: true, message: t('required') }]}
          >
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('password')}
            name="password"
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={several} onChange={(event) => setSeveral(event.target.checked)}>
              {t('severalTenants')}
            </Checkbox>
          </Form.Item>
          {several ? (
            <Form.Item
              label={t('tenant')}
              name="tenant"
              extra={t('tenantHelp')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input autoComplete="organization" />
            </Form.Item>
          ) : null}
          {signIn.error ? (
            <Alert
              type="error"
              role="alert"
              title={signIn.error.detail}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
