import { logoutRoute } from '@wxlogin/contracts';
import type { AuthorizedApi } from '../http/authorized-api.js';
import type { SessionStore } from '../session/session.store.js';

/**
 * Signs out: revokes the session on the server (`POST /api/auth/logout`) and clears storage.
 * Storage is cleared even when the server cannot be reached; the server session then simply
 * expires. Never logs in just to log out.
 */
export async function logout(requests: AuthorizedApi, session: SessionStore): Promise<void> {
  if (!session.current) return;
  try {
    await requests.call(logoutRoute, undefined, { signInIfNeeded: false });
  } finally {
    session.clear();
  }
}
