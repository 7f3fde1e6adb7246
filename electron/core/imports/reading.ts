// Where an import's rows come from: the file read, parsed and validated in chunks, either on the
// writer's own thread or, for larger files, in a worker thread (read-worker.ts) so that the two
// cores share the work — the worker checks the next chunks while the single writer writes this
// one. The worker runs at most AHEAD batches in front of the writer, so memory stays bounded
// however large the file is.
// however large the file is. Either way the file itself was opened on a parsing thread with time
// and memory limits (parse-thread.ts), and the worker here has the same watchdog.
import { CoreError } from '../../../shared/contract/result';
import { CsvSyntaxError } from '../../../shared/csv';
import { isOutOfMemory, outOfMemory, startWorker, watchdog, workerAvailable } from './parse-thread';
import { type CheckedRow, checkRow, type RowReader } from './rows';
import type { FileInput, Table } from './table';

/** Rows in an import's first step; later steps are sized by time (job.ts), up to MAX_CHUNK_ROWS. */
export const CHUNK_ROWS = 2000;
export const MAX_CHUNK_ROWS = 5_000;
/** A chunk also ends after this many characters of fields, so that rows with long cells stay bounded too. */
const CHUNK_CHARS = 4_000_000;
/**
 * The worker sends rows in small batches: each arrives as one JSON string, and a string of more
 * than ~128 KB goes straight to the old generation, where thousands of them pile up between the
 * main thread's full collections (over 100 MB at a time). At 80 rows (25 to 63 to a chunk) it stays young and cheap.
 * The worker runs at most AHEAD batches in front of the writer.
 */
const BATCH_ROWS = 80;
/** Batches the worker may read ahead: a little more than the largest chunk (~5 MB of JSON). */
const AHEAD = Math.ceil((1.5 * MAX_CHUNK_ROWS) / BATCH_ROWS);
/** Smaller files are read on the writer's thread: starting a worker costs more than it saves. */
export const readTuning = { workerMinBytes: 1 << 20 };

export type Chunk = { rows: CheckedRow[]; end: boolean; broken: { row: number; message: string } | null };

export type RowSource = {
  /** The next chunk of at most `maxRows`; rejects with a CoreError in plain words when the file cannot be read. */
  next(maxRows?: number): Promise<Chunk>;
  /** How much of the input has been read, 0–1. */
  progress(): number;
  close(): void;
};

export type ReadSpec = { input: FileInput; reader: RowReader; width: number };

/** Read and check up to CHUNK_ROWS rows; a CSV syntax error ends the file at that row. */
export async function readChunk(table: Table, spec: Omit<ReadSpec, 'input'>, maxRows = CHUNK_ROWS): Promise<Chunk> {
  const rows: CheckedRow[] = [];
  let chars = 0;
  try {
    while (rows.length < maxRows && chars < CHUNK_CHARS) {
      const r = await table.rows.next();
      if (r.done) return { rows, end: true, broken: null };
      for (const f of r.value.fields) chars += f.length;
      rows.push(checkRow(table.format, spec.width, spec.reader, r.value.row, r.value.fields));
    }
    return { rows, end: false, broken: null };
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows, end: true, broken: { row: error.row, message: error.message } };
    throw error;
  }
}

/** On the writer's thread, from a table already opened past its header. */
function readInThread(table: Table, spec: Omit<ReadSpec, 'input'>): RowSource {
  return {
    next: (maxRows) => readChunk(table, spec, maxRows),
    progress: () => table.progress(),
    close: () => table.close(),
  };
}

/** What the worker is started with. */
export type ReadWorkerData = ReadSpec & { ahead: number; batchRows: number };

/** What the worker sends: a batch (rows as JSON: cheaper to pass than a structured clone), or why it stopped. */
export type ReadWorkerMessage =
  | { type: 'batch'; rows: string; end: boolean; broken: Chunk['broken']; progress: number }
  | { type: 'error'; message: string | null };

const UNREADABLE = 'The file could not be read to the end.';

/** In a worker thread. */
function readInWorker(spec: ReadSpec): RowSource {
  // It holds a few batches at a time: a small heap keeps the whole import within its memory budget.
  const worker = startWorker(
    'read-worker',
    { ...spec, ahead: AHEAD, batchRows: BATCH_ROWS },
    { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
  );
  // Batches stay the worker's JSON until the writer takes them, so rows waiting in the queue
  // are one string each rather than thousands of objects for the garbage collector to move.
  const ready: { rows: string; end: boolean; broken: Chunk['broken'] }[] = [];
  let failure: Error | null = null;
  let finished = false;
  let read = 0;
  let waiting: {
    resolve: (c: Chunk) => void;
    reject: (e: Error) => void;
    rows: CheckedRow[];
    chars: number;
    maxRows: number;
  } | null = null;

  const dog = watchdog(worker, (error) => {
    failure = error;
    settle();
  });
  /** Fill the waiting chunk from the batches received; hand it over when full or at the end. */
  const settle = () => {
    dog.heard();
    if (!waiting) return;
    const w = waiting;
    for (let batch = ready.shift(); batch; batch = ready.shift()) {
      // The writer took a batch: the worker may read one more ahead.
      if (!finished) worker.postMessage('more');
      for (const row of JSON.parse(batch.rows) as CheckedRow[]) w.rows.push(row);
      w.chars += batch.rows.length;
      if (batch.end || w.rows.length >= w.maxRows || w.chars >= CHUNK_CHARS) {
        waiting = null;
        w.resolve({ rows: w.rows, end: batch.end, broken: batch.broken });
        return;
      }
    }
    if (failure) {
      waiting = null;
      w.reject(failure);
    } else if (!finished) dog.waiting();
  };
  worker.on('message', (m: ReadWorkerMessage) => {
    if (m.type === 'error') {
      failure = m.message === null ? new Error(UNREADABLE) : new CoreError('INVALID_INPUT', m.message);
    } else {
      read = m.progress;
      if (m.end) finished = true;
      ready.push({ rows: m.rows, end: m.end, broken: m.broken });
    }
    settle();
  });
  worker.on('error', (error) => {
    failure ??= isOutOfMemory(error) ? outOfMemory() : new Error(UNREADABLE);
    settle();
  });
  worker.on('exit', () => {
    if (!finished) failure ??= new Error(UNREADABLE);
    settle();
  });
  return {
    next: (maxRows = CHUNK_ROWS) =>
      new Promise<Chunk>((resolve, reject) => {
        waiting = { resolve, reject, rows: [], chars: 0, maxRows };
        settle();
      }),
    progress: () => read,
    close: () => {
      finished = true;
      dog.heard();
      void worker.terminate();
    },
  };
}

/** The worker for large CSV files; the writer's own thread for small ones and for tables read whole. */
export function openRows(table: Table, spec: ReadSpec, size: number): RowSource {
  if (table.format !== 'csv' || size < readTuning.workerMinBytes || !workerAvailable('read-worker')) {
    return readInThread(table, spec);
  }
  table.close();
  return readInWorker(spec);
}
