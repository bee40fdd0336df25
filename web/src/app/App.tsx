import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../api/query';
import { LocaleProvider, useLocale } from '../i18n/locale-context';
import { NotFound } from './NotFound';
import { RequireSession } from './RequireSession';
import { RoleGate } from './RoleGate';
import { FEATURE_ROUTES } from './routes';
import { Shell } from './Shell';

const SignInPage = lazy(() => import('../features/auth/SignInPage'));

const router = createBrowserRouter([
  {
    path: '/sign-in',
    element: (
      <Suspense fallback={null}>
        <SignInPage />
      </Suspense>
    ),
  },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Shell />,
        children: [
          ...FEATURE_ROUTES.map((route) => ({
            path: route.path === '' ? undefined : route.path,
            index: route.path === '' ? true : undefined,
            element: (
              <RoleGate route={route}>
                <route.page />
              </RoleGate>
            ),
          })),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

/** antd's texts (pagination, date pickers, empty states) and dayjs follow the UI language. */
function Themed() {
  const { locale } = useLocale();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1d4ed8' } }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <Themed />
      </LocaleProvider>
    </QueryClientProvider>
  );
}
