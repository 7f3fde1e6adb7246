// The rotation of backups: the newest of each of the last 7 days, 4 ISO weeks and 12 months that
// have one is kept, the rest removed; a day with several keeps only its newest.
import { describe, expect, it } from 'vitest';
import { isoWeek, rotate } from '../../electron/core/backups/rotation';

const at = (iso: string) => ({ name: iso, created_at: iso });

/** A backup every 6 hours for `days` days up to `end`. */
function every6h(end: string, days: number) {
  const out = [];
  for (let i = 0; i < days * 4; i++) out.push(at(new Date(Date.parse(end) - i * 6 * 3_600_000).toISOString()));
  return out;
}

describe('rotate', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly copies of two years of backups', () => {
    const items = every6h('2026-12-06T18:00:00.000Z', 730);
    const { keep, remove } = rotate(items);
    expect(keep.length + remove.length).toBe(items.length);
    const days = new Set(keep.map((k) => k.created_at.slice(0, 10)));
    for (let d = 0; d < 7; d++) {
      expect(days.has(new Date(Date.parse('2026-12-06T00:00:00Z') - d * 86_400_000).toISOString().slice(0, 10))).toBe(
        true,
      );
    }
    // The newest of each of the 7 days, then the newest of the weeks and months not yet covered.
    expect(keep[0]?.created_at).toBe('2026-12-06T18:00:00.000Z');
    expect(keep.filter((k) => k.created_at.startsWith('2026-12-06'))).toHaveLength(1);
    const weeks = new Set(keep.map((k) => isoWeek(new Date(k.created_at))));
    expect([...weeks].filter((w) => w >= '2026-W46').length).toBeGreaterThanOrEqual(4);
    const months = new Set(keep.map((k) => k.created_at.slice(0, 7)));
    expect(months.size).toBe(12);
    expect([...months].sort()[0]).toBe('2026-01');
    // At most 7 + 4 + 12 copies, however many were made.
    expect(keep.length).toBeLessThanOrEqual(23);
    expect(keep.length).toBeGreaterThanOrEqual(12);
  });

  it('keeps everything while there are few, and the newest of a busy day', () => {
    const few = [at('2026-12-01T09:00:00.000Z'), at('2026-12-02T09:00:00.000Z')];
    expect(rotate(few).remove).toEqual([]);
    const day = [at('2026-12-06T09:00:00.000Z'), at('2026-12-06T12:00:00.000Z'), at('2026-12-06T17:00:00.000Z')];
    expect(rotate(day).keep.map((k) => k.created_at)).toEqual(['2026-12-06T17:00:00.000Z']);
  });

  it('numbers ISO weeks from Monday, across a new year', () => {
    expect(isoWeek(new Date('2026-12-06T12:00:00Z'))).toBe('2026-W49');
    expect(isoWeek(new Date('2026-12-07T12:00:00Z'))).toBe('2026-W50');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
  });
});
