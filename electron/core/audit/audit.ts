// The audit log: who viewed, searched, created, changed, exported or handed over what, and when.
// Written in the same transaction as the change. Append-only and hash-chained: each entry's MAC
// covers its fields, the hash of its payload and the previous entry's MAC; the head (last seq
// and MAC) is itself MACed in meta, so an edit, insertion, removal or truncation is detected.
// The MAC key is random per file and lives inside the encrypted file: the chain catches any
// change made outside Custodian (an SQL editor, a script), not someone who runs our code with
// the file passphrase (see README, "Audit").
import crypto from 'node:crypto';
import type { AuditAction } from '../../../shared/audit-actions';
import { readMeta, writeMeta } from '../db/meta';
import type { DB } from '../db/open';
import { type AuditRow, entryPage } from './audit.queries';
import {
  type ChainRow,
  deletePayloads,
  entriesFrom,
  entryAt,
  insertEntry,
  lastEntry,
  orphanPayload,
  searchQueries,
} from './chain.queries';

type AuditEntry = {
  /** Only actions in the catalogue (shared/audit-actions.ts): each has a label on the audit screen. */
  action: AuditAction;
  entity?: string;
  entityId?: number | null;
  detail?: Record<string, unknown>;
};

const GENESIS = 'genesis';
const keys = new WeakMap<DB, Buffer>();

/** Create the file's audit key (once, at file creation). */
export function initAudit(db: DB): void {
  if (!writeMeta(db, 'audit_key', crypto.randomBytes(32).toString('hex'), 'first')) throw new Error('audit key exists');
}

function auditKey(db: DB): Buffer {
  let key = keys.get(db);
  if (!key) {
    const value = readMeta(db, 'audit_key');
    if (!value) throw new Error('audit key missing');
    key = Buffer.from(value, 'hex');
    keys.set(db, key);
  }
  return key;
}

// crypto.hash: one call into the engine, a third of createHash's time (the walk hashes every entry).
const sha256 = (text: string) => crypto.hash('sha256', text);

function macOf(key: Buffer, r: Omit<ChainRow, 'mac'>): string {
  const fields = [r.seq, r.at, r.user_id ?? '', r.action, r.entity, r.entity_id ?? '', r.payload_hash, r.prev];
  return crypto.createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex');
}

function headMac(key: Buffer, seq: number, mac: string): string {
  return crypto.createHmac('sha256', key).update(`head:${seq}:${mac}`).digest('hex');
}

/** Append one entry now, after any reads still waiting, in the caller's transaction if any. */
export function appendAudit(db: DB, userId: number | null, now: string, entry: AuditEntry): void {
  flushAudit(db);
  writeEntry(db, userId, now, entry);
}

// The entry, its details and the head are one transaction (a savepoint inside the caller's): a
// kill between them could otherwise leave an entry without its head, which looks like a cut-off end.
function writeEntry(db: DB, userId: number | null, now: string, entry: AuditEntry): void {
  db.transaction(() => writeEntryNow(db, userId, now, entry))();
  appended.get(db)?.();
}

function writeEntryNow(db: DB, userId: number | null, now: string, entry: AuditEntry): void {
  const key = auditKey(db);
  const last = lastEntry(db);
  const detail = entry.detail ? JSON.stringify(entry.detail) : '';
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: now,
    user_id: userId,
    action: entry.action,
    entity: entry.entity ?? '',
    entity_id: entry.entityId ?? null,
    payload_hash: sha256(detail),
    prev: last?.mac ?? GENESIS,
  };
  const mac = macOf(key, row);
  insertEntry(db, { ...row, mac }, detail);
  writeMeta(db, 'audit_head', `${row.seq}:${headMac(key, row.seq, mac)}`);
}

const appended = new WeakMap<DB, () => void>();

/** Be told after each entry is written (the vault then refreshes its copy of the head outside the file). */
export function onAppend(db: DB, listener: () => void): void {
  appended.set(db, listener);
}

// Reads (a view, a search per keystroke) are recorded in small batches rather than one commit
// each: a commit costs more than the search itself. A batch is written when it reaches
// READ_BATCH entries, after READ_DELAY_MS, before any change is recorded, and before the file
// closes or the log is read; each entry keeps the time of the read. Only a crash of the app in
// that short window can lose read entries; changes are always recorded in their own transaction.
const READ_BATCH = 50;
const READ_DELAY_MS = 250;
type Pending = { entries: [number | null, string, AuditEntry][]; timer: NodeJS.Timeout | null };
const pendingReads = new WeakMap<DB, Pending>();

export function appendReadAudit(db: DB, userId: number | null, now: string, entry: AuditEntry): void {
  let pending = pendingReads.get(db);
  if (!pending) {
    pending = { entries: [], timer: null };
    pendingReads.set(db, pending);
  }
  pending.entries.push([userId, now, entry]);
  if (pending.entries.length >= READ_BATCH) flushAudit(db);
  else pending.timer ??= setTimeout(() => db.open && flushAudit(db), READ_DELAY_MS).unref();
}

/** Write every waiting read entry, in order, in one transaction (or the caller's). */
export function flushAudit(db: DB): void {
  const pending = pendingReads.get(db);
  if (!pending || pending.entries.length === 0) return;
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = null;
  const entries = pending.entries.splice(0);
  db.transaction(() => {
    for (const [userId, at, entry] of entries) writeEntry(db, userId, at, entry);
  })();
}

