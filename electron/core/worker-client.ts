// The main-process side of the core worker. All SQL runs in one worker_threads Worker (the
// single writer), so the Electron main thread never blocks on the disk or on key derivation.
// Calls are matched to answers by id; if the worker dies, every waiting call gets a Result
// in plain words instead of hanging forever. No 'electron' import: the Chromium host and the
// tests use this too.
import { Worker } from 'node:worker_threads';
import type { Result } from '../../shared/contract/result';

/** What the worker receives. */
export type WorkerRequest =
  | { id: number; token: string | null; method: unknown; input: unknown }
  | { id: number; type: 'close' };

/** What the worker answers: one message per request, same id. */
export type WorkerReply = { id: number; result: Result<unknown> };

/** The data every worker starts with. */
export type WorkerData = { file: string };

export type CoreWorker = {
  dispatch(token: string | null | undefined, method: unknown, input: unknown): Promise<Result<unknown>>;
  /** Ask the worker to close the file (answers already queued are delivered first), then wait for it to end. */
  close(): Promise<void>;
};

type CoreWorkerOptions = {
  /** Told once when the worker ends without being asked to (crash, out of memory, killed). */
  onUnexpectedExit?: (reason: string) => void;
  /** How long close() waits for a clean exit before terminating the thread. */
  closeTimeoutMs?: number;
};

const STOPPED: Result<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message:
      'The part of Custodian that reads and writes the customer file stopped unexpectedly. ' +
      'Anything already saved is safe. Close Custodian and open it again.',
  },
};

const CLOSED: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Custodian has closed the customer file, so this was not done.' },
};

const UNREADABLE: Result<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'This request contained something Custodian cannot read.' },
};

export function startCoreWorker(file: string, workerPath: string, options: CoreWorkerOptions = {}): CoreWorker {
  const workerData: WorkerData = { file };
  const worker = new Worker(workerPath, { workerData });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let state: 'running' | 'closing' | 'closed' | 'crashed' = 'running';
  let exited: Promise<void> | null = null;
  const ended = new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
  });

  function settleAll(result: Result<unknown>): void {
    for (const resolve of pending.values()) resolve(result);
    pending.clear();
  }

  worker.on('message', (reply: WorkerReply) => {
    const resolve = pending.get(reply.id);
    if (!resolve) return;
    pending.delete(reply.id);
    resolve(reply.result);
  });

  // An uncaught exception in the worker: it is about to exit. Log only the kind of failure,
  // never inputs (they hold personal data).
  worker.on('error', (error) => {
    console.error('[custodian] core worker failed:', error?.name, String(error?.message ?? '').slice(0, 200));
  });

  worker.on('exit', (code) => {
    const unexpected = state !== 'closing';
    state = unexpected ? 'crashed' : 'closed';
    settleAll(unexpected ? STOPPED : CLOSED);
    if (unexpected) options.onUnexpectedExit?.(`the core worker exited with code ${code}`);
  });

  function post(message: WorkerRequest): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      try {
        worker.postMessage(message);
      } catch {
        // Only structured-cloneable values can cross; anything else was never a valid request.
        resolve(UNREADABLE);
        return;
      }
      pending.set(message.id, resolve);
    });
  }

  return {
    dispatch(token, method, input) {
      if (state === 'crashed') return Promise.resolve(STOPPED);
      if (state !== 'running') return Promise.resolve(CLOSED);
      return post({ id: nextId++, token: token ?? null, method, input });
    },

    close() {
      if (exited) return exited;
      if (state === 'crashed' || state === 'closed') {
        exited = Promise.resolve();
        return exited;
      }
      state = 'closing';
      // Closing waits for the closing backup (45 s at a million customers), not for ever.
      const timeoutMs = options.closeTimeoutMs ?? 180_000;
      void post({ id: nextId++, type: 'close' });
      exited = new Promise<void>((resolve) => {
        // A worker stuck in a long statement still gets stopped; SQLite's journal keeps the file whole.
        const timer = setTimeout(() => void worker.terminate(), timeoutMs);
        void ended.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return exited;
    },
  };
}
