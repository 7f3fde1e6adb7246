// The parsing thread (see parse-thread.ts): opens the file, reads it past its header, and sends
// the table's rows to the reader in batches — one for each batch the reader takes, plus a few
// ahead, and no more. Kept light (no row checking, no schemas) so that it starts quickly.
import { parentPort } from 'node:worker_threads';
import { CoreError } from '../../../shared/contract/result';
import { CsvSyntaxError } from '../../../shared/csv';
import { xmlProgress } from '../formats/xml';
import type { ParseWorkerData, ParseWorkerMessage } from './parse-thread';
import { readTable, type TableRow } from './table';

const port = parentPort;
if (!port) throw new Error('parse-worker must be started as a worker_threads Worker.');

// Started ahead of need (parse-thread.ts): the first message is the file, those after it are
// the reader's "one more batch".
let spec: ParseWorkerData | null = null;
let credit = 0;
let wake: (() => void) | null = null;
port.on('message', (message: ParseWorkerData | 'more') => {
  if (message === 'more') {
    credit++;
    wake?.();
    wake = null;
  } else if (!spec) {
    spec = message;
    credit = spec.ahead;
    // A Buffer arrives as a plain Uint8Array: make it a Buffer again (same memory) for the readers.
    if (spec.input.kind === 'bytes') {
      const b = spec.input.bytes;
      spec.input.bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    }
    main(spec).then(
      () => port.close(),
      (error: unknown) => {
        send({ type: 'error', message: error instanceof CoreError ? error.message : null });
        port.close();
      },
    );
  }
});

const send = (message: ParseWorkerMessage) => port.postMessage(message);

// A workbook's parts are parsed whole before its first row: say, at most once a second, that the
// parse is moving, so that the reader's watchdog only ends a thread that has stopped moving.
let lastSign = Date.now();
xmlProgress.tick = () => {
  const now = Date.now();
  if (now - lastSign < 1000) return;
  lastSign = now;
  send({ type: 'alive' });
};

async function main(spec: ParseWorkerData): Promise<void> {
  const table = await readTable(spec.input);
  try {
    send({
      type: 'open',
      format: table.format,
      encoding: table.encoding,
      delimiter: table.delimiter,
      header: table.header,
    });
    for (let end = false; !end; ) {
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      const rows: TableRow[] = [];
      let syntax = null;
      try {
        while (rows.length < spec.batchRows) {
          const r = await table.rows.next();
          if (r.done) {
            end = true;
            break;
          }
          rows.push(r.value);
        }
      } catch (error) {
        // The rows before a CSV syntax error are good: they go, then the error, then nothing.
        if (!(error instanceof CsvSyntaxError)) throw error;
        syntax = { message: error.message, row: error.row, line: error.line };
        end = true;
      }
      send({ type: 'rows', rows: JSON.stringify(rows), end, syntax, progress: table.progress() });
    }
  } finally {
    table.close();
  }
}
