// Every file a person gives is parsed on a thread of its own (parse-worker.ts), never on the
// writer's: the preview's, the import's and the purchases import's. The thread has a heap limit,
// and a watchdog ends it when a reader has waited PARSE_LIMITS.seconds for it without a word
// (rows, or a sign that a large part is still being parsed), so a file built to stall or exhaust
// a reader gets a refusal in plain words, the process is never taken down and the counter is
// never frozen meanwhile. Starting the reading threads (this one
// and the import's read-worker.ts) lives here too.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { CoreError } from '../../../shared/contract/result';
import { CsvSyntaxError } from '../../../shared/csv';
import type { FileInput, Table, TableRow } from './table';

/**
 * How long a reader waits for a parsing thread that says nothing, and the heap that thread may
 * use (a workbook or a vCard file is held whole). The readers are linear and answer in far less;
 * the limits catch whatever slips past them. Tests lower them.
 */
export const PARSE_LIMITS = { seconds: 10, memoryMb: 512 };

const SAVE_AGAIN = 'Save it again from the program it came from (as CSV, say) and import that.';

const timeUp = () =>
  new CoreError(
    'INVALID_INPUT',
    `This file could not be read within ${PARSE_LIMITS.seconds} seconds: it may be damaged, or made to stall a reader. ${SAVE_AGAIN}`,
  );
export const outOfMemory = () =>
  new CoreError(
    'INVALID_INPUT',
    `This file could not be read within the memory allowed for reading a file: it may be damaged, or made to exhaust a reader. ${SAVE_AGAIN}`,
  );
export const isOutOfMemory = (error: unknown) => (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * Ends the worker when a reader has waited PARSE_LIMITS.seconds without a message from it:
 * `waiting` when a reader starts (or goes on) waiting; `heard` when a message comes or the wait ends.
 */
export function watchdog(worker: Worker, fail: (error: CoreError) => void) {
  let timer: NodeJS.Timeout | null = null;
  const heard = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    heard,
    waiting() {
      heard();
      timer = setTimeout(() => {
        timer = null;
        void worker.terminate();
        fail(timeUp());
      }, PARSE_LIMITS.seconds * 1000);
    },
  };
}

const here = fileURLToPath(import.meta.url);

/**
 * A worker's script. Bundled (dist/*.cjs, where this code is inlined) it is dist/NAME.cjs beside
 * the bundle; run from the TypeScript sources (tests, benchmarks) it is NAME.ts, loaded through
 * tsx's require hook (tsx is there whenever the sources are run; its require hook, unlike its
 * import hook, adds no loader thread).
 */
type Script = 'read-worker' | 'parse-worker';
const scriptPath = (name: Script) => path.join(path.dirname(here), here.endsWith('.ts') ? `${name}.ts` : `${name}.cjs`);

function tsxHook(): string | null {
  try {
    return createRequire(here).resolve('tsx/cjs/api');
  } catch {
    return null;
  }
}

/** Can this worker be started here? */
export function workerAvailable(name: Script): boolean {
  const script = scriptPath(name);
  return fs.existsSync(script) && (!script.endsWith('.ts') || tsxHook() !== null);
}

export function startWorker(name: Script, workerData: unknown, resourceLimits: ResourceLimits): Worker {
  const script = scriptPath(name);
  // Not this process's loader flags (tsx's import hook would start a loader thread of its own).
  const options = { workerData, resourceLimits, execArgv: [] };
  if (!script.endsWith('.ts')) return new Worker(script, options);
  const boot = `require(${JSON.stringify(tsxHook())}).register(); require(${JSON.stringify(script)});`;
  return new Worker(boot, { ...options, eval: true });
}

/** What the parsing thread is started with: the rows come in batches, a few ahead of the reader. */
export type ParseWorkerData = { input: FileInput; ahead: number; batchRows: number };

/** A CSV syntax error, as it crosses between threads. */
type Syntax = { message: string; row: number; line: number };

/** What the parsing thread sends: the table's header, batches of rows (as JSON), or why it stopped. */
export type ParseWorkerMessage =
  | { type: 'open'; format: Table['format']; encoding: Table['encoding']; delimiter: string; header: string[] }
  | { type: 'rows'; rows: string; end: boolean; syntax: Syntax | null; progress: number }
  /** Still parsing (a large workbook part): the watchdog waits on. */
  | { type: 'alive' }
  | { type: 'error'; message: string | null };

/** Rows to a batch (small: each batch crosses as one young JSON string), and batches read ahead. */
const BATCH_ROWS = 80;
const AHEAD = 16;

const UNREADABLE = 'This file could not be read: it is damaged, or not a CSV, XLSX or vCard file.';

