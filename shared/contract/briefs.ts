// Briefs: figures put together for colleagues — buying patterns and segment counts — stamped with
// who it is for, why, the period and where the figures come from, as a PDF anyone can read.
// Aggregates only: a count under five is printed as "fewer than 5" (and its money left out), so a
// brief never lets a reader pick out a person; a named person's details go through a request.
import { z } from 'zod';
import { formatCount } from '../format';
import { Basis } from '../rfm';
import { Period } from '../segments';
import { SALES_BY } from './reports';
import { MANAGERS } from './roles';

export const BriefItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rfm') }).strict(),
  z.object({ kind: z.literal('sales'), by: z.enum(SALES_BY) }).strict(),
  z.object({ kind: z.literal('repeat') }).strict(),
  z.object({ kind: z.literal('segment'), segment_id: z.number().int().positive() }).strict(),
]);
export type BriefItem = z.infer<typeof BriefItem>;

/** The smallest count a brief prints as a number. */
export const SMALLEST_SHOWN = 5;

/** A count as a brief prints it. */
export function briefCount(n: number): string {
  return n > 0 && n < SMALLEST_SHOWN ? `fewer than ${SMALLEST_SHOWN}` : formatCount(n);
}

export const briefs = {
  'briefs.make': {
    input: z.object({
      title: z.string().trim().min(1, 'Give the brief a title.').max(120),
      audience: z.string().trim().min(1, 'Say who the brief is for.').max(200),
      purpose: z.string().trim().min(1, 'Say what the brief is for.').max(500),
      period: Period.default({}),
      /** Which rows the reports count: every purchase, or bookings and attendance (sales with a venue). */
      basis: Basis,
      items: z.array(BriefItem).min(1, 'Put at least one figure in the brief.').max(20),
    }),
    output: z.object({ filename: z.string(), mime: z.string(), content_base64: z.string() }),
    roles: MANAGERS,
  },
} as const;
