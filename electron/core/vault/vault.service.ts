// The open file and who is signed in to it. Locking closes the file: the key leaves memory and
// nothing personal stays readable behind the lock screen.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { Session } from '../../../shared/contract/vault';
import { appendAudit } from '../audit/audit';
import type { SessionRecord } from '../context';
import { countCustomers } from '../customers/customers.queries';
import { SCHEMA_VERSION, schemaVersion } from '../db/migrations';
import { cipherVersion, type DB, integrity, openDatabase, rekey } from '../db/open';
import { get, run, sql } from '../db/sql';

const SESSION_HOURS = 12;

export class Vault {
  private db: DB | null = null;
  private readonly sessions = new Map<string, SessionRecord>();
  // A salted hash of the passphrase in use, to confirm it before a change without reopening.
  private passphraseCheck: { salt: Buffer; hash: Buffer } | null = null;

  constructor(
    readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  status(): Output<'vault.status'> {
    return { path: this.path, exists: fs.existsSync(this.path), unlocked: this.db !== null };
  }

  create(passphrase: string, ownerName: string): Session {
    if (this.db) throw new CoreError('ALREADY_EXISTS', 'A customer file is already open.');
    const db = openDatabase(this.path, passphrase, { create: true });
    const at = this.now().toISOString();
    const ownerId = db.transaction(() => {
      run(db, sql`INSERT INTO meta (key, value) VALUES ('created_at', ${at})`);
      const { lastInsertRowid } = run(
        db,
        sql`INSERT INTO users (name, role, created_at) VALUES (${ownerName}, 'owner', ${at})`,
      );
      appendAudit(db, Number(lastInsertRowid), at, { action: 'file.create' });
      return Number(lastInsertRowid);
    })();
    return this.begin(db, passphrase, ownerId);
  }

  unlock(passphrase: string): Session {
    const db = this.db ?? openDatabase(this.path, passphrase);
    if (this.db && !this.matches(passphrase)) throw new CoreError('WRONG_PASSPHRASE', 'The passphrase is wrong.');
    const owner = get<{ id: number }>(db, sql`SELECT id FROM users WHERE role = 'owner' ORDER BY id LIMIT 1`);
    if (!owner) {
      db.close();
      throw new CoreError('NOT_A_DATABASE', 'This file has no owner account: it is not a complete Custodian file.');
    }
    return this.begin(db, passphrase, owner.id);
  }

  private begin(db: DB, passphrase: string, userId: number): Session {
    this.db = db;
    const salt = crypto.randomBytes(16);
    this.passphraseCheck = { salt, hash: crypto.scryptSync(passphrase, salt, 32) };
    const user = get<{ id: number; name: string; role: 'owner' }>(
      db,
      sql`SELECT id, name, role FROM users WHERE id = ${userId}`,
    );
    if (!user) throw new CoreError('INTERNAL', 'The signed-in account is missing.');
    const expiresAtMs = this.now().getTime() + SESSION_HOURS * 3600_000;
    const session: SessionRecord = {
      token: crypto.randomBytes(32).toString('base64url'),
      user,
      expires_at: new Date(expiresAtMs).toISOString(),
      expiresAtMs,
    };
    this.sessions.set(session.token, session);
    appendAudit(db, user.id, this.now().toISOString(), { action: 'session.start' });
    const { expiresAtMs: _, ...visible } = session;
    return visible;
  }

  private matches(passphrase: string): boolean {
    if (!this.passphraseCheck) return false;
    const hash = crypto.scryptSync(passphrase, this.passphraseCheck.salt, 32);
    return crypto.timingSafeEqual(hash, this.passphraseCheck.hash);
  }

  /** The session for a token, or a refusal. Expired sessions are forgotten on sight. */
  authenticate(token: unknown): { db: DB; session: SessionRecord } {
    const session = typeof token === 'string' ? this.sessions.get(token) : undefined;
    if (!session || !this.db)
      throw new CoreError('UNAUTHENTICATED', 'You are signed out. Unlock the file to continue.');
    if (session.expiresAtMs <= this.now().getTime()) {
      this.sessions.delete(session.token);
      throw new CoreError('UNAUTHENTICATED', 'Your session has ended. Unlock the file to continue.');
    }
    return { db: this.db, session };
  }

  lock(token: string): void {
    const session = this.sessions.get(token);
    this.sessions.delete(token);
    if (this.db && session) appendAudit(this.db, session.user.id, this.now().toISOString(), { action: 'session.end' });
    if (this.sessions.size === 0) this.close();
  }

  changePassphrase(db: DB, userId: number, current: string, next: string): Output<'vault.changePassphrase'> {
    if (!this.matches(current)) throw new CoreError('WRONG_PASSPHRASE', 'The current passphrase is wrong.');
    const result = rekey(db, next);
    if (result !== 'ok')
      throw new CoreError('INTERNAL', `The file failed its integrity check after the change: ${result}`);
    const salt = crypto.randomBytes(16);
    this.passphraseCheck = { salt, hash: crypto.scryptSync(next, salt, 32) };
    appendAudit(db, userId, this.now().toISOString(), { action: 'file.rekey' });
    return { integrity: result };
  }

  check(db: DB): Output<'vault.check'> {
    return {
      integrity: integrity(db),
      schema_version: schemaVersion(db),
      app_schema_version: SCHEMA_VERSION,
      cipher: `${db.pragma('cipher', { simple: true })} (legacy=${db.pragma('legacy', { simple: true })}), ${cipherVersion(db)}`,
      customers: countCustomers(db),
    };
  }

  close(): void {
    this.sessions.clear();
    this.passphraseCheck = null;
    this.db?.close();
    this.db = null;
  }
}
