// The SQL of event packs: the pack file's own tables (pack_info, pack_lookups, pack_captures and
// the triggers that give every captured row its own id) and the main file's record of packs made
// and merged (packs, pack_queue, pack_changes, pack_consents). Tables in migration 0018.
import type { Role } from '../../../shared/contract/roles';
import { appendConsentEvent, type StoredEvent } from '../consent/consent.queries';
import type { DB } from '../db/open';
import { all, get, idents, list, run, sql } from '../db/sql';

/* ------------------------------------------------------------------ the pack file */

export type PackInfoRow = {
  pack_id: string;
  event_name: string;
  event_date: string;
  laptop: string;
  made_by: string;
  made_at: string;
  main_file_id: string;
  lookup: string;
};

export function readPackInfo(db: DB): PackInfoRow | undefined {
  return get(db, sql`SELECT * FROM pack_info WHERE id = 1`);
}

export function writePackInfo(db: DB, info: PackInfoRow): void {
  run(
    db,
    sql`INSERT INTO pack_info (id, pack_id, event_name, event_date, laptop, made_by, made_at, main_file_id, lookup)
        VALUES (1, ${info.pack_id}, ${info.event_name}, ${info.event_date}, ${info.laptop}, ${info.made_by},
          ${info.made_at}, ${info.main_file_id}, ${info.lookup})`,
  );
}

/**
 * From here on every row captured in the pack gets an id of its own, whatever path wrote it (the
 * counter form, a consent recorded later, a sale), so the merge can name each one.
 */
export function addCaptureTriggers(db: DB): void {
  db.exec(`
    CREATE TRIGGER pack_capture_customer AFTER INSERT ON customers BEGIN
      INSERT INTO pack_captures (uid, kind, row_id, at) VALUES (lower(hex(randomblob(16))), 'customer', NEW.id, NEW.created_at);
    END;
    CREATE TRIGGER pack_capture_consent AFTER INSERT ON consent_events BEGIN
      INSERT INTO pack_captures (uid, kind, row_id, at) VALUES (lower(hex(randomblob(16))), 'consent', NEW.id, NEW.at);
    END;
    CREATE TRIGGER pack_capture_purchase AFTER INSERT ON purchases BEGIN
      INSERT INTO pack_captures (uid, kind, row_id, at) VALUES (lower(hex(randomblob(16))), 'purchase', NEW.id, NEW.created_at);
    END;
  `);
}

type AccountRow = {
  id: number;
  name: string;
  role: Role;
  active: number;
  password_hash: string | null;
  pin_hash: string | null;
  pin_disabled: number;
  created_at: string;
};

export function readAccounts(db: DB, ids: readonly number[]): AccountRow[] {
  if (ids.length === 0) return [];
  return all(
    db,
    sql`SELECT id, name, role, active, password_hash, pin_hash, pin_disabled, created_at FROM users
        WHERE id IN (${list(ids)}) ORDER BY id`,
  );
}

export function allAccounts(db: DB): { id: number; name: string; role: Role }[] {
  return all(db, sql`SELECT id, name, role FROM users ORDER BY id`);
}

export function insertAccount(db: DB, a: AccountRow): void {
  run(
    db,
    sql`INSERT INTO users (id, name, role, active, password_hash, pin_hash, pin_disabled, created_at)
        VALUES (${a.id}, ${a.name}, ${a.role}, ${a.active}, ${a.password_hash}, ${a.pin_hash}, ${a.pin_disabled}, ${a.created_at})`,
  );
}

/** The register as the main file has it, row by row (the pack has the same schema version). */
export function readRegister(db: DB): Record<string, unknown>[] {
  return all(db, sql`SELECT * FROM register_fields ORDER BY position`);
}

/** Put the main file's register in place of the pack's seeded one. */
export function replaceRegister(db: DB, rows: readonly Record<string, unknown>[]): void {
  const allowed = all<{ name: string }>(db, sql`SELECT name FROM pragma_table_info('register_fields')`).map(
    (c) => c.name,
  );
  run(db, sql`DELETE FROM value_counts`);
  run(db, sql`DELETE FROM register_fields`);
  for (const row of rows) {
    const columns = Object.keys(row).filter((c) => allowed.includes(c));
    const values = columns.map((c) => (c === 'updated_by' ? null : row[c]));
    run(db, sql`INSERT INTO register_fields (${idents(columns, allowed)}) VALUES (${list(values)})`);
  }
  run(db, sql`INSERT OR IGNORE INTO value_counts (field_key, filled) SELECT key, 0 FROM register_fields`);
}

