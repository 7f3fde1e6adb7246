// Top level: picks the screen for the session phase (create a file, unlock it, sign in to the
// open file, or work in it). 'starting' asks the core which applies, at start-up and after
// every sign-out.
import { useEffect } from 'react';
import { MainScreen } from './MainScreen';
import { boot, listenForSessionEnd } from './session';
import { SignInScreen } from './session/SignInScreen';
import { useSession } from './store';
import { CreateFileScreen } from './vault/CreateFileScreen';
import { UnlockScreen } from './vault/UnlockScreen';

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
