// Running an import as a job the caller steps through: each step reads the next chunk of rows
// and writes it in one transaction (with its audit entry), so the window shows progress and can
// cancel between steps, and the single writer is never held for long.
//
// All-or-nothing: chunks are committed as they go (a transaction cannot stay open across calls
// without taking every other window's writes with it), and any row error, a cancel, or the file
// changing under us takes the whole batch back (created records deleted, updated ones restored
// from their before-images). "Import the valid rows" keeps going past bad rows; a cancel still
// takes the batch back, so a cancelled import never leaves half a file behind.
import fs from 'node:fs';
import type { Input, Output } from '../../../shared/contract';
import { FIELD_TARGET_PREFIX, type MappingTarget, type OnMatch } from '../../../shared/contract/imports';
import { CoreError } from '../../../shared/contract/result';
import type { Customer, CustomerData } from '../../../shared/customer';
import { plural } from '../../../shared/format';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { insertCustomers, withBulkSettings } from '../customers/bulk';
import { getCustomer, updateCustomer } from '../customers/customers.queries';
import { writeValueProvenance } from '../customers/details.queries';
import { storedValues } from '../customers/images';
import { checkCustomer, ruleErrors, saveRules } from '../customers/save';
import { storageError } from '../db/open';
import { batchOf, getBatch, insertBatch, keepBefore, saveCounts, setStatus, upsertTemplate } from './imports.queries';
import { dropJob, dropPreview, findJob, findPreview, type Job, keepJob, noteErrors } from './jobs';
import { checkMapping, headerSignature } from './mapping';
import { createMatcher, type MatchKeys, matchKeys } from './matching';
import { mergeCustomer, sameData } from './merge';
import { CHUNK_ROWS, type Chunk, MAX_CHUNK_ROWS, openRows, readTuning } from './reading';
import { stillInFile, whyNotWritten } from './recover';
import { type TakenBack, takeBackBatch } from './rollback';
import { type CheckedRow, type RowError, targetOf } from './rows';
import { type FileInput, openTable } from './table';
import { indexUnchanged, isPlain, noteIndex, refKey, watchIndex } from './term-filter';
import { importFields, writeImportedValues } from './values';

/**
 * About how long one step should take: long enough that a commit's fixed costs are shared by
 * many rows (2,000-row steps wrote 9 % slower than 5,000-row ones), short enough that progress
 * moves, cancel answers, and the counter's own calls, queued behind a step, wait little.
 */
const STEP_MS = 250;

/** The rows for the next step, from how long this one took for how many. */
function nextChunkRows(rows: number, ms: number): number {
  if (rows === 0 || ms <= 0) return CHUNK_ROWS;
  return Math.max(CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS, Math.round((rows * STEP_MS) / ms)));
}

type Progress = Output<'imports.step'>;

function statOf(input: FileInput): Job['stat'] {
  if (input.kind !== 'path') return null;
  const s = fs.statSync(input.path);
  return { size: s.size, mtimeMs: s.mtimeMs };
}

/** A low guess at the bytes of one row of a customer file, to size things for a large import. */
const BYTES_PER_ROW = 100;
const sizeOf = (input: FileInput, stat: Job['stat']) =>
  input.kind === 'bytes' ? input.bytes.length : (stat?.size ?? 0);

