// What lives in memory between calls: previews (the file, its header, what the scan found) and
// running imports (the open file, the counts so far). Kept per open database; an app restart
// forgets them — a batch left 'running' is then taken back when the file is next opened
// (recover.ts).

import crypto from 'node:crypto';
import type { OnMatch } from '../../../shared/contract/imports';
import type { FieldDefinition } from '../../../shared/custom-fields';
import type { SaveRules } from '../customers/save';
import type { DB } from '../db/open';
import type { BatchCounts } from './imports.queries';
import type { createMatcher } from './matching';
import type { RowSource } from './reading';
import type { RowError } from './rows';
import type { FileInput, Table } from './table';
import type { IndexWatch } from './term-filter';

const MAX_KEPT_ERRORS = 10_000;

type Preview = {
  id: string;
  input: FileInput;
  format: Table['format'];
  header: string[];
  rows: number;
  errors: RowError[];
  errorsTotal: number;
};

export type Job = {
  importId: number;
  input: FileInput;
  /** The rows, read and checked ahead of the writer. */
  source: RowSource;
  onMatch: OnMatch;
  /** Per-row exceptions; `customerId` names the record a probable match (not an exact one) acts on. */
  rowActions: Map<number, { onMatch: OnMatch; customerId: number | null }>;
  allOrNothing: boolean;
  origin: { source: string; importId: number };
  /** The register's fields columns may be mapped to (values are written with the records). */
  fields: readonly FieldDefinition[];
  matcher: ReturnType<typeof createMatcher>;
  /** The register as the save rules read it, once for the batch (customers/save.ts). */
  rules: SaveRules;
  /** The file's header for a field a rule refused ('notes' → "Comments"), to report it against. */
  columnOf: (path: string) => string;
  /** For a large import: which email and phone terms the search index may have (term-filter.ts). */
  watch: IndexWatch | null;
  /** The batch that created a record (null for records from elsewhere). */
  batchOf: (customerId: number) => number | null;
  counts: BatchCounts;
  /** Rows to ask for in the next step (sized so that a step takes about STEP_MS). */
  chunkRows: number;
  errors: RowError[];
  errorsTotal: number;
  startedMs: number;
  total: number;
  /** For a file on disk: what it was when the import started, to notice it changing or going. */
  stat: { size: number; mtimeMs: number } | null;
  message: string;
};

type Store = { previews: Map<string, Preview>; jobs: Map<number, Job> };
const stores = new WeakMap<DB, Store>();
const MAX_PREVIEWS = 3;

function store(db: DB): Store {
  let s = stores.get(db);
  if (!s) {
    s = { previews: new Map(), jobs: new Map() };
    stores.set(db, s);
  }
  return s;
}

export function keepPreview(db: DB, preview: Omit<Preview, 'id'>): Preview {
  const previews = store(db).previews;
  const kept = { ...preview, id: crypto.randomUUID() };
  previews.set(kept.id, kept);
  // The file's bytes are held only for the few most recent previews.
  for (const id of previews.keys()) if (previews.size > MAX_PREVIEWS) previews.delete(id);
  return kept;
}

export const findPreview = (db: DB, id: string) => store(db).previews.get(id);
export const dropPreview = (db: DB, id: string) => store(db).previews.delete(id);
export const keepJob = (db: DB, job: Job) => store(db).jobs.set(job.importId, job);
export const findJob = (db: DB, id: number) => store(db).jobs.get(id);
export const dropJob = (db: DB, id: number) => store(db).jobs.delete(id);

/** Keep the first errors for the report; count them all. */
export function noteErrors(into: { errors: RowError[]; errorsTotal: number }, errors: RowError[]): void {
  into.errorsTotal += errors.length;
  for (const e of errors) if (into.errors.length < MAX_KEPT_ERRORS) into.errors.push(e);
}
