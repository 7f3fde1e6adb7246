// The database-wide completeness table: for each built-in field, how many records have it. The
// counts are kept by triggers on every customer write (migration 0005), so this reads one row
// however large the file is.
import type { Output } from '../../../shared/contract';
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { get, sql } from '../db/sql';

export function readFieldCounts(db: DB): Map<string, number> {
  const row = get<Record<string, number>>(db, sql`SELECT * FROM field_counts WHERE id = 1`) ?? {};
  return new Map(Object.entries(row).filter(([key]) => key !== 'id'));
}

export function completenessTable(ctx: Context): Output<'quality.completeness'> {
  const counts = readFieldCounts(ctx.db);
  const records = counts.get('records') ?? 0;
  return {
    records,
    fields: COMPLETENESS_FIELDS.map((f) => {
      const filled = counts.get(f.key) ?? 0;
      return {
        field: f.key,
        label: f.label,
        filled,
        percent: records === 0 ? 0 : Math.round((filled / records) * 1000) / 10,
      };
    }),
  };
}