/** Start from a preview: the batch is recorded, the file opened again from the top. */
export async function startImport(ctx: Context, input: Input<'imports.start'>): Promise<Output<'imports.start'>> {
  const preview = findPreview(ctx.db, input.preview_id);
  if (!preview) throw new CoreError('NOT_FOUND', 'That preview has expired: choose the file again.');
  const fields = importFields(ctx.db);
  const problem = checkMapping(input.mapping, preview.header.length, new Set(fields.map((f) => f.key)));
  if (problem) throw new CoreError('INVALID_INPUT', problem, [{ path: 'mapping', message: problem }]);
  const table = await openTable(preview.input);
  const mapping = preview.header.map((header, i) => ({ header, target: input.mapping[i] ?? null }));
  const importId = ctx.db.transaction(() => {
    const id = insertBatch(
      ctx.db,
      {
        source: input.source,
        fileName: preview.input.name,
        format: table.format,
        mapping: JSON.stringify(mapping),
        onMatch: input.on_match,
        mode: input.mode ?? 'valid-rows',
      },
      ctx.session.user.id,
      ctx.now(),
    );
    if (input.save_template) {
      upsertTemplate(
        ctx.db,
        {
          name: input.save_template,
          source: input.source,
          signature: headerSignature(preview.header),
          mapping: JSON.stringify(Object.fromEntries(mapping.map((m) => [m.header, m.target]))),
        },
        ctx.session.user.id,
        ctx.now(),
      );
    }
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'import.start',
      entity: 'import',
      entityId: id,
      detail: { source: input.source, file: preview.input.name, mapping, on_match: input.on_match, mode: input.mode },
    });
    return id;
  })();
  const stat = statOf(preview.input);
  const spec = {
    input: preview.input,
    reader: {
      headers: preview.header,
      mapping: input.mapping,
      restoreFormulas: table.format === 'csv',
      fields,
    },
    width: preview.header.length,
  };
  const size = sizeOf(preview.input, stat);
  const large = size >= readTuning.workerMinBytes;
  const job: Job = {
    importId,
    input: preview.input,
    source: openRows(table, spec, size),
    onMatch: input.on_match,
    rowActions: new Map(
      (input.row_actions ?? []).map((a) => [a.row, { onMatch: a.on_match, customerId: a.customer_id ?? null }]),
    ),
    allOrNothing: input.mode === 'all-or-nothing',
    origin: { source: `import:${input.source}`, importId },
    fields: spec.reader.fields,
    matcher: createMatcher(ctx.db),
    rules: saveRules(ctx),
    columnOf: (path) => {
      const target = path.startsWith('fields.') ? `${FIELD_TARGET_PREFIX}${path.slice(7)}` : targetOf(path);
      const i = target ? input.mapping.indexOf(target as MappingTarget) : -1;
      return preview.header[i] ?? target ?? path;
    },
    watch: large ? watchIndex(ctx.db, Math.ceil(size / BYTES_PER_ROW)) : null,
    batchOf: (id: number) => batchOf(ctx.db, id),
    counts: { rows: 0, created: 0, updated: 0, skipped: 0, rejected: 0, matched: 0 },
    chunkRows: CHUNK_ROWS,
    errors: [],
    errorsTotal: 0,
    startedMs: Date.now(),
    total: preview.rows,
    stat,
    message: '',
  };
  keepJob(ctx.db, job);
  dropPreview(ctx.db, input.preview_id);
  return { import_id: importId, total: preview.rows };
}

/**
 * New records of the current chunk, written together (insertCustomers) at the end of the chunk
 * or as soon as a later row could match one of them — so that a row is always matched against
 * everything before it in the file, exactly as if each row had been written on its own.
 */
type Pending = { rows: CustomerData[]; terms: string[]; keys: Set<string>; unsure: boolean };

// A pending row or a lookup with a term beyond plain ASCII (isPlain) always writes the rows first.

function mayMatchPending(pending: Pending, keys: MatchKeys): boolean {
  if (pending.rows.length === 0) return false;
  if (keys.ref && pending.keys.has(refKey(keys.ref))) return true;
  const clash = (term: string) => pending.unsure || pending.keys.has(term) || !isPlain(term);
  return keys.emails.some(clash) || keys.phones.some(clash);
}

