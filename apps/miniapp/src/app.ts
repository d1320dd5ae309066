import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { config as configureZod } from 'zod/mini';
import { watchPrivacyConsent } from './privacy/privacy-consent';
import './app.scss';

// WeChat's runtime forbids `new Function`: use zod's interpreter from the start instead of
// relying on its eval probe (see the contracts README). Runs before any page module parses.
configureZod({ jitless: true });

// The silent login starts on the launch page (pages/login), which also decides where to go next.
function App({ children }: PropsWithChildren) {
  useLaunch(watchPrivacyConsent);
  return children;
}

export default App;
