// What a host puts in the renderer's window: `window.custodian`. One method to call the core,
// one to hear its events. The Electron preload, the Chromium host and the tests all provide it.
import type { Result } from './result';

export type Bridge = {
  /** Call a contract method. `token` is the session from vault.create / vault.unlock, or null. */
  invoke(method: string, input: unknown, token: string | null): Promise<Result<unknown>>;
  /** Listen for a core event; returns the function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void;
};

declare global {
  interface Window {
    custodian: Bridge;
  }
}
