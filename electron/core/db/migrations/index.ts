// Numbered migrations, applied in order, one transaction each; the version is PRAGMA
// user_version. A file from a newer Custodian is refused rather than misread.
import { CoreError } from '../../../../shared/contract/result';
import type { DB } from '../open';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-duplicates';
import * as m0003 from './0003-imports';
import * as m0004 from './0004-accuracy';
import * as m0005 from './0005-profile';
import * as m0006 from './0006-register';
import * as m0007 from './0007-custom-fields';
import * as m0008 from './0008-profile-details';
import * as m0009 from './0009-purchase-imports';
import * as m0010 from './0010-search-index';
import * as m0011 from './0011-audit-filters';
import * as m0012 from './0012-contacts';
import * as m0013 from './0013-last-activity';
import * as m0014 from './0014-segments';
import * as m0015 from './0015-merge-groups';
import * as m0016 from './0016-purchase-indexes';
import * as m0018 from './0018-event-packs';
import * as m0019 from './0019-buying-counters';
import * as m0020 from './0020-segment-indexes';
import * as m0021 from './0021-consent-state';
import * as m0022 from './0022-covering-place-indexes';
import * as m0023 from './0023-buyer-indexes';
import * as m0024 from './0024-archived-index';

type Migration = { version: number; name: string; up: (db: DB) => void };

const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: m0001.up },
  { version: 2, name: 'duplicates', up: m0002.up },
  { version: 3, name: 'imports', up: m0003.up },
  { version: 4, name: 'accuracy', up: m0004.up },
  { version: 5, name: 'profile', up: m0005.up },
  { version: 6, name: 'register', up: m0006.up },
  { version: 7, name: 'custom-fields', up: m0007.up },
  { version: 8, name: 'profile-details', up: m0008.up },
  { version: 9, name: 'purchase-imports', up: m0009.up },
  { version: 10, name: 'search-index', up: m0010.up },
  { version: 11, name: 'audit-filters', up: m0011.up },
  { version: 12, name: 'contacts', up: m0012.up },
  { version: 13, name: 'last-activity', up: m0013.up },
  { version: 14, name: 'segments', up: m0014.up },
  { version: 15, name: 'merge-groups', up: m0015.up },
  { version: 16, name: 'purchase-indexes', up: m0016.up },
  { version: 18, name: 'event-packs', up: m0018.up },
  { version: 19, name: 'buying-counters', up: m0019.up },
  { version: 20, name: 'segment-indexes', up: m0020.up },
  { version: 21, name: 'consent-state', up: m0021.up },
  { version: 22, name: 'covering-place-indexes', up: m0022.up },
  { version: 23, name: 'buyer-indexes', up: m0023.up },
  { version: 24, name: 'archived-index', up: m0024.up },
];

// Numbers are reserved per piece of work, so the list may have gaps: the version is the last one.
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: DB, target = SCHEMA_VERSION): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new CoreError(
      'FILE_TOO_NEW',
      `This file was saved by a newer version of Custodian (format ${current}; this version reads up to ${SCHEMA_VERSION}). Update Custodian to open it.`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version=${migration.version}`);
    })();
  }
}
