// Where an import's rows come from: the file read, parsed and validated in chunks, either on the
// writer's own thread or, for larger files, in a worker thread (read-worker.ts) so that the two
// cores share the work — the worker checks the next chunks while the single writer writes this
// one. The worker runs at most AHEAD chunks in front of the writer, so memory stays bounded
// however large the file is.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CoreError } from '../../../shared/contract/result';
import { CsvSyntaxError } from '../../../shared/csv';
import { type CheckedRow, checkRow, type RowReader } from './rows';
import type { FileInput, Table } from './table';

export const CHUNK_ROWS = 2000;
/** Chunks the worker may have checked and sent before the writer asks for more. */
const AHEAD = 3;
/** Smaller files are read on the writer's thread: starting a worker costs more than it saves. */
export const readTuning = { workerMinBytes: 1 << 20 };

export type Chunk = { rows: CheckedRow[]; end: boolean; broken: { row: number; message: string } | null };

export type RowSource = {
  /** The next chunk; rejects with a CoreError in plain words when the file cannot be read. */
  next(): Promise<Chunk>;
  /** How much of the input has been read, 0–1. */
  progress(): number;
  close(): void;
};

export type ReadSpec = { input: FileInput; reader: RowReader; width: number };

/** Read and check up to CHUNK_ROWS rows; a CSV syntax error ends the file at that row. */
export async function readChunk(table: Table, spec: Omit<ReadSpec, 'input'>): Promise<Chunk> {
  const rows: CheckedRow[] = [];
  try {
    while (rows.length < CHUNK_ROWS) {
      const r = await table.rows.next();
      if (r.done) return { rows, end: true, broken: null };
      rows.push(checkRow(table.format, spec.width, spec.reader, r.value.row, r.value.fields));
    }
    return { rows, end: false, broken: null };
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows, end: true, broken: { row: error.row, message: error.message } };
    throw error;
  }
}

/** On the writer's thread, from a table already opened past its header. */
export function readInThread(table: Table, spec: Omit<ReadSpec, 'input'>): RowSource {
  return { next: () => readChunk(table, spec), progress: () => table.progress(), close: () => table.close() };
}

/** What the worker is started with. */
export type ReadWorkerData = ReadSpec & { ahead: number };

/** What the worker sends: a chunk (rows as JSON: cheaper to pass than a structured clone), or why it stopped. */
export type ReadWorkerMessage =
  | { type: 'chunk'; rows: string; end: boolean; broken: Chunk['broken']; progress: number }
  | { type: 'error'; message: string | null };

const here = fileURLToPath(import.meta.url);

/**
 * The worker's script. Bundled (dist/*.cjs, where this code is inlined) it is dist/read-worker.cjs
 * beside the bundle; run from the TypeScript sources (tests, benchmarks) it is read-worker.ts,
 * loaded through tsx, which is there whenever the sources are run.
 */
function startWorker(workerData: ReadWorkerData): Worker {
  if (!here.endsWith('.ts')) return new Worker(path.join(path.dirname(here), 'read-worker.cjs'), { workerData });
  const source = pathToFileURL(path.join(path.dirname(here), 'read-worker.ts')).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

const UNREADABLE = 'The file could not be read to the end.';

/** In a worker thread. */
export function readInWorker(spec: ReadSpec): RowSource {
  const worker = startWorker({ ...spec, ahead: AHEAD });
  const ready: Chunk[] = [];
  let failure: Error | null = null;
  let finished = false;
  let read = 0;
  let waiting: { resolve: (c: Chunk) => void; reject: (e: Error) => void } | null = null;

  const settle = () => {
    if (!waiting) return;
    const w = waiting;
    const chunk = ready.shift();
    if (chunk) {
      waiting = null;
      w.resolve(chunk);
    } else if (failure) {
      waiting = null;
      w.reject(failure);
    }
  };
  worker.on('message', (m: ReadWorkerMessage) => {
    if (m.type === 'error') {
      failure = m.message === null ? new Error(UNREADABLE) : new CoreError('INVALID_INPUT', m.message);
    } else {
      read = m.progress;
      if (m.end) finished = true;
      ready.push({ rows: JSON.parse(m.rows) as CheckedRow[], end: m.end, broken: m.broken });
    }
    settle();
  });
  worker.on('error', () => {
    failure ??= new Error(UNREADABLE);
    settle();
  });
  worker.on('exit', () => {
    if (!finished) failure ??= new Error(UNREADABLE);
    settle();
  });
  return {
    next: () =>
      new Promise<Chunk>((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
        // The writer took one: the worker may read one more ahead.
        if (!finished && !failure) worker.postMessage('more');
      }),
    progress: () => read,
    close: () => {
      finished = true;
      void worker.terminate();
    },
  };
}

/** The worker for large files, the writer's own thread for small ones (and tables read whole). */
export function openRows(table: Table, spec: ReadSpec, size: number): RowSource {
  if (table.format !== 'csv' || size < readTuning.workerMinBytes) return readInThread(table, spec);
  table.close();
  return readInWorker(spec);
}
