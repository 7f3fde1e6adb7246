// The database-wide completeness table: for each field in the register, how many records have
// it. The counts are kept by triggers on every write — built-in fields in field_counts (migration
// 0005), register-defined fields in value_counts (0007) — so this reads two small tables however
// large the file is.
import type { Output } from '../../../shared/contract';
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import type { Context } from '../context';
import { readFieldCounts, registerPriorities, valueCounts } from './completeness.queries';

export { readFieldCounts };

export function completenessTable(ctx: Context): Output<'quality.completeness'> {
  const counts = readFieldCounts(ctx.db);
  const records = counts.get('records') ?? 0;
  const percent = (filled: number) => (records === 0 ? 0 : Math.round((filled / records) * 1000) / 10);
  const priorities = registerPriorities(ctx.db);
  const builtIn = COMPLETENESS_FIELDS.map((f) => {
    const filled = counts.get(f.key) ?? 0;
    const priority = priorities.get(f.key);
    return { field: f.key, label: f.label, filled, percent: percent(filled), ...(priority ? { priority } : {}) };
  });
  const defined = valueCounts(ctx.db).map((r) => ({
    field: r.key,
    label: r.label,
    filled: r.filled,
    percent: percent(r.filled),
    priority: r.priority,
  }));
  return { records, fields: [...builtIn, ...defined] };
}
