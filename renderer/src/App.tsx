// Top level: picks the screen for the session phase (create a file, unlock it, sign in to the
// open file, or work in it). 'starting' asks the core which applies, at start-up and after
// every sign-out.
import { useEffect } from 'react';
import { CreateFileScreen } from './screens/CreateFileScreen';
import { MainScreen } from './screens/MainScreen';
import { SignInScreen } from './screens/SignInScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import { boot, listenForSessionEnd } from './session';
import { useSession } from './store';

export function App() {
  const phase = useSession((s) => s.phase);

  useEffect(() => listenForSessionEnd(), []);

  useEffect(() => {
    if (phase === 'starting') void boot();
  }, [phase]);

  switch (phase) {
    case 'starting':
      return (
        <main className="boot" aria-busy="true">
          <p className="boot__text">Opening Custodian…</p>
        </main>
      );
    case 'create':
      return <CreateFileScreen />;
    case 'unlock':
      return <UnlockScreen />;
    case 'signin':
      return <SignInScreen />;
    case 'main':
      return <MainScreen />;
  }
}
