// Who is signed in. Sessions live in memory only (a restart signs everyone out); every call
// re-reads the account so a role change or a disabled account takes effect at once.
import crypto from 'node:crypto';
import { CoreError } from '../../../shared/contract/result';
import type { Role } from '../../../shared/contract/roles';
import type { Session } from '../../../shared/contract/vault';
import type { DB } from '../db/open';
import { accountState } from './accounts.queries';

const SESSION_HOURS = 12;

export type SessionRecord = Session & {
  expiresAtMs: number;
  lastActiveMs: number;
  /** Records this sign-in created: all a volunteer may see. */
  created: Set<number>;
};

export class Sessions {
  private readonly byToken = new Map<string, SessionRecord>();
  /** Who signed in last while the file was open: a backup made as the app closes is theirs. */
  lastUser: { id: number; role: Role } | null = null;

  start(user: { id: number; name: string; role: Role }, nowMs: number): Session {
    this.lastUser = { id: user.id, role: user.role };
    const expiresAtMs = nowMs + SESSION_HOURS * 3600_000;
    const record: SessionRecord = {
      token: crypto.randomBytes(32).toString('base64url'),
      user,
      expires_at: new Date(expiresAtMs).toISOString(),
      expiresAtMs,
      lastActiveMs: nowMs,
      created: new Set(),
    };
    this.byToken.set(record.token, record);
    return { token: record.token, user: record.user, expires_at: record.expires_at };
  }

  /** The live session for a token, with the account as it is now; or a refusal in plain words. */
  authenticate(db: DB, token: unknown, nowMs: number, idleMs: number): SessionRecord {
    const session = typeof token === 'string' ? this.byToken.get(token) : undefined;
    if (!session) throw new CoreError('UNAUTHENTICATED', 'You are signed out. Sign in to continue.');
    if (session.expiresAtMs <= nowMs) {
      this.byToken.delete(session.token);
      throw new CoreError('UNAUTHENTICATED', 'Your sign-in has expired. Sign in again to continue.');
    }
    if (nowMs - session.lastActiveMs > idleMs) {
      this.byToken.delete(session.token);
      throw new CoreError('UNAUTHENTICATED', 'Locked after a period without use. Sign in again to continue.');
    }
    const account = accountState(db, session.user.id);
    if (account?.active !== 1) {
      this.byToken.delete(session.token);
      throw new CoreError('UNAUTHENTICATED', 'This account has been disabled. Ask the owner.');
    }
    session.user = { id: session.user.id, name: account.name, role: account.role };
    session.lastActiveMs = nowMs;
    return session;
  }

  end(token: string): SessionRecord | undefined {
    const session = this.byToken.get(token);
    this.byToken.delete(token);
    return session;
  }

  endForUser(userId: number): void {
    for (const [token, s] of this.byToken) if (s.user.id === userId) this.byToken.delete(token);
  }

  get size(): number {
    return this.byToken.size;
  }

  clear(): void {
    this.byToken.clear();
    this.lastUser = null;
  }
}
