// The open file. The file passphrase is the owner's master key: it opens the file (and signs in
// as the owner). Staff then sign in with their own password or counter PIN while the file is
// open. Closing the file drops the key from memory; nothing personal stays readable.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Output } from '../../../shared/contract';
import type { PackInfo } from '../../../shared/contract/packs';
import { CoreError } from '../../../shared/contract/result';
import type { Settings } from '../../../shared/contract/settings';
import type { Session } from '../../../shared/contract/vault';
import {
  appendAudit,
  auditHead,
  auditMacAt,
  flushAudit,
  initAudit,
  markVerified,
  onAppend,
  verifyAudit,
  verifyOnOpen,
} from '../audit/audit';
import {
  compareWithCopy,
  dropUnplacedCopy,
  fileId,
  type HeadCopy,
  otherHeadCopies,
  readHeadCopy,
  stateDir,
  writeHeadCopy,
} from '../audit/head-copy';
import { countCustomers } from '../customers/customers.queries';
import { readMeta, writeMeta } from '../db/meta';
import { SCHEMA_VERSION, schemaVersion } from '../db/migrations';
import { cipherVersion, type DB, integrity, openDatabase, rekey } from '../db/open';
import { cipherSettings, isShared } from '../db/pragmas';
import { takeBackCutOffImports } from '../imports/recover';
import { packOf } from '../packs/event-mode';
import { rebuildSearchIndex, searchRebuildPending } from '../search/index.queries';
import { activeAccount, firstOwner, insertOwner } from '../session/accounts.queries';
import { delayAfter, waitMessage } from '../session/secrets';
import { Sessions } from '../session/sessions';

const DEFAULT_SETTINGS: Settings = {
  idle_lock_minutes: 5,
  third_party_needs_approval: true,
  stale_after_months: 24,
  redundant_after_years: 6,
  backup_folder: '',
  backup_every_hours: 24,
  backup_warn_after_days: 7,
};

// Rekeying rewrites every page, then checks integrity: about 17 MB a second on a slow, busy
// machine (80 MB in 4.8 s); a little less here so the estimate errs long.
const REKEY_BYTES_PER_SECOND = 15_000_000;

export class Vault {
  private db: DB | null = null;
  readonly sessions = new Sessions();
  // A salted hash of the passphrase in use, to confirm it later without reopening the file.
  private passphraseCheck: { salt: Buffer; hash: Buffer } | null = null;
  // The passphrase itself, while the file is open and only then: a backup is checked by opening
  // it in a process of its own, which needs it (backups/write.ts). The key is in this process's
  // memory anyway while the file is open; closing the file forgets both.
  private secret: string | null = null;
  private failures = 0;
  private retryAtMs = 0;
  settings: Settings = { ...DEFAULT_SETTINGS };
  // This computer's copy of the audit log's end (audit/head-copy.ts), refreshed after appends.
  private headCopy: HeadCopy | null = null;
  private headTimer: NodeJS.Timeout | null = null;
  /** The event pack this file is (opened in event mode: packs/event-mode.ts), or null for a main file. */
  pack: PackInfo | null = null;

  constructor(
    readonly path: string,
    readonly clock: () => Date = () => new Date(),
    /** Closing the file from the app makes a backup first (backups/backups.service.ts). */
    readonly options: { backupOnClose?: boolean } = {},
  ) {}

  private nowIso(): string {
    return this.clock().toISOString();
  }

  status(): Output<'vault.status'> {
    return { path: this.path, exists: fs.existsSync(this.path), unlocked: this.db !== null };
  }

  /** The open file, or a refusal when it is closed. */
  openFile(): DB {
    if (!this.db) throw new CoreError('UNAUTHENTICATED', 'The customer file is closed. Open it with its passphrase.');
    return this.db;
  }

  isOpen(): boolean {
    return this.db !== null;
  }

  create(passphrase: string, ownerName: string): Session {
    if (this.db) throw new CoreError('ALREADY_EXISTS', 'A customer file is already open.');
    const db = openDatabase(this.path, passphrase, { create: true });
    const at = this.nowIso();
    const ownerId = db.transaction(() => {
      writeMeta(db, 'created_at', at);
      initAudit(db);
      const id = insertOwner(db, ownerName, at);
      appendAudit(db, id, at, { action: 'file.create' });
      return id;
    })();
    this.adopt(db, passphrase);
    return this.signInOwner(ownerId);
  }

