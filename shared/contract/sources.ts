// The sources register: what each collection channel yields, and what it cost.
import { z } from 'zod';
import { MANAGERS } from './roles';

/** The fixed collection channels; each import source adds one more ('import:<name>'). */
export const CHANNELS = ['counter', 'event', 'phone', 'request'] as const;

const SourceStats = z.object({
  source: z.string(),
  label: z.string(),
  records: z.number().int(),
  /** Records with a name and at least one of email, phone or address (the must-haves for now). */
  complete: z.number().int(),
  completeness: z.number(),
  /** Values refused on the way in (rows rejected by imports from this source). */
  invalid: z.number().int(),
  /** Rows that matched an existing record instead of creating one. */
  duplicates: z.number().int(),
  cost_pence: z.number().int().nullable(),
  cost_per_complete_pence: z.number().nullable(),
});

export const sources = {
  'sources.list': { input: z.object({}), output: z.array(SourceStats), roles: MANAGERS },
  'sources.setCost': {
    input: z.object({
      source: z.string().trim().min(1).max(80),
      /** What collecting through this channel cost, in pence; null clears it. */
      cost_pence: z.number().int().min(0).max(1_000_000_000).nullable(),
      note: z.string().trim().max(200).default(''),
    }),
    output: z.object({ source: z.string(), cost_pence: z.number().int().nullable() }),
    roles: MANAGERS,
  },
} as const;