/** Without the import's filter, a pending row's lookup terms are kept to tell whether a later row could match it. */
function addPending(job: Job, pending: Pending, data: CustomerData, terms: string, keys: MatchKeys): void {
  pending.rows.push(data);
  pending.terms.push(terms);
  if (job.watch) return; // The filter holds them already (TermFilter.admit).
  if (keys.ref) pending.keys.add(refKey(keys.ref));
  for (const lookups of [keys.emails, keys.phones]) {
    for (const term of lookups) {
      pending.keys.add(term);
      if (!isPlain(term)) pending.unsure = true;
    }
  }
}

function writePending(ctx: Context, job: Job, pending: Pending): void {
  if (pending.rows.length === 0) return;
  const ids = insertCustomers(ctx.db, pending.rows, ctx.session.user.id, ctx.now(), job.origin, pending.terms);
  pending.rows.forEach((data, i) => {
    writeImportedValues(ctx.db, ids[i] as number, data.fields, job.fields, false);
  });
  pending.rows = [];
  pending.terms = [];
  pending.keys.clear();
  pending.unsure = false;
}

/**
 * The rules a counter save passes (customers/save.ts, must-haves excepted as for every import),
 * for the record this row creates or what it makes of the record it matches: the first refusal,
 * reported against the file's column. The value is not quoted back: it may be what was refused.
 */
function refusedRow(ctx: Context, job: Job, row: number, stored: Customer | null, data: CustomerData): RowError | null {
  const refused = ruleErrors(() => checkCustomer(ctx, stored, data, 'import', job.rules));
  const first = refused?.[0];
  return first ? { row, column: job.columnOf(first.path), message: first.message, value: '' } : null;
}

/** The register values a row will write on a match: with update-empty, only those the record lacks. */
function valuesToWrite(
  ctx: Context,
  id: number,
  data: CustomerData,
  action: OnMatch,
): CustomerData['fields'] | undefined {
  if (!data.fields || action !== 'update-empty') return data.fields;
  const held = new Set(storedValues(ctx.db, id).map((v) => v.field_key));
  return Object.fromEntries(Object.entries(data.fields).filter(([key]) => !held.has(key)));
}

/** Write one valid row: create, or act on the record it matches. Returns an error to report, if any. */
function writeRow(
  ctx: Context,
  job: Job,
  pending: Pending,
  { row, data, terms }: Extract<CheckedRow, { ok: true }>,
): RowError | null {
  const c = job.counts;
  const keys = matchKeys(data);
  // With the filter, a row none of whose terms was seen before matches nothing, in the index or
  // among the rows waiting to be written: no lookup, and they need not be written first.
  const filter = job.watch?.filter;
  const maybe = filter ? filter.admit(keys) : true;
  if (maybe && (filter || mayMatchPending(pending, keys))) writePending(ctx, job, pending);
  const rowAction = job.rowActions.get(row);
  // A probable match the person chose to act on stands in for an exact one (which still wins).
  const chosen = rowAction?.customerId ? { id: rowAction.customerId, by: 'probable' as const } : null;
  const match = (maybe ? job.matcher(data, keys) : null) ?? chosen;
  const action: OnMatch = rowAction?.onMatch ?? job.onMatch;
  if (match) c.matched++;
  if (!match || action === 'create') {
    if (match?.by === 'ref') {
      return {
        row,
        column: 'ref',
        message: `Customer number ${data.ref} is already used by another record.`,
        value: '',
      };
    }
    const refused = refusedRow(ctx, job, row, null, data);
    if (refused) return refused;
    addPending(job, pending, data, terms, keys);
    c.created++;
    return null;
  }
  if (action === 'skip') {
    c.skipped++;
    return null;
  }
  const existing = getCustomer(ctx.db, match.id);
  if (!existing) return { row, column: '', message: 'The matching record disappeared during the import.', value: '' };
  const merged = mergeCustomer(existing, data, action);
  const refused = refusedRow(ctx, job, row, existing, {
    ...merged,
    fields: valuesToWrite(ctx, match.id, data, action),
  });
  if (refused) return refused;
  const valuesBefore = data.fields ? storedValues(ctx.db, match.id) : [];
  const valuesChanged = writeImportedValues(ctx.db, match.id, data.fields, job.fields, action === 'update-empty');
  if (sameData(existing, merged) && valuesChanged.size === 0) {
    c.skipped++;
    return null;
  }
  // Also when only register values changed: the new version is what tells undo the record is untouched since.
  // The merged record's lookup terms are the record's own and this row's: the filter has both already.
  updateCustomer(ctx.db, match.id, existing.version, merged, ctx.session.user.id, ctx.now(), job.origin);
  writeValueProvenance(ctx.db, match.id, valuesChanged, ctx.session.user.id, ctx.now(), job.origin);
  // A record this same import created is simply deleted on undo: no before-image needed.
  if (job.batchOf(match.id) !== job.importId) {
    keepBefore(ctx.db, job.importId, { ...existing, stored_values: valuesBefore }, existing.version + 1);
  }
  c.updated++;
  return null;
}

