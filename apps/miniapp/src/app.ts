import type { PropsWithChildren } from 'react';
import './app.scss';

// The silent login starts on the launch page (pages/login), which also decides where to go next.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
