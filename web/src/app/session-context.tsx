import { createContext, useContext } from 'react';
import type { Me } from '../api/session';

/** The signed-in user and tenant, provided by RequireSession to every page behind it. */
export const SessionContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in route');
  return me;
}
