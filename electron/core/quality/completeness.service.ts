// The database-wide completeness table: for each field in the register, how many records have
// it. The counts are kept by triggers on every write — built-in fields in field_counts (migration
// 0005), register-defined fields in value_counts (0007) — so this reads two small tables however
// large the file is.
import type { Output } from '../../../shared/contract';
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { all, get, sql } from '../db/sql';

export function readFieldCounts(db: DB): Map<string, number> {
  const row = get<Record<string, number>>(db, sql`SELECT * FROM field_counts WHERE id = 1`) ?? {};
  return new Map(Object.entries(row).filter(([key]) => key !== 'id'));
}

type Priority = 'must_have' | 'nice_to_know' | 'not_collected';

export function completenessTable(ctx: Context): Output<'quality.completeness'> {
  const counts = readFieldCounts(ctx.db);
  const records = counts.get('records') ?? 0;
  const percent = (filled: number) => (records === 0 ? 0 : Math.round((filled / records) * 1000) / 10);
  const priorities = new Map(
    all<{ key: string; priority: Priority }>(ctx.db, sql`SELECT key, priority FROM register_fields`).map((r) => [
      r.key,
      r.priority,
    ]),
  );
  const builtIn = COMPLETENESS_FIELDS.map((f) => {
    const filled = counts.get(f.key) ?? 0;
    const priority = priorities.get(f.key);
    return { field: f.key, label: f.label, filled, percent: percent(filled), ...(priority ? { priority } : {}) };
  });
  const defined = all<{ key: string; label: string; priority: Priority; filled: number }>(
    ctx.db,
    sql`SELECT r.key, r.label, r.priority, c.filled FROM value_counts c JOIN register_fields r ON r.key = c.field_key
        ORDER BY r.position`,
  ).map((r) => ({ field: r.key, label: r.label, filled: r.filled, percent: percent(r.filled), priority: r.priority }));
  return { records, fields: [...builtIn, ...defined] };
}
