// Event mode: a pack opened on an event laptop does sign-ups with consent, look-ups, sales and
// bookings, and nothing else. The list below is what a pack may do; every other method (erasing,
// exporting, handing over, importing, merging, reports, settings, making packs …) is refused here,
// in the core, whatever the window shows and whichever account asks.
import type { Method } from '../../../shared/contract';
import type { PackInfo } from '../../../shared/contract/packs';
import { CoreError } from '../../../shared/contract/result';
import type { DB } from '../db/open';
import { countLookups, readPackInfo } from './packs.queries';

export const EVENT_METHODS: ReadonlySet<Method> = new Set<Method>([
  'session.accounts',
  'session.signIn',
  'session.signOut',
  'vault.lock',
  'vault.check',
  'audit.warnings',
  'settings.get',
  'register.list',
  'search.query',
  'customers.get',
  'customers.create',
  'customers.update',
  'customers.organisations',
  'duplicates.check',
  'consent.wording.get',
  'consent.record',
  'consent.history',
  'purchases.add',
  'purchases.list',
  'purchases.summary',
  'packs.current',
]);

/** The pack a file is (read once when it is opened), or null for a main file. */
export function packOf(db: DB): PackInfo | null {
  const info = readPackInfo(db);
  if (!info) return null;
  const lookup = JSON.parse(info.lookup) as { fields?: string[] };
  return {
    pack_id: info.pack_id,
    event_name: info.event_name,
    event_date: info.event_date,
    laptop: info.laptop,
    made_by: info.made_by,
    made_at: info.made_at,
    lookups: countLookups(db),
    lookup_fields: lookup.fields ?? [],
  };
}

/** Refuse, in words, what an event pack does not do. */
export function checkEventMethod(pack: PackInfo | null, method: string): void {
  if (pack && !EVENT_METHODS.has(method as Method)) {
    throw new CoreError(
      'FORBIDDEN',
      `This is the event pack for ${pack.event_name}: it takes sign-ups, look-ups and sales only. Do this back at base, in the customer file.`,
    );
  }
}
