// The sources register's reads and the cost per source it keeps.
import type { DB } from '../db/open';
import { all, join, type Query, run, sql } from '../db/sql';

/** Records per source, and how many lack none of the must-haves (`lacking`: one test each). */
export function recordsBySource(
  db: DB,
  lacking: readonly Query[],
): { source: string; records: number; complete: number | null }[] {
  const incomplete = lacking.length === 0 ? sql`0` : join(lacking, ' OR ');
  return all(
    db,
    sql`SELECT source, count(*) AS records, sum(NOT (${incomplete})) AS complete FROM customers GROUP BY source`,
  );
}

/** What finished imports refused and matched, per import source (as a record's source names it). */
export function importYields(db: DB): { source: string; invalid: number; duplicates: number }[] {
  return all(
    db,
    sql`SELECT 'import:' || source AS source, sum(rejected) AS invalid, sum(matched) AS duplicates
        FROM imports WHERE status IN ('finished', 'confirmed') GROUP BY source`,
  );
}

export function sourceCosts(db: DB): { source: string; cost_pence: number }[] {
  return all(db, sql`SELECT source, cost_pence FROM source_costs`);
}

export function setCost(db: DB, source: string, costPence: number | null, note: string, at: string): void {
  if (costPence === null) {
    run(db, sql`DELETE FROM source_costs WHERE source = ${source}`);
    return;
  }
  run(
    db,
    sql`INSERT INTO source_costs (source, cost_pence, note, updated_at) VALUES (${source}, ${costPence}, ${note}, ${at})
        ON CONFLICT (source) DO UPDATE SET cost_pence = excluded.cost_pence, note = excluded.note,
          updated_at = excluded.updated_at`,
  );
}
