import type { ReactNode } from 'react';
import { NotFound } from './NotFound';
import { allowed } from './routes';
import type { FeatureRoute } from './routes';
import { useSession } from './session-context';

/** A page the role may not open looks like one that does not exist (as the API's 404s do). */
export function RoleGate({
  route,
  children,
}: {
  readonly route: FeatureRoute;
  readonly children: ReactNode;
}) {
  const { user } = useSession();
  return allowed(route, user.role) ? children : <NotFound />;
}
