// Starting, signing out, closing the file and the end of a session, in one place so every path
// (Switch user / Lock, Ctrl+L, Close file, idle time, the core's session.ended event, an
// UNAUTHENTICATED answer) clears the same state and then asks the core what to show next.
import { useEffect } from 'react';
import { attempt } from './client';
import { plural } from './format';
import { endSession, useSession } from './store';

let ending: Promise<unknown> = Promise.resolve();

/** Wait for a sign-out or close in flight, so a sign-in or unlock never overtakes it. */
export function lockSettled(): Promise<unknown> {
  return ending;
}

/** End this sign-in; the file stays open for the next person (Switch user / Lock, Ctrl+L, idle). */
export function signOut(notice: string | null = null): Promise<unknown> {
  const token = useSession.getState().session?.token ?? null;
  // Clear first: the customer data leaves the screen at once, whatever the core answers.
  endSession(notice);
  if (token) ending = window.custodian.invoke('session.signOut', {}, token).catch(() => undefined);
  return ending;
}

/** Close the file for everyone: the next person needs the file passphrase. */
export function closeFile(): Promise<unknown> {
  const token = useSession.getState().session?.token ?? null;
  endSession(null, 'unlock');
  if (token) ending = window.custodian.invoke('vault.lock', {}, token).catch(() => undefined);
  return ending;
}

/** Which screen to show: create a file, unlock the closed file, or sign in to the open one. */
export async function boot(): Promise<void> {
  await ending;
  const status = await attempt('vault.status', {});
  if (useSession.getState().phase !== 'starting') return;
  if (!status.ok) {
    useSession.setState({ phase: 'unlock', notice: status.error.message });
    return;
  }
  const fileName = status.value.path.split(/[\\/]/).pop() ?? '';
  const phase = !status.value.exists ? 'create' : status.value.unlocked ? 'signin' : 'unlock';
  useSession.setState({ phase, fileName });
}

const ENDED: Record<string, string> = {
  locked: 'The file was closed.',
  idle: 'Signed out after a period of inactivity.',
  closed: 'The file was closed.',
};

export function listenForSessionEnd(): () => void {
  return window.custodian.on('session.ended', (payload) => {
    const reason = (payload as { reason?: string } | null)?.reason ?? 'locked';
    const state = useSession.getState();
    if (state.session) endSession(ENDED[reason] ?? ENDED.locked);
    // The file was closed while someone was choosing an account: the sign-in screen is stale.
    else if (state.phase === 'signin' && reason !== 'idle') useSession.setState({ phase: 'starting' });
  });
}

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Sign out after the file's idle-lock minutes without a key press or mouse movement. The core
 * enforces the same limit on every call; this makes the screen follow without waiting for one.
 */
export function useIdleSignOut(): void {
  const minutes = useSession((s) => s.settings?.idle_lock_minutes ?? null);
  const signedIn = useSession((s) => s.session !== null);

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    void attempt('settings.get', {}).then((result) => {
      if (live && result.ok) useSession.setState({ settings: result.value });
    });
    return () => {
      live = false;
    };
  }, [signedIn]);

  useEffect(() => {
    if (!minutes) return;
    let timer = 0;
    let last = Date.now();
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(
        () => void signOut(`Signed out after ${plural(minutes, 'minute')} without use.`),
        minutes * 60_000,
      );
    };
    // Mouse movement fires often: re-arm at most once a second.
    const onActivity = () => {
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      arm();
    };
    arm();
    for (const name of ACTIVITY) window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [minutes]);
}
