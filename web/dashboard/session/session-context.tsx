import { createContext, useContext } from 'react';
import type { HttpClient } from '../api/http-client';
import type { LiveClient } from '../api/live-client';
import type { Viewer } from '../api/types';
import type { Abilities } from './roles';

/** One signed-in tab: who the key belongs to and the two ways of talking to the server. */
export interface Session {
  me: Viewer;
  can: Abilities;
  http: HttpClient;
  live: LiveClient;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in page');
  return session;
}
