// The import's reading thread (see reading.ts): opens the file again, reads it past its header,
// and checks every row (shape, card guard, CustomerInput), sending batches of checked rows to the
// writer. It sends one batch for each one the writer takes, plus a few ahead, and no more.
import { parentPort, workerData } from 'node:worker_threads';
import { CoreError } from '../../../shared/contract/result';
import { type ReadWorkerData, type ReadWorkerMessage, readChunk } from './reading';
import { readTable } from './table';

const port = parentPort;
if (!port) throw new Error('read-worker must be started as a worker_threads Worker.');
const spec = workerData as ReadWorkerData;
// A Buffer arrives as a plain Uint8Array: make it a Buffer again (same memory) for the readers.
if (spec.input.kind === 'bytes') {
  const b = spec.input.bytes;
  spec.input.bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

let credit = spec.ahead;
let wake: (() => void) | null = null;
port.on('message', () => {
  credit++;
  wake?.();
  wake = null;
});

const send = (message: ReadWorkerMessage) => port.postMessage(message);

async function main(): Promise<void> {
  const table = await readTable(spec.input);
  try {
    for (;;) {
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      const batch = await readChunk(table, spec, spec.batchRows);
      send({
        type: 'batch',
        rows: JSON.stringify(batch.rows),
        end: batch.end,
        broken: batch.broken,
        progress: table.progress(),
      });
      if (batch.end) return;
    }
  } finally {
    table.close();
  }
}

main().then(
  () => port.close(),
  (error: unknown) => {
    send({ type: 'error', message: error instanceof CoreError ? error.message : null });
    port.close();
  },
);