  /** Open the file with its passphrase; whoever knows it acts as the owner. */
  unlock(passphrase: string): Session {
    const nowMs = this.clock().getTime();
    if (nowMs < this.retryAtMs) throw new CoreError('TRY_LATER', waitMessage(this.retryAtMs, nowMs));
    let db = this.db;
    try {
      if (db && !this.matches(passphrase)) throw new CoreError('WRONG_PASSPHRASE', 'The passphrase is wrong.');
      db ??= openDatabase(this.path, passphrase);
    } catch (error) {
      if (error instanceof CoreError && error.code === 'WRONG_PASSPHRASE') {
        this.failures++;
        this.retryAtMs = nowMs + delayAfter(this.failures);
      }
      throw error;
    }
    this.failures = 0;
    const ownerId = firstOwner(db);
    if (ownerId === undefined) {
      if (!this.db) db.close();
      throw new CoreError('NOT_A_DATABASE', 'This file has no owner account: it is not a complete Custodian file.');
    }
    const opened = this.db !== db;
    this.adopt(db, passphrase);
    // Only a newly opened file can hold an import nobody is stepping (the file is ours alone).
    const notices = opened ? takeBackCutOffImports(db, ownerId, this.nowIso()) : [];
    const session = this.signInOwner(ownerId);
    return notices.length > 0 ? { ...session, notices } : session;
  }

  private adopt(db: DB, passphrase: string): void {
    if (this.db !== db) {
      this.db = db;
      try {
        this.checkAuditOnOpen(db);
        // Custodian stopped between removing many records and rebuilding the index (an undo): finish it.
        if (searchRebuildPending(db)) rebuildSearchIndex(db);
        this.pack = packOf(db);
        const stored = readMeta(db, 'settings');
        this.settings = { ...DEFAULT_SETTINGS, ...(stored ? (JSON.parse(stored) as Partial<Settings>) : {}) };
      } catch (error) {
        // A file that could not be checked (a full disk, say) is not left half open: the next
        // try opens it afresh, with its passphrase checked again.
        this.db = null;
        db.close();
        throw error;
      }
    }
    this.rememberPassphrase(passphrase);
  }

  /**
   * Before anything is appended: check the log after its verified checkpoint and its head, and
   * compare its end with this computer's copy. Each problem found is recorded in the log itself
   * (`audit.problem`) and kept in the copy until the owner acknowledges it.
   */
  private checkAuditOnOpen(db: DB): void {
    const id = fileId(db);
    const place = fs.realpathSync(this.path);
    const copy = readHeadCopy(stateDir(), id, place);
    const found: string[] = [];
    const check = verifyOnOpen(db);
    if (!check.ok) found.push(`Found when the file was opened: ${check.problem}.`);
    // Compared with this place's copy; on a first opening here, once with the furthest elsewhere.
    const against = copy ?? otherHeadCopies(stateDir(), id, place)[0];
    if (against) {
      const problem = compareWithCopy(against, auditMacAt(db, against.seq), auditHead(db)?.seq ?? 0, !copy);
      if (problem) found.push(problem);
    }
    const at = this.nowIso();
    for (const problem of found) appendAudit(db, null, at, { action: 'audit.problem', detail: { problem } });
    markVerified(db);
    this.headCopy = {
      file_id: id,
      path: place,
      seq: 0,
      mac: '',
      saved_at: at,
      problems: [...(copy?.problems ?? []), ...found],
    };
    this.saveHeadCopy();
    dropUnplacedCopy(stateDir(), id);
    onAppend(db, () => {
      this.headTimer ??= setTimeout(() => this.saveHeadCopy(), 250).unref();
    });
  }

  /** Write this computer's copy of the head as committed (never from inside a transaction). */
  private saveHeadCopy(): void {
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = null;
    const db = this.db;
    if (!db?.open || !this.headCopy) return;
    if (db.inTransaction) {
      this.headTimer = setTimeout(() => this.saveHeadCopy(), 250).unref();
      return;
    }
    const head = auditHead(db);
    this.headCopy = { ...this.headCopy, seq: head?.seq ?? 0, mac: head?.mac ?? '', saved_at: this.nowIso() };
    try {
      writeHeadCopy(stateDir(), this.headCopy);
    } catch {
      // A settings folder we cannot write: the checks inside the file still stand.
    }
  }

  /** Audit problems found on opening and not yet acknowledged by the owner, in plain words. */
  auditWarnings(): string[] {
    return this.headCopy?.problems ?? [];
  }

