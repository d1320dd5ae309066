import { useLaunch } from '@tarojs/taro';
import { WxLoginProvider } from '@wxlogin/taro';
import { type PropsWithChildren, useState } from 'react';
import { config as configureZod } from 'zod/mini';
import { createLoginClient } from './login-client';
import { watchPrivacyConsent } from './privacy/privacy-consent';
import './app.scss';

// WeChat's runtime forbids `new Function`: use zod's interpreter from the start instead of
// relying on its eval probe (see the contracts README). Runs before any page module parses.
configureZod({ jitless: true });

if (process.env.TARO_ENV === 'h5') {
  // Taro's H5 <Form> wraps a native <form>, which Enter in its text field submits natively: the
  // page reloads and the input is lost. Our forms submit through Taro's own event (a
  // CustomEvent), so native submits are stopped before anything sees them.
  document.addEventListener(
    'submit',
    (event) => {
      if (event instanceof CustomEvent) return;
      event.preventDefault();
      event.stopPropagation();
    },
    true,
  );
}

// The silent login starts on the launch page (pages/login), which also decides where to go next.
function App({ children }: PropsWithChildren) {
  useLaunch(watchPrivacyConsent);
  const [loginClient] = useState(createLoginClient);
  return <WxLoginProvider client={loginClient}>{children}</WxLoginProvider>;
}

export default App;
