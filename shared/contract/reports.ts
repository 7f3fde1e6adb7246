// Buying patterns: RFM groups over a chosen period, sales by time, item, channel, venue, region and
// age band, how often people come back, and cohorts by month of first purchase. Aggregates only
// (a report never names a customer), computed in SQL so a chart gets hundreds of points, never a
// million rows. Owners, managers and staff read them; volunteers and read-only accounts (kept for
// looking records up) see none.
import { z } from 'zod';
import { Basis, RFM_GROUPS, RfmBreaks } from '../rfm';
import { Period } from '../segments';
import type { Role } from './roles';

const READERS: readonly Role[] = ['owner', 'manager', 'staff'];

export { RFM_GROUP_LABELS, RFM_GROUPS, rfmGroup } from '../rfm';

const RfmInput = z.object({
  period: Period,
  basis: Basis,
  /**
   * Quintiles of the customers who bought in the period, or breaks the owner sets: the most days
   * since the last purchase for recency scores 5, 4, 3, 2 (more is 1), and the most purchases for
   * frequency scores 1, 2, 3, 4 (more is 5). Groups are read from R and F; money is shown per cell.
   */
  breaks: RfmBreaks.optional(),
});

export const SALES_BY = ['month', 'category', 'item', 'weekday', 'channel', 'venue', 'region', 'age_band'] as const;
export type SalesBy = (typeof SALES_BY)[number];

const Sums = { purchases: z.number().int(), quantity: z.number().int(), amount_pence: z.number().int() };

export const reports = {
  'reports.rfm': {
    input: RfmInput,
    output: z.object({
      customers: z.number().int(),
      method: z.enum(['quintiles', 'breaks']),
      groups: z.array(
        z.object({
          group: z.enum(RFM_GROUPS),
          label: z.string(),
          customers: z.number().int(),
          spend_pence: z.number().int(),
        }),
      ),
      grid: z.array(
        z.object({
          r: z.number().int(),
          f: z.number().int(),
          customers: z.number().int(),
          spend_pence: z.number().int(),
        }),
      ),
    }),
    roles: READERS,
  },
  'reports.sales': {
    input: z.object({ by: z.enum(SALES_BY), period: Period.default({}), basis: Basis }),
    output: z.object({
      rows: z.array(z.object({ key: z.string(), label: z.string(), customers: z.number().int(), ...Sums })),
      /** Sales of customers since erased, kept as anonymous totals (by month, category and item only). */
      erased: z.object(Sums),
    }),
    roles: READERS,
  },
  'reports.repeat': {
    input: z.object({ period: Period.default({}), basis: Basis }),
    output: z.object({
      buyers: z.number().int(),
      repeat_buyers: z.number().int(),
      repeat_rate: z.number(),
      /** Days between one purchase day and the customer's next, averaged and at the median. */
      mean_days_between: z.number().nullable(),
      median_days_between: z.number().nullable(),
      cohorts: z.array(
        z.object({
          month: z.string(),
          customers: z.number().int(),
          /** Of them, how many bought again 1, 2, … 12 months after their first month. */
          returned: z.array(z.number().int()),
        }),
      ),
    }),
    roles: READERS,
  },
} as const;
