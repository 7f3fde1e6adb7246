// Renderer state in two zustand stores: the session (who is signed in, which screen) and the
// customer workspace (query, results, open record). Ending a session resets the workspace so
// nothing personal stays in memory or on screen behind the lock screen.
import { create } from 'zustand';
import type { Session } from '../../shared/contract/vault';
import type { Customer, CustomerSummary } from '../../shared/customer';

export type Phase = 'starting' | 'create' | 'unlock' | 'main';

type SessionState = {
  phase: Phase;
  session: Session | null;
  fileName: string;
  /** Why the last session ended, shown once on the unlock screen. */
  notice: string | null;
};

export const useSession = create<SessionState>(() => ({
  phase: 'starting',
  session: null,
  fileName: '',
  notice: null,
}));

export type Pane = { kind: 'empty' } | { kind: 'view'; id: number } | { kind: 'new' } | { kind: 'edit'; id: number };

type WorkspaceState = {
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
};

const emptyWorkspace: WorkspaceState = {
  query: '',
  includeArchived: false,
  results: [],
  capped: false,
  answered: null,
  selected: -1,
  pane: { kind: 'empty' },
  current: null,
  revision: 0,
};

export const useWorkspace = create<WorkspaceState>(() => ({ ...emptyWorkspace }));

export function signedIn(session: Session): void {
  useWorkspace.setState({ ...emptyWorkspace }, true);
  useSession.setState({ session, phase: 'main', notice: null });
}

/** Forget the session and every customer value held by the renderer. */
export function endSession(notice: string | null = null): void {
  useWorkspace.setState({ ...emptyWorkspace }, true);
  useSession.setState({ session: null, phase: 'unlock', notice });
}

export function openPane(pane: Pane, current: Customer | null = null): void {
  useWorkspace.setState({ pane, current });
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