/** Erase the personal payload of entries (for erasure requests); the chain stays verifiable. */
export function erasePayloads(db: DB, seqs: number[]): void {
  deletePayloads(db, seqs);
}

/**
 * The audit entries of searches whose typed query `names` picks out (for erasure: a query that
 * would find the person is their personal data). Read first, decided in JS, in one pass.
 */
export function searchesNaming(db: DB, names: (query: string) => boolean): number[] {
  flushAudit(db);
  const found: number[] = [];
  for (const [seq, q] of searchQueries(db)) if (typeof q === 'string' && names(q)) found.push(seq);
  return found;
}

type AuditCheck = { ok: boolean; entries: number; problem: string };

type Start = { seq: number; prev: string };

/**
 * Walk the chain from `start` to its end and check the head. From the first entry, any edit,
 * insertion, removal, reordering or truncation fails it; from a checkpoint, only what lies after it.
 */
function walk(db: DB, start: Start): AuditCheck {
  const key = auditKey(db);
  let prev = start.prev;
  let expectedSeq = start.seq;
  let entries = start.seq - 1;
  const fail = (problem: string): AuditCheck => ({ ok: false, entries, problem });
  for (const row of entriesFrom(db, start.seq)) {
    if (row.seq !== expectedSeq) return fail(`entry ${expectedSeq} is missing (found ${row.seq} next)`);
    if (row.prev !== prev) return fail(`entry ${row.seq} does not follow entry ${row.seq - 1}`);
    if (macOf(key, row) !== row.mac) return fail(`entry ${row.seq} was altered`);
    if (row.detail !== null && sha256(row.detail) !== row.payload_hash)
      return fail(`the details of entry ${row.seq} were altered`);
    prev = row.mac;
    expectedSeq++;
    entries++;
  }
  const orphan = orphanPayload(db, start.seq);
  if (orphan !== undefined) return fail(`details exist for entries that are not in the log (${orphan})`);
  // A file's first entry is written with the file itself: a log with none had all of them removed.
  if (entries === 0) return fail('the log is empty: every entry was removed');
  const head = readMeta(db, 'audit_head') ?? '';
  const expectedHead = `${entries}:${headMac(key, entries, prev)}`;
  if (head !== expectedHead) return fail('the end of the log was cut off or replaced');
  return { ok: true, entries, problem: '' };
}

/** Walk the whole chain. Any edit, insertion, removal, reordering or truncation fails it. */
export function verifyAudit(db: DB): AuditCheck {
  flushAudit(db);
  return walk(db, { seq: 1, prev: GENESIS });
}

// [Note: verified checkpoint] Opening a file checks the log before anything is appended to it,
// but walking a log of millions of entries at every open would cost seconds. The file keeps a
// checkpoint, MACed like the head: "the chain up to entry N, ending in MAC M, was verified".
// It is moved to the head when the file is closed (what this session wrote is trusted) and after
// each check on opening; opening walks only what lies after it, and the head. An edit further
// back is found by the full walk (`custodian check`, the owner's audit screen).
function checkpointMac(key: Buffer, seq: number, mac: string): string {
  return crypto.createHmac('sha256', key).update(`verified:${seq}:${mac}`).digest('hex');
}

function readCheckpoint(db: DB): Start | null {
  const value = readMeta(db, 'audit_verified');
  const [seq, mac, check] = (value ?? '').split(':');
  if (!seq || !mac || !check || checkpointMac(auditKey(db), Number(seq), mac) !== check) return null;
  return { seq: Number(seq), prev: mac };
}

/** Mark the chain as verified up to its current end. */
export function markVerified(db: DB): void {
  flushAudit(db);
  const last = lastEntry(db);
  if (!last) return;
  writeMeta(db, 'audit_verified', `${last.seq}:${last.mac}:${checkpointMac(auditKey(db), last.seq, last.mac)}`);
}

/**
 * The check made on opening, before the first entry is appended: the chain after the verified
 * checkpoint (all of it when there is none) and the head. The checkpoint's own entry must still be
 * there with its MAC, and that MAC must still be right.
 */
export function verifyOnOpen(db: DB): AuditCheck {
  const checkpoint = readCheckpoint(db);
  if (!checkpoint) return walk(db, { seq: 1, prev: GENESIS });
  const row = entryAt(db, checkpoint.seq);
  const fail = (problem: string): AuditCheck => ({ ok: false, entries: 0, problem });
  if (!row) {
    return fail(
      `the end of the log was cut off: entry ${checkpoint.seq}, there when the file was last closed, is missing`,
    );
  }
  if (row.mac !== checkpoint.prev || macOf(auditKey(db), row) !== row.mac) {
    return fail(`entry ${checkpoint.seq}, verified when the file was last closed, was replaced or altered`);
  }
  return walk(db, { seq: checkpoint.seq + 1, prev: checkpoint.prev });
}

/** The last entry's number and MAC (as committed), or null for an empty log. */
export function auditHead(db: DB): { seq: number; mac: string } | null {
  return lastEntry(db) ?? null;
}

/** The MAC of entry `seq`, or null when the log has no such entry. */
export function auditMacAt(db: DB, seq: number): string | null {
  return entryAt(db, seq)?.mac ?? null;
}

export function listAudit(db: DB, beforeSeq: number | undefined, limit: number, entityId?: number): AuditRow[] {
  flushAudit(db);
  return entryPage(db, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit, entityId ?? null);
}
