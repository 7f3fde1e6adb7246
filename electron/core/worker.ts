// The core's thread: owns the one connection to the customer file (the single writer) and
// answers each {id, token, method, input} with {id, result}. The dispatch is async (password
// hashing runs off-thread), so requests are queued and run strictly one after another: no two
// calls interleave around an await, and 'close' runs only after everything sent before it.
import { parentPort, workerData } from 'node:worker_threads';
import type { Result } from '../../shared/contract/result';
import { createCore } from './api';
import type { WorkerData, WorkerReply, WorkerRequest } from './worker-client';

const port = parentPort;
if (!port) throw new Error('core-worker must be started as a worker_threads Worker.');

const data = workerData as WorkerData | undefined;
if (typeof data?.file !== 'string' || data.file === '') throw new Error('core-worker needs workerData.file.');

const core = createCore(data.file, { automaticBackups: true });

const FAILED: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Something went wrong with the customer file. Nothing was changed.' },
};

async function handle(message: WorkerRequest): Promise<void> {
  if ('type' in message) {
    // Close the file first (with its closing backup when one is due; the WAL is checkpointed and
    // the key leaves memory), then let the thread end on its own by closing the port.
    try {
      await core.shutdown();
    } finally {
      port?.postMessage({ id: message.id, result: { ok: true, value: {} } } satisfies WorkerReply);
      port?.close();
    }
    return;
  }
  let result: Result<unknown>;
  try {
    result = await core.dispatch(message.token, message.method, message.input);
  } catch {
    // The dispatch turns errors into values already; this is the last line, never expected.
    result = FAILED;
  }
  port?.postMessage({ id: message.id, result } satisfies WorkerReply);
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: WorkerRequest) => {
  queue = queue.then(() => handle(message));
});
