// Information requests in SQL: the step that records what was handed over, shared by a handover
// and a subject-access pack (the rest of the requests' SQL still sits in requests.service.ts and
// rectification.ts, listed as pending by tests/unit/sql-boundary.test.ts).
import type { DB } from '../db/open';
import { run, sql } from '../db/sql';

/** Record a request as supplied: the fields handed over, on which channel, by whom and when. */
export function markSupplied(
  db: DB,
  id: number,
  supplied: { fields: readonly string[]; channel: string; by: number; at: string },
): void {
  run(
    db,
    sql`UPDATE info_requests SET status = 'supplied', fields = ${JSON.stringify(supplied.fields)},
          channel = ${supplied.channel}, supplied_by = ${supplied.by}, supplied_at = ${supplied.at}
        WHERE id = ${id}`,
  );
}
