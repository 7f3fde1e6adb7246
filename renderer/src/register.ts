// The information-requirements register as the renderer uses it: read once per sign-in (the
// form, the record and the settings screen share it) and replaced after every change, so the
// form's required/hidden/help follow the register without a reload.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { RegisterEntry } from '../../shared/register';
import { attempt } from './client';
import { useSession } from './store';

type RegisterState = { token: string | null; entries: RegisterEntry[] | null };

const useRegisterStore = create<RegisterState>(() => ({ token: null, entries: null }));

async function load(token: string): Promise<void> {
  const result = await attempt('register.list', {});
  // The core enforces must-haves anyway; if the register cannot be read the form is just plainer.
  if (result.ok && useSession.getState().session?.token === token) {
    useRegisterStore.setState({ token, entries: result.value });
  }
}

/** The register for the signed-in person (null while it is being read). */
export function useRegister(): RegisterEntry[] | null {
  const token = useSession((s) => s.session?.token ?? null);
  const state = useRegisterStore();
  const fresh = state.token === token;
  useEffect(() => {
    if (token && !fresh) void load(token);
  }, [token, fresh]);
  return fresh ? state.entries : null;
}

/** After register.update: the new row replaces the old one everywhere at once. */
export function registerChanged(entry: RegisterEntry): void {
  const { entries } = useRegisterStore.getState();
  if (entries) useRegisterStore.setState({ entries: entries.map((e) => (e.key === entry.key ? entry : e)) });
}

/** After register.add: the new field joins the list (the core gave it the last position). */
export function registerAdded(entry: RegisterEntry): void {
  const { entries } = useRegisterStore.getState();
  if (entries) useRegisterStore.setState({ entries: [...entries, entry] });
}

/** After register.remove. */
export function registerRemoved(key: string): void {
  const { entries } = useRegisterStore.getState();
  if (entries) useRegisterStore.setState({ entries: entries.filter((e) => e.key !== key) });
}
