// RFM: recency and frequency scores (1–5) over a period, and the named groups read from them.
// One rule for the buying-pattern report (reports.rfm) and the segment condition "RFM group"
// (shared/segments.ts), so a group holds the same people on the report and in a segment.
import { z } from 'zod';

/** Which rows count: every purchase, or only bookings and attendance (rows with a venue). */
export const BASES = ['purchases', 'bookings'] as const;
export const Basis = z.enum(BASES).default('purchases');
export type Basis = z.infer<typeof Basis>;

export const RFM_GROUPS = ['champions', 'loyal', 'new', 'needs_attention', 'at_risk', 'lapsed'] as const;
type RfmGroup = (typeof RFM_GROUPS)[number];
export const RFM_GROUP_LABELS: Record<RfmGroup, string> = {
  champions: 'Champions: bought recently and often',
  loyal: 'Loyal: come back regularly',
  new: 'New or occasional: bought recently, not often yet',
  needs_attention: 'Need attention: middling on both',
  at_risk: 'At risk: used to come often, not lately',
  lapsed: 'Lapsed: not lately and not often',
};

/** R and F scores (1–5) → a named group; the one place the grid is read into words. */
export function rfmGroup(r: number, f: number): RfmGroup {
  if (r >= 4 && f >= 4) return 'champions';
  if (r >= 3 && f >= 3) return 'loyal';
  if (r >= 4) return 'new';
  if (r <= 2 && f >= 3) return 'at_risk';
  if (r <= 2) return 'lapsed';
  return 'needs_attention';
}

const Breaks = z
  .array(z.number().int().min(0))
  .length(4, 'Give four breaks: they make five scores.')
  .refine(
    (b) => b.every((v, i) => i === 0 || v > (b[i - 1] as number)),
    'Each break must be more than the one before.',
  );

/**
 * Breaks the owner sets instead of quintiles: the most days since the last purchase for recency
 * scores 5, 4, 3, 2 (more is 1), and the most purchases for frequency scores 1, 2, 3, 4 (more is 5).
 */
export const RfmBreaks = z.object({ recency_days: Breaks, frequency: Breaks }).strict();
export type RfmBreaks = z.infer<typeof RfmBreaks>;

/** Every (R, F) cell of the grid whose group is one of `groups`, as R × 10 + F. */
export function rfmCells(groups: readonly RfmGroup[]): number[] {
  const cells: number[] = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) if (groups.includes(rfmGroup(r, f))) cells.push(r * 10 + f);
  return cells;
}

/**
 * The day recency is counted back from: the period's end, or today when the period runs on past
 * it (or has no end).
 */
export function rfmEnd(period: { to?: string | undefined }, today: string): string {
  return period.to && period.to < today ? period.to : today;
}
