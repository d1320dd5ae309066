import type { UserView } from '@wxlogin/contracts';
import { useSyncExternalStore } from 'react';
import { useWxLogin } from './wxlogin-context.js';

/** The signed-in user (`null` when signed out); re-renders the component when it changes. */
export function useAuthUser(): UserView | null {
  const { session } = useWxLogin();
  return useSyncExternalStore(session.subscribe, () => session.user);
}