export function insertLookup(db: DB, customerId: number, mainId: number, mainVersion: number, original: string): void {
  run(
    db,
    sql`INSERT INTO pack_lookups (customer_id, main_id, main_version, original)
        VALUES (${customerId}, ${mainId}, ${mainVersion}, ${original})`,
  );
}

type LookupRow = { customer_id: number; main_id: number; main_version: number; original: string };

export function readLookups(db: DB): LookupRow[] {
  return all(db, sql`SELECT * FROM pack_lookups ORDER BY customer_id`);
}

export function countLookups(db: DB): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM pack_lookups`)?.n ?? 0;
}

type CaptureRow = { uid: string; kind: 'customer' | 'consent' | 'purchase'; row_id: number; at: string };

export function readCaptures(db: DB): CaptureRow[] {
  return all(db, sql`SELECT uid, kind, row_id, at FROM pack_captures ORDER BY kind, row_id`);
}

/** A consent event taken at the event, as the pack file holds it. */
type PackConsentRow = StoredEvent & { id: number; at: string; by_user: number };

export function readPackConsents(db: DB): PackConsentRow[] {
  return all(db, sql`SELECT * FROM consent_events ORDER BY id`);
}

type PackPurchaseRow = {
  id: number;
  customer_id: number;
  date: string;
  item: string;
  category: string;
  quantity: number;
  amount_pence: number;
  channel: string;
  venue: string;
  seat: string;
  created_at: string;
  created_by: number;
};

export function readPackPurchases(db: DB): PackPurchaseRow[] {
  return all(
    db,
    sql`SELECT id, customer_id, date, item, category, quantity, amount_pence, channel, venue, seat, created_at, created_by
        FROM purchases ORDER BY id`,
  );
}

/* ------------------------------------------------------------------ the main file */

export function insertPackMade(
  db: DB,
  p: {
    packId: string;
    eventName: string;
    eventDate: string;
    laptop: string;
    fileName: string;
    lookups: number;
    accounts: string;
    userId: number;
    now: string;
  },
): void {
  run(
    db,
    sql`INSERT INTO packs (pack_id, event_name, event_date, laptop, file_name, lookups, accounts, made_by, made_at, status)
        VALUES (${p.packId}, ${p.eventName}, ${p.eventDate}, ${p.laptop}, ${p.fileName}, ${p.lookups}, ${p.accounts},
          ${p.userId}, ${p.now}, 'made')`,
  );
}

export type PackMadeRow = {
  pack_id: string;
  event_name: string;
  event_date: string;
  laptop: string;
  file_name: string;
  lookups: number;
  accounts: string;
  made_by: string;
  made_at: string;
  status: 'made' | 'merged' | 'undone';
  import_id: number | null;
  merged_by: string;
  merged_at: string;
  summary: string;
  wiped_at: string;
  queued_open: number;
  changes_waiting: number;
};

const PACK_ROWS = sql`SELECT p.pack_id, p.event_name, p.event_date, p.laptop, p.file_name, p.lookups, p.accounts,
    m.name AS made_by, p.made_at, p.status, p.import_id, coalesce(u.name, '') AS merged_by, p.merged_at, p.summary,
    p.wiped_at,
    (SELECT count(*) FROM pack_queue q WHERE q.pack_id = p.pack_id) AS queued_open,
    (SELECT count(*) FROM pack_changes c WHERE c.pack_id = p.pack_id AND c.status = 'waiting') AS changes_waiting
  FROM packs p JOIN users m ON m.id = p.made_by LEFT JOIN users u ON u.id = p.merged_by`;

export function readPackMade(db: DB, packId: string): PackMadeRow | undefined {
  return get(db, sql`${PACK_ROWS} WHERE p.pack_id = ${packId}`);
}

export function listPacksMade(db: DB): PackMadeRow[] {
  return all(db, sql`${PACK_ROWS} ORDER BY p.made_at DESC`);
}

export function markMerged(
  db: DB,
  packId: string,
  importId: number,
  userId: number,
  now: string,
  summary: string,
): void {
  run(
    db,
    sql`UPDATE packs SET status = 'merged', import_id = ${importId}, merged_by = ${userId}, merged_at = ${now},
          summary = ${summary} WHERE pack_id = ${packId}`,
  );
}

export function markUndone(db: DB, packId: string): void {
  run(db, sql`UPDATE packs SET status = 'undone' WHERE pack_id = ${packId}`);
}

export function markWiped(db: DB, packId: string, now: string): void {
  run(db, sql`UPDATE packs SET wiped_at = ${now} WHERE pack_id = ${packId}`);
}

/** A batch in the imports table for the merge: its records, purchases and before-images are undone together. */
export function insertMergeBatch(
  db: DB,
  b: { source: string; fileName: string; mapping: string },
  userId: number,
  now: string,
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO imports (source, file_name, format, mapping, on_match, mode, status, user_id, started_at, finished_at)
        VALUES (${b.source}, ${b.fileName}, 'pack', ${b.mapping}, 'update-empty', 'all-or-nothing', 'finished', ${userId},
          ${now}, ${now})`,
  );
  return Number(lastInsertRowid);
}