  /** The owner accepts the log as it now is (say, a backup restored on purpose); recorded in the log. */
  acknowledgeAudit(userId: number): string[] {
    const db = this.openFile();
    const problems = this.auditWarnings();
    if (problems.length > 0 && this.headCopy) {
      appendAudit(db, userId, this.nowIso(), { action: 'audit.acknowledge', detail: { problems } });
      this.headCopy = { ...this.headCopy, problems: [] };
      this.saveHeadCopy();
    }
    return this.auditWarnings();
  }

  /** Start a session for an account the caller has already authenticated. */
  startSession(userId: number): Session {
    const db = this.openFile();
    const user = activeAccount(db, userId);
    if (!user) throw new CoreError('UNAUTHENTICATED', 'This account cannot sign in.');
    appendAudit(db, user.id, this.nowIso(), { action: 'session.start' });
    return this.sessions.start(user, this.clock().getTime());
  }

  private signInOwner(ownerId: number): Session {
    return this.startSession(ownerId);
  }

  /** The passphrase of the open file, for a backup's own processes (never sent anywhere else). */
  passphrase(): string {
    if (!this.secret)
      throw new CoreError('UNAUTHENTICATED', 'The customer file is closed. Open it with its passphrase.');
    return this.secret;
  }

  private rememberPassphrase(passphrase: string): void {
    this.secret = passphrase;
    const salt = crypto.randomBytes(16);
    this.passphraseCheck = { salt, hash: crypto.scryptSync(passphrase, salt, 32) };
  }

  matches(passphrase: string): boolean {
    if (!this.passphraseCheck) return false;
    const hash = crypto.scryptSync(passphrase, this.passphraseCheck.salt, 32);
    return crypto.timingSafeEqual(hash, this.passphraseCheck.hash);
  }

  authenticate(token: unknown) {
    const db = this.openFile();
    const session = this.sessions.authenticate(
      db,
      token,
      this.clock().getTime(),
      this.settings.idle_lock_minutes * 60_000,
    );
    return { db, session };
  }

  signOut(token: string): void {
    const session = this.sessions.end(token);
    if (this.db && session) appendAudit(this.db, session.user.id, this.nowIso(), { action: 'session.end' });
  }

  /** Close the file for everyone. */
  lock(token: string): void {
    this.signOut(token);
    if (this.db) appendAudit(this.db, null, this.nowIso(), { action: 'file.close' });
    this.close();
  }

  changePassphrase(db: DB, userId: number, current: string, next: string): Output<'vault.changePassphrase'> {
    if (!this.matches(current)) throw new CoreError('WRONG_PASSPHRASE', 'The current passphrase is wrong.');
    if (isShared(db)) {
      throw new CoreError('TRY_LATER', 'A backup is being made. Change the passphrase when it has finished.');
    }
    const result = rekey(db, next);
    if (result !== 'ok')
      throw new CoreError('INTERNAL', `The file failed its integrity check after the change: ${result}`);
    this.rememberPassphrase(next);
    appendAudit(db, userId, this.nowIso(), { action: 'file.rekey' });
    return { integrity: result };
  }

  /** The file's size and a rough time for a rekey (measured: about 17 MB a second, integrity check included). */
  rekeyEstimate(): Output<'vault.rekeyEstimate'> {
    this.openFile();
    const size = (p: string) => (fs.existsSync(p) ? fs.statSync(p).size : 0);
    const bytes = size(this.path) + size(`${this.path}-wal`);
    return { bytes, seconds: Math.max(1, Math.ceil(bytes / REKEY_BYTES_PER_SECOND)) };
  }

  check(db: DB): Output<'vault.check'> {
    return {
      integrity: integrity(db),
      schema_version: schemaVersion(db),
      app_schema_version: SCHEMA_VERSION,
      cipher: `${cipherSettings(db).cipher} (legacy=${cipherSettings(db).legacy}), ${cipherVersion(db)}`,
      customers: countCustomers(db),
      audit: verifyAudit(db),
      audit_warnings: this.auditWarnings(),
    };
  }

  close(): void {
    this.sessions.clear();
    this.passphraseCheck = null;
    this.secret = null;
    if (this.db) {
      flushAudit(this.db);
      try {
        // What this session wrote is trusted: the next opening checks only what comes after it.
        markVerified(this.db);
        this.saveHeadCopy();
      } catch {
        // A file that cannot be written now (disk full): the next opening walks further back.
      }
    }
    this.headCopy = null;
    this.pack = null;
    this.db?.close();
    this.db = null;
  }
}
