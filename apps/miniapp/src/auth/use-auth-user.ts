import type { UserView } from '@wxlogin/contracts';
import { useSyncExternalStore } from 'react';
import { auth } from './index';

const subscribe = (listener: () => void) => auth.subscribe(listener);
const snapshot = () => auth.user;

/** The signed-in user; re-renders the component when it changes. */
export function useAuthUser(): UserView | null {
  return useSyncExternalStore(subscribe, snapshot);
}
