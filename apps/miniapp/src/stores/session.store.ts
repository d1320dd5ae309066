import { UserView } from '@wxlogin/contracts';
import * as z from 'zod/mini';
import type { KeyValueStorage } from './key-value-storage';

/**
 * The app's whole persisted state: wxlogin's own tokens and the last user view. Nothing of
 * WeChat's login state is kept here — the server holds that.
 */
export const StoredSession = z.object({
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.string().check(z.minLength(1)),
  user: UserView,
});
/** @see {@link StoredSession} */
export type StoredSession = z.infer<typeof StoredSession>;

/** The one storage key of the app; nothing else in the code base names a key. */
export const SESSION_STORAGE_KEY = 'wxlogin.auth';

/** Reads and writes {@link StoredSession} under {@link SESSION_STORAGE_KEY}, and nothing else. */
export class SessionStore {
  constructor(private readonly storage: KeyValueStorage) {}

  /** The stored session, or `null` when there is none or it no longer has the expected shape. */
  load(): StoredSession | null {
    const parsed = StoredSession.safeParse(this.storage.get(SESSION_STORAGE_KEY));
    return parsed.success ? parsed.data : null;
  }

  save(session: StoredSession): void {
    this.storage.set(SESSION_STORAGE_KEY, session);
  }

  clear(): void {
    this.storage.remove(SESSION_STORAGE_KEY);
  }
}
