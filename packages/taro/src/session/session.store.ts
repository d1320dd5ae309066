import { UserView } from '@wxlogin/contracts';
import * as z from 'zod/mini';
import type { KeyValueStorage } from './key-value-storage.js';

/**
 * The client's whole persisted state: wxlogin's own tokens and the last user view. Nothing of
 * WeChat's login state is kept here — the server holds that.
 */
export const StoredSession = z.object({
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.string().check(z.minLength(1)),
  user: UserView,
});
/** @see {@link StoredSession} */
export type StoredSession = z.infer<typeof StoredSession>;

/** The one storage key of the kit; nothing else in it names a key. */
export const SESSION_STORAGE_KEY = 'wxlogin.auth';

/** The signed-in user as pages see it: read it, and hear when it changes. */
export interface SessionView {
  /** The signed-in user as last seen, or `null`. */
  readonly user: UserView | null;
  /** Calls `listener` whenever {@link user} changes; returns the unsubscribe function. */
  readonly subscribe: (listener: () => void) => () => void;
}

/**
 * The current session, in memory and in storage under {@link SESSION_STORAGE_KEY}, and the
 * listeners told of every change. The only code that reads or writes the session.
 */
export interface SessionStore extends SessionView {
  readonly current: StoredSession | null;
  /** Keeps the tokens and user of `session` (a `TokenResponse` has more fields). */
  keep(session: StoredSession): StoredSession;
  /** Replaces the user of the current session, if there is one. */
  replaceUser(user: UserView): void;
  clear(): void;
}

/** A store that starts from what `storage` holds; an entry of another shape counts as none. */
export function createSessionStore(storage: KeyValueStorage): SessionStore {
  const parsed = StoredSession.safeParse(storage.get(SESSION_STORAGE_KEY));
  let current = parsed.success ? parsed.data : null;
  const listeners = new Set<() => void>();

  function update(session: StoredSession | null): void {
    current = session;
    if (session) storage.set(SESSION_STORAGE_KEY, session);
    else storage.remove(SESSION_STORAGE_KEY);
    for (const listener of listeners) listener();
  }

  return {
    get current() {
      return current;
    },
    get user() {
      return current?.user ?? null;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    keep({ accessToken, refreshToken, user }) {
      const session = { accessToken, refreshToken, user };
      update(session);
      return session;
    },
    replaceUser(user) {
      if (current) update({ ...current, user });
    },
    clear: () => update(null),
  };
}
