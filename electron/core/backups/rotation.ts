// Which backups to keep: the newest of each of the last 7 days that have one, of the last 4
// weeks and of the last 12 months (days, ISO weeks and months in UTC), like KeePassXC's and
// Time Machine's rotations. A pure function, so the rule is tested on its own
// (tests/unit/backup-rotation.test.ts); the folder is pruned by write.ts after a good backup.

const KEEP = { daily: 7, weekly: 4, monthly: 12 } as const;

type Dated = { name: string; created_at: string };

const day = (d: Date) => d.toISOString().slice(0, 10);
const month = (d: Date) => d.toISOString().slice(0, 7);

/** The ISO week (Monday first) a day falls in, e.g. '2026-W49'. */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The backups to keep and those to remove, newest first in each. */
export function rotate<T extends Dated>(items: readonly T[]): { keep: T[]; remove: T[] } {
  const newest = [...items].sort((a, b) => b.created_at.localeCompare(a.created_at));
  const kept = new Set<T>();
  for (const [period, count] of [
    [day, KEEP.daily],
    [isoWeek, KEEP.weekly],
    [month, KEEP.monthly],
  ] as const) {
    const seen = new Set<string>();
    for (const item of newest) {
      const key = period(new Date(item.created_at));
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      kept.add(item);
    }
  }
  return { keep: newest.filter((i) => kept.has(i)), remove: newest.filter((i) => !kept.has(i)) };
}
