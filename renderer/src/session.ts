// Starting, locking and the end of a session, in one place so every path (Lock button, Ctrl+L,
// the core's session.ended event, an UNAUTHENTICATED answer) clears the same state.
import { attempt } from './client';
import { endSession, useSession } from './store';

let locking: Promise<unknown> = Promise.resolve();

/** Wait for a lock in flight, so an unlock never overtakes it. */
export function lockSettled(): Promise<unknown> {
  return locking;
}

export function lock(): Promise<unknown> {
  const token = useSession.getState().session?.token ?? null;
  // Clear first: the customer data leaves the screen at once, whatever the core answers.
  endSession();
  if (token) {
    locking = window.custodian.invoke('vault.lock', {}, token).catch(() => undefined);
  }
  return locking;
}

/** Which first screen to show: create a file, or unlock the existing one. */
export async function boot(): Promise<void> {
  const status = await attempt('vault.status', {});
  if (!status.ok) {
    useSession.setState({ phase: 'unlock', notice: status.error.message });
    return;
  }
  const fileName = status.value.path.split(/[\\/]/).pop() ?? '';
  useSession.setState({ phase: status.value.exists ? 'unlock' : 'create', fileName });
}

const ENDED: Record<string, string> = {
  locked: 'The file was locked.',
  idle: 'The file was locked after a period of inactivity.',
  closed: 'The file was closed.',
};

export function listenForSessionEnd(): () => void {
  return window.custodian.on('session.ended', (payload) => {
    if (!useSession.getState().session) return;
    const reason = (payload as { reason?: string } | null)?.reason ?? 'locked';
    endSession(ENDED[reason] ?? ENDED.locked);
  });
}
