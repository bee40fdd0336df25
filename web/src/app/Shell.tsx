import { Button, Flex, Layout, Menu, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ME_KEY, useApiMutation } from '../api/query';
import { common } from '../i18n/common';
import { useT } from '../i18n/locale-context';
import { UnreadBadge } from '../features/inbox/UnreadBadge';
import { LanguageSwitch } from './LanguageSwitch';
import { FEATURE_ROUTES, allowed, hrefOf } from './routes';
import { useSession } from './session-context';

/** The signed-in frame: side menu from the route registry, header with who and where. */
export function Shell() {
  const t = useT(common);
  const { user, tenant } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const routes = FEATURE_ROUTES.filter((route) => allowed(route, user.role));
  const selected = [...routes]
    .sort((a, b) => b.path.length - a.path.length)
    .find((route) => location.pathname.startsWith(hrefOf(route)));
  const signOut = useApiMutation(() => api.POST('/api/v1/auth/logout'), {
    onSuccess: () => {
      queryClient.setQueryData(ME_KEY, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      void navigate('/sign-in', { replace: true });
    },
  });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
        <Typography.Title level={4} style={{ padding: '16px 24px', margin: 0 }}>
          {t('appName')}
        </Typography.Title>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected.key] : []}
            items={routes.map((route) => ({
              key: route.key,
              icon: route.icon,
              label: <Link to={hrefOf(route)}>{t(`nav.${route.key}`)}</Link>,
            }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="pw-header">
          <Flex justify="flex-end" align="center" gap="middle" style={{ height: '100%' }}>
            <UnreadBadge />
            <span data-testid="who">
              {user.name} · {t(`role.${user.role}`)} · {tenant.name}
            </span>
            <LanguageSwitch />
            <Button
              type="link"
              loading={signOut.isPending}
              onClick={() => signOut.mutate(undefined)}
            >
              {t('signOut')}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={<Spin />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
