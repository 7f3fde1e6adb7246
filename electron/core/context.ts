// What every handler receives: the open file, the signed-in person, the clock.
import type { Session } from '../../shared/contract/vault';
import type { DB } from './db/open';

export type SessionRecord = Session & { expiresAtMs: number };

export type Context = {
  db: DB;
  session: SessionRecord;
  now: () => string;
};
