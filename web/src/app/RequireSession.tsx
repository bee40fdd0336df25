import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/session';
import { QueryState } from '../components/QueryState';
import { SessionContext } from './session-context';

/**
 * The auth guard: nobody signed in → /sign-in?next=<where they were going>. Any later 401
 * refetches /me (see createQueryClient), which lands here again.
 */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return <Spin fullscreen aria-label="…" />;
  }
  if (me.isSuccess && me.data === null) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return (
    <QueryState query={me}>
      {(session) =>
        session ? (
          <SessionContext.Provider value={session}>
            <Outlet />
          </SessionContext.Provider>
        ) : null
      }
    </QueryState>
  );
}
