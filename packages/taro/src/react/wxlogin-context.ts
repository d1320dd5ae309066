import { createContext, createElement, type PropsWithChildren, useContext } from 'react';
import type { WxLogin } from '../wxlogin.js';

const WxLoginContext = createContext<WxLogin | null>(null);

/** Hands `client` to every component below it (wrap the app's pages in `app.tsx`). */
export function WxLoginProvider({ client, children }: PropsWithChildren<{ client: WxLogin }>) {
  return createElement(WxLoginContext.Provider, { value: client }, children);
}

/** The login client of the nearest {@link WxLoginProvider}. */
export function useWxLogin(): WxLogin {
  const client = useContext(WxLoginContext);
  if (!client) throw new Error('useWxLogin() needs a <WxLoginProvider client={…}> above it');
  return client;
}
