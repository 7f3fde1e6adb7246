// What every handler receives: the open file, the signed-in person, the clock, the vault.
import type { SessionRecord } from './access/sessions';
import type { DB } from './db/open';
import type { Vault } from './vault/vault.service';

export type { SessionRecord };

export type Context = {
  db: DB;
  session: SessionRecord;
  now: () => string;
  vault: Vault;
};