function progressOf(ctx: Context, job: Job | undefined, importId: number): Progress {
  const batch = getBatch(ctx.db, importId);
  if (!batch) throw new CoreError('NOT_FOUND', 'There is no such import.');
  const done = job?.counts.rows ?? batch.rows;
  const elapsed = job ? (Date.now() - job.startedMs) / 1000 : 0;
  const fraction = job?.source.progress() ?? 1;
  const total = Math.max(done, job?.total || (fraction > 0 ? Math.round(done / fraction) : done));
  const rate = elapsed > 0 ? done / elapsed : 0;
  const finished = batch.status !== 'running';
  return {
    import_id: importId,
    status: batch.status as Progress['status'],
    done,
    total,
    rows: batch.rows,
    created: batch.created,
    updated: batch.updated,
    skipped: batch.skipped,
    rejected: batch.rejected,
    matched: batch.matched,
    rows_per_s: Math.round(rate),
    eta_s: finished || rate === 0 ? 0 : Math.round((total - done) / rate),
    finished,
    message: batch.message,
    errors_total: job?.errorsTotal ?? 0,
  };
}

/**
 * Take a batch back, or say exactly what it left in the file. A write refused halfway (a full
 * disk) leaves the batch running with no job, so the next step, a cancel or the next open of the
 * file takes it back, and the message counts what is in the file now.
 */
function takeBackOrSay(
  ctx: Context,
  importId: number,
  action: Parameters<typeof takeBackBatch>[4],
  stopped: string,
): TakenBack {
  try {
    return takeBackBatch(ctx.db, importId, ctx.session.user.id, ctx.now(), action);
  } catch (error) {
    dropJob(ctx.db, importId);
    const problem = storageError(error, ctx.vault.path);
    const reason = whyNotWritten(error);
    const why = stopped.includes(reason) ? '' : ` (${reason})`;
    throw new CoreError(
      problem.code,
      `${stopped} What it had written could not all be taken back${why}: ${stillInFile(ctx.db, importId)} It is taken back when you cancel the import or the file is next opened.`,
    );
  }
}

/** What stays of a batch taken back: nothing, or records edited since that undo leaves alone. */
function keptSince(taken: TakenBack): string {
  if (taken.kept === 0) return '';
  return ` ${plural(taken.kept, 'record')} it had changed ${taken.kept === 1 ? 'was' : 'were'} edited since and kept as ${taken.kept === 1 ? 'it is' : 'they are'}.`;
}

/** Stop with everything taken back; the job stays in memory for its error report. */
function fail(
  ctx: Context,
  job: Job,
  status: 'failed' | 'cancelled',
  message: string,
  stopped = status === 'failed' ? 'The import stopped.' : 'The import was not cancelled.',
): void {
  job.source.close();
  const action = status === 'failed' ? 'import.fail' : 'import.cancel';
  const taken = takeBackOrSay(ctx, job.importId, action, stopped);
  const said = message + keptSince(taken);
  ctx.db.transaction(() => {
    saveCounts(ctx.db, job.importId, job.counts);
    setStatus(ctx.db, job.importId, status, { finished: ctx.now(), closed: ctx.now() }, said);
  })();
  job.message = said;
}

