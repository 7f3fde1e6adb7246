// Renderer state in two zustand stores: the session (who is signed in, which screen) and the
// workspace (the page shown, the query, results, open record, records added in this sign-in).
// Ending a session resets the workspace so nothing personal stays in memory or on screen behind
// the sign-in or unlock screen.
import { create } from 'zustand';
import type { Settings } from '../../shared/contract/settings';
import type { Session } from '../../shared/contract/vault';
import type { Customer, CustomerSummary } from '../../shared/customer';

/** 'starting' also means "find out": after a session ends, the app asks the core what to show. */
type Phase = 'starting' | 'create' | 'unlock' | 'signin' | 'main';

type SessionState = {
  phase: Phase;
  session: Session | null;
  fileName: string;
  /** Why the last session ended, shown once on the sign-in or unlock screen. */
  notice: string | null;
  /** The file's settings as read after signing in (idle lock). */
  settings: Settings | null;
};

export const useSession = create<SessionState>(() => ({
  phase: 'starting',
  session: null,
  fileName: '',
  notice: null,
  settings: null,
}));

type Pane =
  | { kind: 'empty' }
  | { kind: 'view'; id: number }
  | { kind: 'new' }
  // `request`: the rectification request the edit carries out (its id goes with the save).
  | { kind: 'edit'; id: number; request?: number };

/** The page shown under the header. */
export type View =
  | 'customers'
  | 'requests'
  | 'duplicates'
  | 'quality'
  | 'imports'
  | 'segments'
  | 'reports'
  | 'staff'
  | 'audit'
  | 'backups'
  | 'packs'
  | 'settings';

type WorkspaceState = {
  view: View;
  query: string;
  includeArchived: boolean;
  results: CustomerSummary[];
  capped: boolean;
  /** The query (and archive switch) the shown results answer; differs from the box while a search is pending. */
  answered: string | null;
  selected: number;
  pane: Pane;
  /** The record open in the view or the editor, as last read from the core. */
  current: Customer | null;
  /** Bumped after a save or an archive so the list reloads. */
  revision: number;
  /** Records added in this sign-in (all a volunteer may see), newest first. */
  added: { id: number; name: string }[];
};

const emptyWorkspace: WorkspaceState = {
  view: 'customers',
  query: '',
  includeArchived: false,
  results: [],
  capped: false,
  answered: null,
  selected: -1,
  pane: { kind: 'empty' },
  current: null,
  revision: 0,
  added: [],
};

export const useWorkspace = create<WorkspaceState>(() => ({ ...emptyWorkspace }));

export function signedIn(session: Session): void {
  useWorkspace.setState({ ...emptyWorkspace }, true);
  useSession.setState({ session, phase: 'main', notice: null, settings: null });
}

/**
 * Forget the session and every customer value held by the renderer. The app then asks the core
 * whether the file is still open (sign-in screen) or closed (unlock screen), unless told.
 */
export function endSession(notice: string | null = null, next: Phase = 'starting'): void {
  useWorkspace.setState({ ...emptyWorkspace }, true);
  useSession.setState({ session: null, phase: next, notice, settings: null });
}

export function openPane(pane: Pane, current: Customer | null = null): void {
  useWorkspace.setState({ pane, current });
}

export function showView(view: View): void {
  useWorkspace.setState({ view });
}

/** The key a result set answers: what was typed and whether archived records were included. */
export function searchKey(query: string, includeArchived: boolean): string {
  return `${includeArchived ? 'all' : 'live'}:${query}`;
}

export function recordChanged(customer: Customer): void {
  useWorkspace.setState((s) => ({
    current: customer,
    pane: { kind: 'view', id: customer.id },
    revision: s.revision + 1,
  }));
}

/** An erased record: nothing of it stays on screen, and the search list reloads without it. */
export function recordErased(id: number): void {
  useWorkspace.setState((s) => ({
    current: null,
    pane: { kind: 'empty' },
    revision: s.revision + 1,
    results: s.results.filter((r) => r.id !== id),
    added: s.added.filter((a) => a.id !== id),
  }));
}

/** A new record: shown, and remembered for this sign-in's "added" list. */
export function recordAdded(customer: Customer, name: string): void {
  recordChanged(customer);
  useWorkspace.setState((s) => ({
    added: [{ id: customer.id, name }, ...s.added.filter((a) => a.id !== customer.id)],
  }));
}