export function countMergeBatch(
  db: DB,
  id: number,
  c: { rows: number; created: number; updated: number; rejected: number; matched: number },
): void {
  run(
    db,
    sql`UPDATE imports SET rows_read = ${c.rows}, created = ${c.created}, updated = ${c.updated},
          rejected = ${c.rejected}, matched = ${c.matched} WHERE id = ${id}`,
  );
}

export function closeMergeBatch(db: DB, id: number, now: string): void {
  run(db, sql`UPDATE imports SET status = 'undone', closed_at = ${now} WHERE id = ${id}`);
}

/** A consent event as it was given at the event: its own time, wording and the person who took it. */
export function insertEventConsent(
  db: DB,
  customerId: number,
  e: PackConsentRow,
  byUser: number,
  note: string,
): number {
  return appendConsentEvent(db, { ...e, customer_id: customerId, method: 'event', evidence_note: note }, e.at, byUser);
}

export function notePackConsent(db: DB, packId: string, consentId: number): void {
  run(db, sql`INSERT INTO pack_consents (pack_id, consent_id) VALUES (${packId}, ${consentId})`);
}

export function deletePackConsents(db: DB, packId: string): number {
  const n = run(
    db,
    sql`DELETE FROM consent_events WHERE id IN (SELECT consent_id FROM pack_consents WHERE pack_id = ${packId})`,
  ).changes;
  run(db, sql`DELETE FROM pack_consents WHERE pack_id = ${packId}`);
  return n;
}

export function insertEventPurchase(
  db: DB,
  customerId: number,
  p: PackPurchaseRow,
  byUser: number,
  importId: number,
): void {
  run(
    db,
    sql`INSERT INTO purchases (customer_id, date, item, category, quantity, amount_pence, channel, venue, seat,
          created_at, created_by, import_id)
        VALUES (${customerId}, ${p.date}, ${p.item}, ${p.category}, ${p.quantity}, ${p.amount_pence}, ${p.channel},
          ${p.venue}, ${p.seat}, ${p.created_at}, ${byUser}, ${importId})`,
  );
}

/** The batch's purchases go before its records (a purchase holds its customer). */
export function deleteBatchPurchases(db: DB, importId: number): number {
  return run(db, sql`DELETE FROM purchases WHERE import_id = ${importId}`).changes;
}

export function insertQueued(
  db: DB,
  q: { packId: string; uid: string; customerId: number; candidateId: number; score: number; reasons: string[] },
): void {
  run(
    db,
    sql`INSERT INTO pack_queue (pack_id, capture_uid, customer_id, candidate_id, score, reasons)
        VALUES (${q.packId}, ${q.uid}, ${q.customerId}, ${q.candidateId}, ${q.score}, ${JSON.stringify(q.reasons)})`,
  );
}

type QueueRow = {
  id: number;
  pack_id: string;
  event_name: string;
  capture_uid: string;
  customer_id: number;
  candidate_id: number;
  score: number;
  reasons: string;
  dismissed: number;
  merge_id: number | null;
};