function fileChanged(job: Job): string | null {
  if (job.input.kind !== 'path' || !job.stat) return null;
  let now: fs.Stats;
  try {
    now = fs.statSync(job.input.path);
  } catch {
    return `The file ${job.input.name} disappeared during the import. Nothing was imported: what had been written was taken back.`;
  }
  if (now.size !== job.stat.size || now.mtimeMs !== job.stat.mtimeMs) {
    return `The file ${job.input.name} changed during the import. Nothing was imported: what had been written was taken back.`;
  }
  return null;
}

/** One chunk in one transaction: its rows written, the batch's counts saved and audited. */
function writeChunk(ctx: Context, job: Job, chunk: Chunk, errors: RowError[]): void {
  ctx.db.transaction(() => {
    const before = { ...job.counts };
    const pending: Pending = { rows: [], terms: [], keys: new Set(), unsure: false };
    for (const r of chunk.rows) {
      job.counts.rows++;
      const problem = r.ok ? writeRow(ctx, job, pending, r) : null;
      if (!r.ok || problem) {
        job.counts.rejected++;
        errors.push(...(r.ok ? [problem as RowError] : r.errors));
      }
    }
    writePending(ctx, job, pending);
    if (chunk.broken) {
      job.counts.rows++;
      job.counts.rejected++;
      errors.push({ row: chunk.broken.row, column: '', message: chunk.broken.message, value: '' });
    }
    saveCounts(ctx.db, job.importId, job.counts);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'import.rows',
      entity: 'import',
      entityId: job.importId,
      detail: {
        rows: job.counts.rows - before.rows,
        created: job.counts.created - before.created,
        updated: job.counts.updated - before.updated,
        rejected: job.counts.rejected - before.rejected,
      },
    });
  })();
}

export async function stepImport(ctx: Context, { import_id }: { import_id: number }): Promise<Progress> {
  const job = findJob(ctx.db, import_id);
  const batch = getBatch(ctx.db, import_id);
  if (!batch) throw new CoreError('NOT_FOUND', 'There is no such import.');
  if (batch.status !== 'running') return progressOf(ctx, job, import_id);
  if (!job) {
    // Custodian was closed in the middle of this import: take it back rather than leave half a file.
    const taken = takeBackOrSay(ctx, import_id, 'import.fail', 'The import was cut off.');
    setStatus(
      ctx.db,
      import_id,
      'failed',
      { finished: ctx.now(), closed: ctx.now() },
      `The import was cut off; what it had written was taken back.${keptSince(taken)}`,
    );
    return progressOf(ctx, undefined, import_id);
  }
  const changed = fileChanged(job);
  if (changed) {
    fail(ctx, job, 'failed', changed);
    return progressOf(ctx, job, import_id);
  }
  const stepStart = performance.now();
  let chunk: Chunk;
  try {
    chunk = await job.source.next(job.chunkRows);
  } catch (error) {
    const reason =
      error instanceof CoreError ? error.message : `The import file ${job.input.name} could not be read to the end.`;
    fail(ctx, job, 'failed', `${reason} Nothing was imported: what had been written was taken back.`);
    return progressOf(ctx, job, import_id);
  }
  // Someone else wrote to the index since the last step: the filter may miss a term now.
  if (job.watch && !indexUnchanged(ctx.db, job.watch)) job.watch = null;
  const errors: RowError[] = [];
  const counted = { ...job.counts };
  try {
    withBulkSettings(ctx.db, () => writeChunk(ctx, job, chunk, errors));
  } catch (error) {
    // The chunk's transaction is already rolled back (a full disk, say): its rows are not counted,
    // the import ends here, taken back, and the reading thread stops (it would wait forever).
    Object.assign(job.counts, counted);
    const problem = storageError(error, ctx.vault.path);
    if (problem.code === 'INTERNAL')
      console.error('[custodian] import step failed:', (error as Error)?.message?.slice(0, 200));
    const stopped = `The import stopped after ${job.counts.rows.toLocaleString('en-GB')} rows: ${whyNotWritten(error)}.`;
    fail(ctx, job, 'failed', `${stopped} Nothing was imported: what had been written was taken back.`, stopped);
    return progressOf(ctx, job, import_id);
  }
  job.chunkRows = nextChunkRows(chunk.rows.length, performance.now() - stepStart);
  if (job.watch) noteIndex(ctx.db, job.watch);
  noteErrors(job, errors);
  const first = errors[0];
  if (job.allOrNothing && first) {
    const where = `row ${first.row}${first.column ? `, ${first.column}` : ''}`;
    fail(
      ctx,
      job,
      'failed',
      `${where}: ${first.message} Nothing was imported (all or nothing): fix the file, or choose to import the valid rows.`,
    );
  } else if (chunk.end) {
    job.source.close();
    const message = chunk.broken ? `Reading stopped at row ${chunk.broken.row}: ${chunk.broken.message}` : '';
    ctx.db.transaction(() => {
      setStatus(ctx.db, job.importId, 'finished', { finished: ctx.now() }, message);
      appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
        action: 'import.finish',
        entity: 'import',
        entityId: job.importId,
        detail: { ...job.counts },
      });
    })();
  }
  return progressOf(ctx, job, import_id);
}

