import { refreshRoute, type RouteBody, type RouteReply } from '@wxlogin/contracts';
import { clientActionOf, SignedOutError } from '../errors.js';
import type { SessionStore, StoredSession } from '../session/session.store.js';
import type { ApiClient, FileRoute, FixedPath, JsonRoute } from './api-client.js';

/** A route that needs the user's access token. */
type Bearer<R> = R & { readonly auth: 'bearer' };

/** Whether a call may log in silently when there is no session (or it cannot be renewed). */
export interface CallOptions {
  signInIfNeeded?: boolean;
}

/**
 * Requests on the user's behalf: the session's bearer token on every call; when the API asks for a
 * renewed session (`401 UNAUTHENTICATED`, catalogue action `renew-session`) one renewal — the
 * refresh token, or a silent login when that is refused — and one retry of the original request.
 */
export interface AuthorizedApi {
  call<R extends Bearer<JsonRoute>>(
    route: FixedPath<R>,
    body: RouteBody<R>,
    options?: CallOptions,
  ): Promise<RouteReply<R>>;
  upload<R extends Bearer<FileRoute>>(
    route: FixedPath<R>,
    filePath: string,
  ): Promise<RouteReply<R>>;
}

/** @param signIn the silent login, which replaces a session that cannot be renewed */
export function createAuthorizedApi(
  api: ApiClient,
  session: SessionStore,
  signIn: () => Promise<StoredSession>,
): AuthorizedApi {
  // Single flight: every request refused while a refresh runs waits for that one refresh.
  let refreshing: Promise<StoredSession> | null = null;

  async function exchangeRefreshToken({ refreshToken }: StoredSession): Promise<StoredSession> {
    try {
      return session.keep(await api.send(refreshRoute, { refreshToken }, null));
    } catch (error) {
      // A refused refresh token will never work again (reused ⇒ the server revoked the family):
      // the catalogue says to log in again, so the stored session is worth nothing.
      if (clientActionOf(error) === 'login-again') session.clear();
      throw error;
    }
  }

  function refreshOnce(current: StoredSession): Promise<StoredSession> {
    refreshing ??= exchangeRefreshToken(current).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /**
   * A session to replace the one whose access token was just refused. Ten requests refused at
   * once share one refresh; a request refused after the refresh already happened just uses the
   * new tokens.
   */
  async function renew(refusedAccessToken: string, signInIfNeeded: boolean) {
    const current = session.current;
    if (current && current.accessToken !== refusedAccessToken) return current;
    if (current) {
      try {
        return await refreshOnce(current);
      } catch (error) {
        if (!signInIfNeeded || clientActionOf(error) !== 'login-again') throw error;
      }
    } else if (!signInIfNeeded) {
      throw new SignedOutError();
    }
    return signIn();
  }

  async function withSession<T>(
    operation: (accessToken: string) => Promise<T>,
    { signInIfNeeded = true }: CallOptions = {},
  ): Promise<T> {
    let current = session.current;
    if (!current) {
      if (!signInIfNeeded) throw new SignedOutError();
      current = await signIn();
    }
    try {
      return await operation(current.accessToken);
    } catch (error) {
      if (clientActionOf(error) !== 'renew-session') throw error;
      const renewed = await renew(current.accessToken, signInIfNeeded);
      return operation(renewed.accessToken);
    }
  }

  return {
    call: <R extends Bearer<JsonRoute>>(
      route: FixedPath<R>,
      body: RouteBody<R>,
      options?: CallOptions,
    ) => withSession((accessToken) => api.send<R>(route, body, accessToken), options),
    upload: <R extends Bearer<FileRoute>>(route: FixedPath<R>, filePath: string) =>
      withSession((accessToken) => api.upload<R>(route, filePath, accessToken)),
  };
}
