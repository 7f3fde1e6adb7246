// The merges table: one row per merge with the before-images of both records, read for undo and
// for a record's history, and forgotten with the person when either record is erased.

import type { CustomerImage } from '../customers/images';
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';
import { CARRIED_TABLES, type Moved } from './merge.relations';

export type MergeRow = {
  id: number;
  kept_id: number;
  merged_id: number;
  kept_before: string;
  merged_before: string;
  kept_version_after: number;
  moved: string;
  choices: string;
  merged_by: number;
  merged_at: string;
  undone_by: number | null;
  undone_at: string;
  /** The group merge this row belongs to (its first row's id), or null for a merge of two. */
  group_id: number | null;
};

export type HistoryRow = MergeRow & { merged_by_name: string; undone_by_name: string; kept_exists: number };

export function insertMerge(
  db: DB,
  m: {
    keptId: number;
    mergedId: number;
    keptBefore: CustomerImage;
    mergedBefore: CustomerImage;
    keptVersionAfter: number;
    moved: Moved;
    choices: Record<string, string>;
    userId: number;
    now: string;
    groupId?: number | null;
  },
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO merges (kept_id, merged_id, kept_before, merged_before, kept_version_after, moved,
          choices, merged_by, merged_at, group_id)
        VALUES (${m.keptId}, ${m.mergedId}, ${JSON.stringify(m.keptBefore)}, ${JSON.stringify(m.mergedBefore)},
          ${m.keptVersionAfter}, ${JSON.stringify(m.moved)}, ${JSON.stringify(m.choices)}, ${m.userId},
          ${m.now}, ${m.groupId ?? null})`,
  );
  return Number(lastInsertRowid);
}

export function readMerge(db: DB, id: number): MergeRow | undefined {
  return get<MergeRow>(db, sql`SELECT * FROM merges WHERE id = ${id}`);
}

/** The merge (not undone) that took this id away, if any: "it was merged into …". */
export function mergedAwayInto(db: DB, id: number): MergeRow | undefined {
  return get<MergeRow>(
    db,
    sql`SELECT * FROM merges WHERE merged_id = ${id} AND undone_at = '' ORDER BY id DESC LIMIT 1`,
  );
}

/** A group merge's rows, last first (the order undo takes them back in). */
export function groupRows(db: DB, groupId: number): MergeRow[] {
  return all<MergeRow>(db, sql`SELECT * FROM merges WHERE group_id = ${groupId} ORDER BY id DESC`);
}

/** Mark the first row of a group as the group (its id is the group's id). */
export function setGroup(db: DB, id: number, groupId: number): void {
  run(db, sql`UPDATE merges SET group_id = ${groupId} WHERE id = ${id}`);
}

export function markUndone(db: DB, id: number, userId: number, now: string): void {
  run(db, sql`UPDATE merges SET undone_by = ${userId}, undone_at = ${now} WHERE id = ${id}`);
}

/** Merges touching a record, newest first; a chain (A←B, then C←A) shows on each record involved. */
export function historyOf(db: DB, customerId: number): HistoryRow[] {
  return all<HistoryRow>(
    db,
    sql`SELECT m.*, mu.name AS merged_by_name, coalesce(uu.name, '') AS undone_by_name,
          EXISTS (SELECT 1 FROM customers c WHERE c.id = m.kept_id) AS kept_exists
        FROM merges m JOIN users mu ON mu.id = m.merged_by LEFT JOIN users uu ON uu.id = m.undone_by
        WHERE m.kept_id = ${customerId} OR m.merged_id = ${customerId}
        ORDER BY m.id DESC LIMIT 200`,
  );
}

/**
 * The records merged into this one (and into those, and so on) by merges not undone: the same
 * person under the ids they had before. Erasure forgets every one of them.
 */
export function mergedInto(db: DB, customerId: number): number[] {
  return all<{ id: number }>(
    db,
    sql`WITH RECURSIVE merged(id) AS (
          SELECT merged_id FROM merges WHERE kept_id = ${customerId} AND undone_at = ''
          UNION SELECT m.merged_id FROM merges m JOIN merged ON m.kept_id = merged.id WHERE m.undone_at = ''
        ) SELECT id FROM merged`,
  ).map((r) => r.id);
}

/** The search terms of every before-image a merge keeps of these records (for erasure). */
export function mergeImageTerms(db: DB, ids: readonly number[]): string[] {
  const rows = all<{ kept_before: string; merged_before: string }>(
    db,
    sql`SELECT kept_before, merged_before FROM merges WHERE kept_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
          OR merged_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );
  const terms: string[] = [];
  for (const r of rows) {
    for (const image of [r.kept_before, r.merged_before]) {
      const stored = (JSON.parse(image) as CustomerImage).customer.terms;
      if (typeof stored === 'string') terms.push(...stored.split(' ').filter(Boolean));
    }
  }
  return terms;
}

/** Erasing a person erases every before-image of them, whichever side of a merge they were on. */
export function forgetMerges(db: DB, ids: readonly number[]): void {
  run(
    db,
    sql`DELETE FROM merges WHERE kept_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
          OR merged_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );
}

/**
 * Rewrite the before-images of every merge this record took part in (customers/erase.ts, when
 * one of its values is erased): the history keeps its names, the images no longer the value.
 */
export function rewriteMergeImages(db: DB, customerId: number, change: (image: CustomerImage) => CustomerImage): void {
  const rows = all<{ id: number; kept_before: string; merged_before: string }>(
    db,
    sql`SELECT id, kept_before, merged_before FROM merges WHERE kept_id = ${customerId} OR merged_id = ${customerId}`,
  );
  for (const row of rows) {
    const kept = JSON.stringify(change(JSON.parse(row.kept_before) as CustomerImage));
    const merged = JSON.stringify(change(JSON.parse(row.merged_before) as CustomerImage));
    run(db, sql`UPDATE merges SET kept_before = ${kept}, merged_before = ${merged} WHERE id = ${row.id}`);
  }
}

/**
 * Tables holding rows about a customer (found from the schema's foreign keys) that a merge does
 * not carry, in which this record has rows: such a merge is refused in words rather than failing
 * on the foreign key or dropping the rows. Today every such table is carried; this guards the next.
 */
export function uncarriedRelations(db: DB, customerId: number): string[] {
  const tables = all<{ name: string }>(db, sql`SELECT name FROM sqlite_schema WHERE type = 'table'`).map((t) => t.name);
  const found: string[] = [];
  for (const table of tables) {
    if (CARRIED_TABLES.has(table)) continue;
    const keys = all<{ table: string; from: string }>(
      db,
      sql`SELECT "table", "from" FROM pragma_foreign_key_list(${table})`,
    );
    for (const key of keys.filter((k) => k.table === 'customers')) {
      const hit = db.prepare(`SELECT 1 FROM "${table}" WHERE "${key.from}" = ? LIMIT 1`).get(customerId);
      if (hit) found.push(table.replace(/^customer_/, '').replace(/_/g, ' '));
    }
  }
  return found;
}

/** Verified is a fact about the person: the kept record takes the later of the two confirmations. */
export function keepLaterVerified(db: DB, keptId: number, verifiedAt: string): void {
  run(db, sql`UPDATE customers SET verified_at = max(verified_at, ${verifiedAt}) WHERE id = ${keptId}`);
}