/**
 * A parsing thread started ahead, idle until it is given a file: a thread takes a few hundred
 * milliseconds to start, which would otherwise be added to every preview (a preview is read
 * again each time a mapping is changed). Started with the limits then in force.
 */
let spare: { worker: Worker; memoryMb: number; alive: boolean } | null = null;

function launch(): NonNullable<typeof spare> {
  const memoryMb = PARSE_LIMITS.memoryMb;
  const worker = startWorker('parse-worker', null, { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 16 });
  // An idle thread, or a table its caller never closed, must not keep the process alive.
  worker.unref();
  const launched = { worker, memoryMb, alive: true };
  worker.on('exit', () => {
    launched.alive = false;
  });
  worker.on('error', () => undefined);
  return launched;
}

/** A thread for the next file: the spare when it is there and sound, and a new spare after it. */
function parseWorker(): Worker {
  const ready = spare?.alive && spare.memoryMb === PARSE_LIMITS.memoryMb ? spare : null;
  if (spare && !ready) void spare.worker.terminate();
  const worker = (ready ?? launch()).worker;
  spare = launch();
  return worker;
}

/**
 * The file parsed on its own thread within PARSE_LIMITS: the same Table as table.ts's readTable,
 * its rows arriving in batches. Resolves once the header has been read; rejects with a CoreError
 * in plain words when the file is refused.
 */
export function openTableInWorker(input: FileInput): Promise<Table> {
  const worker = parseWorker();
  worker.postMessage({ input, ahead: AHEAD, batchRows: BATCH_ROWS } satisfies ParseWorkerData);
  const ready: TableRow[][] = [];
  let current: TableRow[] = [];
  let at = 0;
  let syntax: Syntax | null = null;
  let failure: Error | null = null;
  let finished = false;
  let read = 0;
  let opening: { resolve: (table: Table) => void; reject: (error: Error) => void } | null = null;
  let waiting: { resolve: (r: IteratorResult<TableRow>) => void; reject: (e: Error) => void } | null = null;

  /** Answer whoever waits (the opener, or a reader of the next row) if there is an answer yet. */
  const settle = () => {
    dog.heard();
    if (opening) {
      if (!failure) return dog.waiting();
      opening.reject(failure);
      opening = null;
      return;
    }
    if (!waiting) return;
    const w = waiting;
    while (at >= current.length && ready.length > 0) {
      current = ready.shift() as TableRow[];
      at = 0;
      // The reader took a batch: the thread may parse one more ahead.
      if (!finished) worker.postMessage('more');
    }
    let answer: (() => void) | null = null;
    if (at < current.length) {
      const value = current[at++] as TableRow;
      answer = () => w.resolve({ done: false, value });
    } else if (syntax) {
      const s = syntax;
      answer = () => w.reject(new CsvSyntaxError(s.message, s.row, s.line));
    } else if (failure) {
      const f = failure;
      answer = () => w.reject(f);
    } else if (finished) answer = () => w.resolve({ done: true, value: undefined });
    if (!answer) return dog.waiting();
    waiting = null;
    answer();
  };
  const dog = watchdog(worker, (error) => {
    failure ??= error;
    finished = true;
    settle();
  });
  const close = () => {
    finished = true;
    dog.heard();
    void worker.terminate();
  };

  worker.on('message', (m: ParseWorkerMessage) => {
    if (m.type === 'open') {
      const o = opening;
      opening = null;
      o?.resolve({
        format: m.format,
        encoding: m.encoding,
        delimiter: m.delimiter,
        header: m.header,
        rows: {
          next: () =>
            new Promise<IteratorResult<TableRow>>((resolve, reject) => {
              waiting = { resolve, reject };
              settle();
            }),
        },
        progress: () => read,
        close,
      });
    } else if (m.type === 'rows') {
      read = m.progress;
      ready.push(JSON.parse(m.rows) as TableRow[]);
      syntax = m.syntax;
      if (m.end) finished = true;
    } else if (m.type === 'error') {
      failure ??= new CoreError('INVALID_INPUT', m.message ?? UNREADABLE);
      finished = true;
    }
    settle();
  });
  worker.on('error', (error) => {
    failure ??= isOutOfMemory(error) ? outOfMemory() : new CoreError('INVALID_INPUT', UNREADABLE);
    finished = true;
    settle();
  });
  worker.on('exit', () => {
    if (!finished) failure ??= new CoreError('INVALID_INPUT', UNREADABLE);
    finished = true;
    settle();
  });
  return new Promise<Table>((resolve, reject) => {
    opening = { resolve, reject };
    settle();
  });
}