/** The queue with what became of each pair in the duplicate review: dismissed, or merged (and not undone). */
export function readQueue(db: DB, packId: string | null): QueueRow[] {
  return all(
    db,
    sql`SELECT q.id, q.pack_id, p.event_name, q.capture_uid, q.customer_id, q.candidate_id, q.score, q.reasons,
          EXISTS (SELECT 1 FROM duplicate_dismissals d
                  WHERE d.a_id = min(q.customer_id, q.candidate_id) AND d.b_id = max(q.customer_id, q.candidate_id)) AS dismissed,
          (SELECT m.id FROM merges m WHERE m.undone_at = ''
             AND ((m.merged_id = q.customer_id AND m.kept_id = q.candidate_id)
               OR (m.merged_id = q.candidate_id AND m.kept_id = q.customer_id))
           ORDER BY m.id DESC LIMIT 1) AS merge_id
        FROM pack_queue q JOIN packs p ON p.pack_id = q.pack_id
        WHERE (${packId} IS NULL OR q.pack_id = ${packId}) AND p.status = 'merged'
        ORDER BY q.score DESC, q.id`,
  );
}

/** Merges in the duplicate review that took a record this pack created (undone before the pack is). */
export function mergesOfCreated(db: DB, importId: number): number[] {
  return all<{ id: number }>(
    db,
    sql`SELECT DISTINCT m.id FROM merges m JOIN pack_queue q ON (m.merged_id = q.customer_id OR m.kept_id = q.customer_id)
        JOIN packs p ON p.pack_id = q.pack_id
        WHERE p.import_id = ${importId} AND m.undone_at = '' ORDER BY m.id DESC`,
  ).map((r) => r.id);
}

export function deleteQueue(db: DB, packId: string): void {
  run(db, sql`DELETE FROM pack_queue WHERE pack_id = ${packId}`);
}

export function insertChange(
  db: DB,
  c: {
    packId: string;
    customerId: number;
    field: string;
    replaced: string;
    value: string;
    payload: string;
    status: 'applied' | 'waiting';
  },
): void {
  run(
    db,
    sql`INSERT INTO pack_changes (pack_id, customer_id, field, replaced, value, payload, status)
        VALUES (${c.packId}, ${c.customerId}, ${c.field}, ${c.replaced}, ${c.value}, ${c.payload}, ${c.status})`,
  );
}

export type ChangeRow = {
  id: number;
  pack_id: string;
  event_name: string;
  event_date: string;
  laptop: string;
  import_id: number | null;
  customer_id: number;
  field: string;
  replaced: string;
  value: string;
  payload: string;
  status: 'applied' | 'waiting' | 'accepted' | 'rejected';
};

const CHANGE_ROWS = sql`SELECT c.id, c.pack_id, p.event_name, p.event_date, p.laptop, p.import_id, c.customer_id, c.field, c.replaced, c.value,
    c.payload, c.status FROM pack_changes c JOIN packs p ON p.pack_id = c.pack_id`;

export function readChanges(db: DB, packId: string | null): ChangeRow[] {
  return all(
    db,
    sql`${CHANGE_ROWS} WHERE (${packId} IS NULL OR c.pack_id = ${packId}) AND p.status = 'merged' ORDER BY c.id`,
  );
}

export function readChange(db: DB, id: number): ChangeRow | undefined {
  return get(db, sql`${CHANGE_ROWS} WHERE c.id = ${id}`);
}

export function decideChange(db: DB, id: number, status: 'accepted' | 'rejected', userId: number, now: string): void {
  run(
    db,
    sql`UPDATE pack_changes SET status = ${status}, decided_by = ${userId}, decided_at = ${now} WHERE id = ${id}`,
  );
}

export function deleteChanges(db: DB, packId: string): void {
  run(db, sql`DELETE FROM pack_changes WHERE pack_id = ${packId}`);
}

/** Names for rows shown in lists (a record erased or merged away has none). */
export function customerLabels(
  db: DB,
  ids: readonly number[],
): Map<number, { ref: string; name: string; version: number }> {
  if (ids.length === 0) return new Map();
  const rows = all<{ id: number; ref: string | null; name: string; version: number }>(
    db,
    sql`SELECT id, ref, trim(given_name || ' ' || family_name) AS name, version FROM customers
        WHERE id IN (${list([...new Set(ids)])})`,
  );
  return new Map(rows.map((r) => [r.id, { ref: r.ref ?? '', name: r.name, version: r.version }]));
}

/** The record a record was merged into since (not undone), if it was. */
export function keptAfterMerge(db: DB, id: number): number | undefined {
  return get<{ kept_id: number }>(
    db,
    sql`SELECT kept_id FROM merges WHERE merged_id = ${id} AND undone_at = '' ORDER BY id DESC LIMIT 1`,
  )?.kept_id;
}
