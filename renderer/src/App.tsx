// Top level: picks the screen for the session phase (create a file, unlock it, or work in it).
import { useEffect } from 'react';
import { CreateFileScreen } from './screens/CreateFileScreen';
import { MainScreen } from './screens/MainScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import { boot, listenForSessionEnd } from './session';
import { useSession } from './store';

export function App() {
  const phase = useSession((s) => s.phase);

  useEffect(() => {
    void boot();
    return listenForSessionEnd();
  }, []);

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
    case 'main':
      return <MainScreen />;
  }
}