export function cancelImport(ctx: Context, { import_id }: { import_id: number }): Progress {
  const job = findJob(ctx.db, import_id);
  const batch = getBatch(ctx.db, import_id);
  if (!batch) throw new CoreError('NOT_FOUND', 'There is no such import.');
  if (batch.status !== 'running') {
    throw new CoreError('CONFLICT', `This import is already ${batch.status}: use undo to take back a finished import.`);
  }
  if (job) fail(ctx, job, 'cancelled', 'Cancelled: what had been written was taken back.');
  else {
    const taken = takeBackOrSay(ctx, import_id, 'import.cancel', 'The import was not cancelled.');
    setStatus(
      ctx.db,
      import_id,
      'cancelled',
      { finished: ctx.now(), closed: ctx.now() },
      `Cancelled: what had been written was taken back.${keptSince(taken)}`,
    );
  }
  return progressOf(ctx, job, import_id);
}

export function undoImport(ctx: Context, { import_id }: { import_id: number }): Output<'imports.undo'> {
  const batch = getBatch(ctx.db, import_id);
  if (!batch) throw new CoreError('NOT_FOUND', 'There is no such import.');
  if (batch.format === 'pack')
    throw new CoreError('CONFLICT', 'This batch is the merge of an event pack: undo it from the event packs page.');
  if (batch.status === 'confirmed')
    throw new CoreError('CONFLICT', 'This import was confirmed: it can no longer be undone.');
  if (batch.status === 'running') throw new CoreError('CONFLICT', 'This import is still running: cancel it instead.');
  if (batch.status !== 'finished') throw new CoreError('CONFLICT', `This import is already ${batch.status}.`);
  let taken: TakenBack;
  try {
    taken = takeBackBatch(ctx.db, import_id, ctx.session.user.id, ctx.now(), 'import.undo');
  } catch (error) {
    // Undo works in steps of its own: some may be done. Say what is still there, not "nothing was saved".
    throw new CoreError(
      storageError(error, ctx.vault.path).code,
      `The undo stopped (${whyNotWritten(error)}): ${stillInFile(ctx.db, import_id)} Undo again once that is fixed: it carries on where it stopped.`,
    );
  }
  setStatus(ctx.db, import_id, 'undone', { closed: ctx.now() });
  dropJob(ctx.db, import_id);
  return { import_id, ...taken };
}
